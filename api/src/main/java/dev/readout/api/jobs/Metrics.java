package dev.readout.api.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * The service's Prometheus metrics (under {@code /q/metrics}): {@code readout_documents_processed_total{status}},
 * {@code readout_pages_processed_total}, {@code readout_stage_seconds{stage}} (histogram), {@code
 * readout_document_seconds} (histogram), {@code readout_failures_total{reason}}; the queue gauges are registered by
 * {@link JobService}.
 */
@ApplicationScoped
public class Metrics {
    @Inject
    MeterRegistry registry;

    public MeterRegistry registry() {
        return registry;
    }

    public Timer stage(String name) {
        return Timer.builder("readout.stage").description("Time per page (or per document for 'open') in one stage")
                .tag("stage", name).publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(2)).register(registry);
    }

    public Timer document() {
        return Timer.builder("readout.document").description("Processing time of one document, queue wait excluded")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
    }

    public void processed(String status, int pages) {
        Counter.builder("readout.documents.processed").description("Documents finished, by final status")
                .tag("status", status).register(registry).increment();
        Counter.builder("readout.pages.processed").description("Pages processed").register(registry).increment(pages);
    }

    /** A failure: a document that failed (corrupt, encrypted, timeout, …) or an upload refused (queue-full, …). */
    public void failure(String reason) {
        Counter.builder("readout.failures").description("Failures by reason").tag("reason", reason).register(registry)
                .increment();
    }
}
