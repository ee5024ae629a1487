package dev.adl.server;

import dev.adl.diag.Diagnostic;
import dev.adl.runtime.InputException;

import java.util.ArrayList;
import java.util.List;

/**
 * A client's mistake, answered with its status and the error body
 * {@code {code, message, errors:[{line, col, message}]}}; never logged as a server failure.
 */
public final class ApiException extends RuntimeException {
    /** One located problem in a request body (a policy line, a CSV row); 0 when there is no column. */
    public record Detail(int line, int col, String message) {
    }

    private final int status;
    private final String code;
    private final transient List<Detail> errors;

    public ApiException(int status, String code, String message, List<Detail> errors) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public ApiException(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<Detail> errors() {
        return errors;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, "conflict", message);
    }

    /**
     * An input error of the engine's readers as a response: each located diagnostic becomes
     * one entry of {@code errors}; the message is {@code summary} with the first line, or the
     * engine's own sentence when nothing is located.
     */
    public static ApiException input(int status, String code, String summary, InputException e) {
        List<Detail> details = new ArrayList<>();
        for (Diagnostic d : e.diagnostics()) {
            if (d.line() > 0) details.add(new Detail(d.line(), d.col(), d.message()));
        }
        if (details.isEmpty() || summary == null) return new ApiException(status, code, e.getMessage(), details);
        String more = details.size() > 1 ? " and " + (details.size() - 1) + " more" : "";
        return new ApiException(status, code, summary + " on line " + details.get(0).line() + more, details);
    }
}
