package dev.readout.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.readout.api.jobs.QueueFullException;
import dev.readout.api.store.JobStore;
import dev.readout.core.error.ReadoutException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves the service as problem+json: one mapper per exception type, no stack traces, no class names. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response readout(ReadoutException e, HttpServerRequest request) {
        return Problem.of(Problem.statusOf(e.code()), e.code(), Problem.titleOf(e.code()), e.getMessage(), request.path())
                .response();
    }

    @ServerExceptionMapper
    public Response queueFull(QueueFullException e, HttpServerRequest request) {
        int status = e.stopping() ? 503 : 429;
        Problem p = Problem.of(status, e.stopping() ? "stopping" : "queue-full",
                e.stopping() ? "Service stopping" : "Too many documents", e.getMessage() + "; retry later", request.path());
        return Response.status(status).type(Problem.MEDIA_TYPE).header("Retry-After", e.retryAfterSeconds()).entity(p).build();
    }

    @ServerExceptionMapper
    public Response badRequest(IllegalArgumentException e, HttpServerRequest request) {
        return Problem.of(400, "bad-request", "Bad request", e.getMessage(), request.path()).response();
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e, HttpServerRequest request) {
        return Problem.of(400, "bad-request", "Bad request", "the request body is not the JSON expected", request.path())
                .response();
    }

    @ServerExceptionMapper
    public Response store(JobStore.StoreException e, HttpServerRequest request) {
        LOG.error("database failure", e);
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", 10)
                .entity(Problem.of(503, "database-unavailable", "Database unavailable",
                        "the job database cannot be reached; retry later", request.path())).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        String reason = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error";
        String code = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "limit-exceeded";
            case 415 -> "unsupported-media-type";
            default -> status >= 500 ? "internal" : "bad-request";
        };
        String detail = status == 404 ? "no such resource: " + request.path()
                : status >= 500 ? "the service failed; its log has the details" : reason;
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        return Problem.of(status, code, reason, detail, request.path()).response();
    }

    @ServerExceptionMapper
    public Response any(Throwable e, HttpServerRequest request) {
        if (e instanceof java.io.IOException && e.getMessage() != null && e.getMessage().contains("Request too large")) {
            // a body without Content-Length that ran past the HTTP layer's cap (quarkus.http.limits.max-body-size) while
            // the resource was reading it: seen as a 500 "internal" in the service log before this mapping
            return Problem.of(413, "limit-exceeded", Problem.titleOf("limit-exceeded"),
                    "the upload is larger than the service accepts", request.path()).response();
        }
        LOG.error("unexpected failure on " + request.path(), e);
        return Problem.of(500, "internal", "Internal error", "the service failed; its log has the details", request.path())
                .response();
    }
}
