package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document against the server's router: every route the router has is in the
 * document and every operation the document names is a route, so a route added to one and
 * not the other fails here. The document's own references and path parameters are checked too.
 */
class OpenApiDocumentTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Pattern PARAM = Pattern.compile(":([A-Za-z0-9_]+)");

    @TempDir
    static Path dir;
    static Vertx vertx;
    static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        s = TestServer.start(vertx, dir, false);
    }

    @AfterAll
    static void stop() {
        s.close();
        vertx.close().await();
    }

    private static JsonNode document() {
        return Json.parse(Console.openapi());
    }

    /** {@code GET /v1/markets/{m}} for every method of every route with a path (the console's files have a pattern). */
    private static Set<String> routerOperations() throws Exception {
        Api api = new Api(vertx, s.server.state(), Tokens.read(dir.resolve("tokens.json")), 1024, 1);
        Set<String> out = new TreeSet<>();
        for (Route route : api.router().getRoutes()) {
            if (route.getPath() == null) continue;
            Matcher m = PARAM.matcher(route.getPath());
            String path = m.replaceAll("{$1}");
            for (HttpMethod method : route.methods()) out.add(method.name() + " " + path);
        }
        return out;
    }

    private static Set<String> documentOperations(JsonNode doc) {
        Set<String> out = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (METHODS.contains(method)) out.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            });
        }
        return out;
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute() throws Exception {
        Set<String> routes = routerOperations();
        Set<String> documented = documentOperations(document());
        Set<String> undocumented = new TreeSet<>(routes);
        undocumented.removeAll(documented);
        Set<String> missing = new TreeSet<>(documented);
        missing.removeAll(routes);
        assertThat(undocumented).as("routes the OpenAPI document lacks").isEmpty();
        assertThat(missing).as("operations in the OpenAPI document the server lacks").isEmpty();
        // the walk found the API itself, not an empty router
        assertThat(routes).contains("POST /v1/markets/{m}/dry-run", "GET /v1/audit",
                "POST /v1/policies/{name}/versions/{v}/test", "GET /v1/openapi.json");
    }

    @Test
    void documentIsOpenApi31WithResolvableReferencesAndDeclaredPathParameters() {
        JsonNode doc = document();
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        List<String> problems = new ArrayList<>();
        checkRefs(doc, doc, "", problems);
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path.getKey());
            List<String> inPath = new ArrayList<>();
            while (m.find()) inPath.add(m.group(1));
            path.getValue().fields().forEachRemaining(op -> {
                Set<String> declared = new TreeSet<>();
                for (JsonNode p : op.getValue().path("parameters")) {
                    JsonNode resolved = resolve(doc, p);
                    if (resolved != null && "path".equals(resolved.path("in").asText())) declared.add(resolved.get("name").asText());
                }
                if (!declared.equals(new TreeSet<>(inPath))) {
                    problems.add(op.getKey() + " " + path.getKey() + " declares path parameters " + declared);
                }
                if (!op.getValue().has("responses")) problems.add(op.getKey() + " " + path.getKey() + " has no responses");
            });
        }
        assertThat(problems).isEmpty();
        // the one error format is described once and used by the error responses
        assertThat(doc.at("/components/schemas/Error/required").toString()).isEqualTo("[\"code\",\"message\",\"errors\"]");
        assertThat(doc.at("/paths/~1v1~1policies/post/responses/403/$ref").asText())
                .isEqualTo("#/components/responses/Forbidden");
    }

    @Test
    void servedAtItsPathWithoutAToken() {
        TestServer.Resp r = s.get("/v1/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(r.json().at("/paths/~1v1~1audit/get/summary").asText()).contains("audit");
    }

    @Test
    void poolAndLayerAnswersCarryTheFieldsTheDocumentNames() {
        String op = TestServer.OPERATOR;
        TestServer.expect(s.put("/v1/layers/doc-fund", op, TestServer.JSON, "{\"kind\": \"fund\", \"balance\": \"10\"}"), 201);
        JsonNode created = TestServer.expect(s.put("/v1/layers/doc-pool", op, TestServer.JSON,
                "{\"kind\": \"pool\", \"cooldown\": \"1d\"}"), 201).json();
        JsonNode doc = document();
        List<String> problems = new ArrayList<>();
        fields(doc, "LayerDetail", created, problems);
        JsonNode stake = TestServer.expect(s.post("/v1/pools/doc-pool/stakes", op, TestServer.JSON,
                "{\"staker\": \"sam\", \"amount\": \"100\"}"), 200).json();
        fields(doc, "PoolOperation", stake, problems);
        fields(doc, "PoolOperation", TestServer.expect(s.post("/v1/pools/doc-pool/unstake-requests", op, TestServer.JSON,
                "{\"staker\": \"sam\", \"shares\": \"40\"}"), 200).json(), problems);
        fields(doc, "PoolOperation", TestServer.expect(s.post("/v1/pools/doc-pool/revenue", op, TestServer.JSON,
                "{\"amount\": \"5\"}"), 200).json(), problems);
        fields(doc, "Staker", stake.get("staker"), problems);
        JsonNode staker = TestServer.expect(s.get("/v1/pools/doc-pool/stakers/sam"), 200).json();
        fields(doc, "Staker", staker, problems);
        fields(doc, "PoolDetail", TestServer.expect(s.get("/v1/pools/doc-pool"), 200).json(), problems);
        fields(doc, "PoolYield", s.get("/v1/pools/doc-pool").json().at("/yield/7d"), problems);
        fields(doc, "Pool", s.get("/v1/pools").json().at("/pools/0"), problems);
        fields(doc, "LayerDetail", TestServer.expect(s.get("/v1/layers/doc-fund"), 200).json(), problems);
        for (JsonNode layer : s.get("/v1/layers").json().get("layers")) fields(doc, "Layer", layer, problems);
        fields(doc, "Caller", s.get("/v1/whoami", op).json(), problems);
        JsonNode refused = TestServer.expect(s.post("/v1/pools/doc-pool/withdrawals", op, TestServer.JSON,
                "{\"staker\": \"sam\"}"), 409).json();
        fields(doc, "Error", refused, problems);
        assertThat(problems).isEmpty();
        // 40 of 100 shares asked for at value 100, then revenue of 5: the request keeps its 40, the shares are worth 105
        assertThat(staker.at("/request/value_at_request").asText()).isEqualTo("40");
        assertThat(staker.get("value").asText()).isEqualTo("105");
        assertThat(doc.at("/paths/~1v1~1pools~1{pool}~1withdrawals/post/responses/409/$ref").asText())
                .isEqualTo("#/components/responses/Refused");
    }

    /** An answer has every field the schema requires and none it does not name ({@code allOf} parts merged). */
    static void fields(JsonNode doc, String schema, JsonNode answer, List<String> problems) {
        Set<String> named = new TreeSet<>();
        Set<String> required = new TreeSet<>();
        collect(doc, doc.at("/components/schemas/" + schema), named, required);
        Set<String> given = new TreeSet<>();
        answer.fieldNames().forEachRemaining(given::add);
        if (!given.containsAll(required) || !named.containsAll(given)) {
            problems.add(schema + " names " + named + " (required " + required + ") but the answer has " + given);
        }
    }

    private static void collect(JsonNode doc, JsonNode schema, Set<String> named, Set<String> required) {
        JsonNode s = resolve(doc, schema);
        s.path("properties").fieldNames().forEachRemaining(named::add);
        s.path("required").forEach(r -> required.add(r.asText()));
        for (JsonNode part : s.path("allOf")) collect(doc, part, named, required);
    }

    private static JsonNode resolve(JsonNode doc, JsonNode node) {
        if (!node.has("$ref")) return node;
        String ref = node.get("$ref").asText();
        if (!ref.startsWith("#/")) return null;
        JsonNode target = doc.at(ref.substring(1));
        return target.isMissingNode() ? null : target;
    }

    private static void checkRefs(JsonNode doc, JsonNode node, String where, List<String> problems) {
        if (node.isObject()) {
            if (node.has("$ref") && resolve(doc, node) == null) problems.add(where + ": unresolved " + node.get("$ref"));
            node.fields().forEachRemaining(e -> checkRefs(doc, e.getValue(), where + "/" + e.getKey(), problems));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) checkRefs(doc, node.get(i), where + "/" + i, problems);
        }
    }
}
