package dev.readout.api.http;

import dev.readout.api.jobs.ReadoutEngine;
import dev.readout.api.store.Storage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the warm-up has loaded the models (Tesseract, OpenCV, the layout model) and the database answers. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {
    @Inject
    ReadoutEngine engine;

    @Inject
    Storage storage;

    @Override
    public HealthCheckResponse call() {
        boolean db = storage.jobs().reachable();
        return HealthCheckResponse.named("readout").status(engine.ready() && db).withData("engine", engine.state())
                .withData("stages", String.join(",", engine.stageNames())).withData("database", db ? "up" : "down").build();
    }
}
