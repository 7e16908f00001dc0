package dev.readout.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail, written as {@code application/problem+json}. {@code code} is Readout's stable
 * machine-readable reason (the same codes as the CLI and the job errors). Never carries a stack trace or class name.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String code) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String code, String title, String detail, String instance) {
        return new Problem("https://readout.dev/problems/" + code, title, status, detail, instance, code);
    }

    public Response response() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }

    /** HTTP status and title for a Readout error code. */
    public static int statusOf(String code) {
        return switch (code) {
            case "unsupported-format" -> 415;
            case "limit-exceeded" -> 413;
            case "corrupt", "encrypted", "timeout", "no-pages", "render-failed", "page-failed" -> 422;
            case "engine-unavailable", "interrupted" -> 503;
            case "bad-request" -> 400;
            case "not-found" -> 404;
            case "not-finished", "no-result" -> 409;
            case "not-installed" -> 501;
            default -> 500;
        };
    }

    public static String titleOf(String code) {
        return switch (code) {
            case "unsupported-format" -> "Unsupported document type";
            case "limit-exceeded" -> "Document over a limit";
            case "corrupt" -> "Unreadable document";
            case "encrypted" -> "Encrypted document";
            case "timeout" -> "Processing timed out";
            case "engine-unavailable" -> "Engine unavailable";
            case "interrupted" -> "Processing interrupted";
            case "bad-request" -> "Bad request";
            case "not-found" -> "Not found";
            case "not-finished" -> "Not finished";
            case "no-result" -> "No result";
            case "not-installed" -> "Not installed";
            default -> "Processing failed";
        };
    }
}
