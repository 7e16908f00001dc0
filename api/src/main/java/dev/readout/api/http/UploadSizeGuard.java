package dev.readout.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.readout.api.ApiConfig;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Refuses an upload whose {@code Content-Length} is over the limit before its body is read, with the same
 * problem+json 413 as every other limit (the HTTP layer's own cap, {@code quarkus.http.limits.max-body-size}, would
 * answer with an empty body). Multipart framing gets 64 KiB of slack; the exact size is checked after receipt.
 */
@ApplicationScoped
public class UploadSizeGuard {
    private static final long MULTIPART_SLACK = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ApiConfig config;

    void install(@Observes Router router) {
        router.route().order(-100).handler(rc -> {
            String length = rc.request().getHeader("Content-Length");
            long max = config.limits().maxUploadBytes() + MULTIPART_SLACK;
            if (length != null && rc.request().path().startsWith("/v1/")) {
                try {
                    if (Long.parseLong(length.strip()) > max) {
                        Problem p = Problem.of(413, "limit-exceeded", Problem.titleOf("limit-exceeded"), "the upload ("
                                + length.strip() + " bytes) is larger than the limit of " + config.limits().maxUploadBytes()
                                + " bytes", rc.request().path());
                        // the body is read and dropped by the HTTP layer, so the client gets this answer
                        rc.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                                .end(JSON.writeValueAsString(p));
                        return;
                    }
                } catch (NumberFormatException | JsonProcessingException e) {
                    // not a number: let the HTTP layer judge it
                }
            }
            rc.next();
        });
    }
}
