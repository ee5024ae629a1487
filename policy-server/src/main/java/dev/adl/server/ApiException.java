package dev.adl.server;

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
}
