package dev.readout.api;

import dev.readout.api.store.Db;
import dev.readout.api.store.Job;
import dev.readout.api.store.JobStatus;
import dev.readout.api.store.JobStore;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Gives the service under test a fresh data folder under target/ and leaves in it what a crashed earlier run would
 * have left: a job that was running (first attempt, upload present), one that was running on its last attempt, and
 * one queued whose upload is gone. {@link ApiTest} checks what the service made of them at start-up.
 */
public class ServiceTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String API_KEY = "test-key-7f3a";
    public static final String RESUMED = UUID.randomUUID().toString();
    public static final String EXHAUSTED = UUID.randomUUID().toString();
    public static final String UPLOAD_GONE = UUID.randomUUID().toString();

    @Override
    public Map<String, String> start() {
        try {
            Path data = Path.of("target", "test-data-" + System.currentTimeMillis()).toAbsolutePath();
            Files.createDirectories(data.resolve("uploads"));
            try (Db db = new Db("jdbc:h2:file:" + data.resolve("readout") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "", 1)) {
                JobStore store = new JobStore(db);
                String options = "{\"ocr\":\"auto\",\"languages\":[\"eng\"],\"dpi\":300,\"pages\":\"all\",\"invoice\":false}";
                Instant t = Instant.now().minusSeconds(60);
                store.insert(new Job(RESUMED, JobStatus.RUNNING, "crashed-once.pdf", "application/pdf", 3305, options, 0, 1, 1,
                        null, null, t, t, null));
                Files.copy(Fixtures.sample("invoice.pdf"), data.resolve("uploads").resolve(RESUMED + ".bin"));
                store.insert(new Job(EXHAUSTED, JobStatus.RUNNING, "crashed-twice.pdf", "application/pdf", 3305, options, 0, 1,
                        2, null, null, t.plusSeconds(1), t, null));
                Files.copy(Fixtures.sample("invoice.pdf"), data.resolve("uploads").resolve(EXHAUSTED + ".bin"));
                store.insert(new Job(UPLOAD_GONE, JobStatus.QUEUED, "lost.pdf", "application/pdf", 3305, options, 0, 0, 0, null,
                        null, t.plusSeconds(2), null, null));
            }
            return Map.of("readout.data-dir", data.toString(),
                    "readout.api-keys", API_KEY + ",second-key",
                    "readout.jobs.concurrency", "1",
                    "readout.jobs.queue-capacity", "2",
                    "readout.limits.max-upload-bytes", "3000000",
                    "quarkus.http.limits.max-body-size", "4M",
                    "readout.limits.max-pages", "40");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }
}
