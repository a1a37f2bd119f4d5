package io.sockudo.adapter.api;

/**
 * A refused HTTP API request: the status, a stable machine-readable code and a message. The
 * transport answers {@code {"error": message, "code": code, "status": status}}.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public ApiError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, "invalid_request", message);
    }

    public static ApiError unauthorized(String message) {
        return new ApiError(401, "auth_failed", message);
    }

    public static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }

    public static ApiError appNotFound(String message) {
        return new ApiError(404, "app_not_found", message);
    }

    public static ApiError payloadTooLarge(String message) {
        return new ApiError(413, "payload_too_large", message);
    }

    public static ApiError tooManyRequests(String message) {
        return new ApiError(429, "too_many_requests", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
