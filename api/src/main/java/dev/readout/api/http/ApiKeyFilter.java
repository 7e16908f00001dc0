package dev.readout.api.http;

import dev.readout.api.ApiConfig;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * When API keys are configured ({@code readout.api-keys}), every {@code /v1} request must carry one in
 * {@code X-API-Key} or {@code Authorization: Bearer …}; otherwise 401 problem+json. Health, metrics, OpenAPI
 * and the viewer's static files stay open.
 */
public class ApiKeyFilter {
    /** Looked up per request: the filter is created during static init, before run-time configuration exists. */
    @Inject
    Instance<ApiConfig> config;

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext ctx) {
        List<String> keys = config.get().apiKeys().orElse(List.of()).stream().filter(k -> !k.isBlank()).toList();
        String path = ctx.getUriInfo().getRequestUri().getPath();
        if (keys.isEmpty() || !(path.equals("/v1") || path.startsWith("/v1/"))) {
            return null;
        }
        String given = ctx.getHeaderString("X-API-Key");
        String auth = ctx.getHeaderString("Authorization");
        if (given == null && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = auth.substring(7).strip();
        }
        if (given != null) {
            byte[] g = given.getBytes(StandardCharsets.UTF_8);
            boolean ok = false;
            for (String k : keys) {
                ok |= MessageDigest.isEqual(g, k.getBytes(StandardCharsets.UTF_8));
            }
            if (ok) {
                return null;
            }
        }
        return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer")
                .entity(Problem.of(401, "unauthorized", "Unauthorized",
                        given == null ? "an API key is required (header X-API-Key)" : "the API key is not valid", path))
                .build();
    }
}
