package dev.adl.server;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The governance console and the API's description: the console's bundled files from the
 * jar's {@code console/} folder at {@code /}, and the OpenAPI document at
 * {@code /v1/openapi.json}. The console is a client of the API like any other: it holds no
 * route of its own beyond its files.
 */
final class Console {
    /** Where the OpenAPI document lives on the classpath: a checked-in file, one entry per route. */
    static final String OPENAPI = "/dev/adl/server/openapi.json";
    /** Paths the console's files never take, so the API's 404 and 405 answers stay as they are. */
    private static final String FILES = "^/(?!v1/|v1$|health/|metrics$).*";

    private Console() {
    }

    static void mount(Router r, Http http) {
        String document = openapi();
        r.get("/v1/openapi.json").handler(ctx -> http.send(ctx, new Http.Reply(200, Http.JSON, document)));
        // the console's files never change while the server runs; index.html is asked for each visit
        StaticHandler files = StaticHandler.create("console").setIndexPage("index.html").setCachingEnabled(false)
                .setDirectoryListing(false).setIncludeHidden(false);
        // one route for every method: a missing file and a POST to a file path both stay a 404, as before
        r.routeWithRegex(FILES).handler(ctx -> {
            HttpMethod m = ctx.request().method();
            if (m.equals(HttpMethod.GET) || m.equals(HttpMethod.HEAD)) {
                files.handle(ctx);
            } else {
                ctx.next();
            }
        });
    }

    static String openapi() {
        try (InputStream in = Console.class.getResourceAsStream(OPENAPI)) {
            if (in == null) throw new IllegalStateException("the jar lacks " + OPENAPI);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + OPENAPI, e);
        }
    }
}
