package dev.readout.api.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.readout.api.ApiConfig;
import dev.readout.api.spi.InvoiceExtractor;
import dev.readout.api.store.FileStore;
import dev.readout.api.store.Job;
import dev.readout.api.store.JobStatus;
import dev.readout.api.store.JobStore;
import dev.readout.api.store.Storage;
import dev.readout.core.Pipeline;
import dev.readout.core.error.LimitExceededException;
import dev.readout.core.error.ReadoutException;
import dev.readout.core.json.DocumentJson;
import dev.readout.core.model.Document;
import dev.readout.core.model.DocumentStatus;
import dev.readout.core.model.PageError;
import dev.readout.core.stage.Limits;
import dev.readout.core.stage.OpenedDocument;
import dev.readout.ingest.FormatSniffer;
import dev.readout.ingest.MediaType;
import io.micrometer.core.instrument.Gauge;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Accepts uploads as jobs and runs them on a bounded pool: {@code concurrency} documents at a time, at most
 * {@code queueCapacity} waiting; beyond that {@link #submit} refuses with {@link QueueFullException}. Each document
 * has a timeout. Jobs found queued or running at start-up were interrupted by a stop or crash: they are started
 * again (at most {@code maxAttempts} starts in all) or marked failed with the reason. Thread-safe.
 */
@ApplicationScoped
public class JobService {
    private static final Logger LOG = Logger.getLogger(JobService.class);

    @Inject
    ApiConfig config;

    @Inject
    Storage storage;

    @Inject
    ReadoutEngine engine;

    @Inject
    Metrics metrics;

    @Inject
    Instance<InvoiceExtractor> invoiceExtractors;

    private ThreadPoolExecutor jobs;
    private ExecutorService runners;
    private final Map<String, CompletableFuture<Job>> completions = new ConcurrentHashMap<>();
    private final Map<String, int[]> progress = new ConcurrentHashMap<>();
    private final Map<String, Future<?>> running = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    void start(@Observes @Priority(3000) StartupEvent event) {
        int n = Math.max(1, config.jobs().concurrency());
        AtomicInteger threadNo = new AtomicInteger();
        jobs = new ThreadPoolExecutor(n, n, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, config.jobs().queueCapacity())), r -> {
                    Thread t = new Thread(r, "readout-job-" + threadNo.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        runners = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "readout-run");
            t.setDaemon(true);
            return t;
        });
        Gauge.builder("readout.queue.depth", jobs, e -> e.getQueue().size())
                .description("Documents waiting for a worker").register(metrics.registry());
        Gauge.builder("readout.jobs.running", jobs, ThreadPoolExecutor::getActiveCount)
                .description("Documents being processed").register(metrics.registry());
        recover();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (jobs != null) {
            jobs.shutdownNow();
            runners.shutdownNow();
        }
    }

    private JobStore store() {
        return storage.jobs();
    }

    private FileStore files() {
        return storage.files();
    }

    private Limits limits() {
        return new Limits(config.limits().maxUploadBytes(), config.limits().maxPages(), config.limits().maxPixels());
    }

    /**
     * Takes ownership of a received file (moved into the store, or deleted when refused) and queues it.
     *
     * @throws LimitExceededException over the upload size limit
     * @throws ReadoutException       empty or not a supported format (by content)
     * @throws QueueFullException     no room in the queue
     */
    public Job submit(Path received, String clientName, JobOptions options) throws IOException {
        MediaType type;
        long bytes;
        try {
            bytes = Files.size(received);
            if (bytes > config.limits().maxUploadBytes()) {
                throw new LimitExceededException("the upload is larger than the limit of " + config.limits().maxUploadBytes()
                        + " bytes");
            }
            type = FormatSniffer.sniff(received);
            engine.ingestor().checkAvailable(options.ingest(limits()));
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(received);
            throw e;
        }
        if (stopping) {
            Files.deleteIfExists(received);
            throw new QueueFullException("the service is stopping", true, 30);
        }
        String id = UUID.randomUUID().toString();
        files().keep(received, id);
        Job job = new Job(id, JobStatus.QUEUED, displayName(clientName, type), type.mime(), bytes, options.toJson(), 0, 0, 0,
                null, null, Instant.now(), null, null);
        store().insert(job);
        completions.put(id, new CompletableFuture<>());
        try {
            jobs.execute(() -> run(id));
        } catch (RejectedExecutionException e) {
            completions.remove(id);
            store().delete(id);
            files().delete(id);
            metrics.failure(stopping ? "stopping" : "queue-full");
            throw new QueueFullException(stopping ? "the service is stopping" : "the processing queue is full ("
                    + config.jobs().queueCapacity() + " documents waiting)", stopping, retryAfterSeconds());
        }
        return job;
    }

    private static String displayName(String clientName, MediaType type) {
        if (clientName == null || clientName.isBlank()) {
            return "upload." + type.name().toLowerCase();
        }
        String base = clientName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}]", "").strip();
        return base.isEmpty() ? "upload." + type.name().toLowerCase() : base;
    }

    /** A rough wait: the queue ahead divided among the workers, a few seconds per document. */
    private int retryAfterSeconds() {
        int waiting = jobs.getQueue().size() + jobs.getActiveCount();
        return Math.max(1, Math.min(120, 2 * waiting / Math.max(1, jobs.getCorePoolSize())));
    }

    /** Completes with the job once it is finished (at once when it already is). */
    public CompletableFuture<Job> completion(String id) {
        CompletableFuture<Job> f = completions.get(id);
        if (f != null) {
            return f;
        }
        Optional<Job> j = store().find(id);
        return j.isPresent() && j.get().status().terminal() ? CompletableFuture.completedFuture(j.get())
                : new CompletableFuture<>();
    }

    /** Pages done / total of a running job, from memory (the database has it once the job ends). */
    public Optional<int[]> liveProgress(String id) {
        return Optional.ofNullable(progress.get(id));
    }

    public int queueDepth() {
        return jobs.getQueue().size();
    }

    /** Deletes a job, stopping it when it runs; false when there is none. */
    public boolean delete(String id) {
        Future<?> f = running.remove(id);
        if (f != null) {
            f.cancel(true);
        }
        boolean existed = store().delete(id);
        files().delete(id);
        CompletableFuture<Job> c = completions.remove(id);
        if (c != null) {
            c.complete(null);
        }
        return existed;
    }

    private void run(String id) {
        Optional<Job> found = store().find(id);
        if (found.isEmpty() || found.get().status().terminal()) {
            completions.remove(id);
            return;
        }
        Job job = found.get();
        JobOptions options = JobOptions.fromJson(job.optionsJson());
        progress.put(id, new int[] {0, 0});
        store().started(id, 0);
        long t0 = System.nanoTime();
        String status = "failed";
        int pages = 0;
        Future<Processed> f = null;
        try {
            Path file = files().upload(id);
            Pipeline.ProgressListener listener = new Pipeline.ProgressListener() {
                @Override
                public void started(int total) {
                    progress.put(id, new int[] {0, total});
                }

                @Override
                public void pageDone(int done, int total) {
                    progress.put(id, new int[] {done, total});
                }
            };
            f = runners.submit(() -> {
                Document d;
                try (OpenedDocument opened = engine.open(file, job.name(), options.ingest(limits()))) {
                    d = engine.process(opened, options.selection(), listener);
                }
                return new Processed(d, options.invoice() ? invoice(d) : null);
            });
            running.put(id, f);
            Processed done = f.get(timeoutMillis(options), TimeUnit.MILLISECONDS);
            Document doc = done.document();
            pages = doc.pages().size() + doc.errors().size();
            int[] p = progress.getOrDefault(id, new int[] {pages, pages});
            store().progress(id, p[0], p[1]);
            JobStatus js = switch (doc.status()) {
                case SUCCEEDED -> JobStatus.SUCCEEDED;
                case PARTIAL -> JobStatus.PARTIAL;
                case FAILED -> JobStatus.FAILED;
            };
            String code = null;
            String message = null;
            if (doc.status() == DocumentStatus.FAILED && !doc.errors().isEmpty()) {
                PageError first = doc.errors().get(0);
                code = first.code();
                message = "every page failed; page " + first.page() + ": " + first.message();
            }
            store().finish(id, js, compact(doc), done.invoiceJson(), code, message);
            status = js.wire();
            if (js != JobStatus.SUCCEEDED) {
                doc.errors().forEach(e -> metrics.failure(e.code()));
            }
        } catch (TimeoutException e) {
            f.cancel(true);
            failed(id, "timeout", "processing took longer than the per-document timeout of "
                    + timeoutMillis(options) / 1000 + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ReadoutException r) {
                failed(id, r.code(), r.getMessage());
            } else if (cause instanceof IllegalArgumentException a) {
                failed(id, "bad-request", a.getMessage());
            } else {
                LOG.errorf(cause, "document %s failed unexpectedly", id);
                failed(id, "internal", "processing failed unexpectedly; the service log has the details");
            }
        } catch (java.util.concurrent.CancellationException e) {
            LOG.infof("document %s was deleted while it was processed", id);
        } catch (InterruptedException e) {
            // the service is stopping: the job stays RUNNING and is resumed at the next start
            Thread.currentThread().interrupt();
            if (f != null) {
                f.cancel(true);
            }
            return;
        } catch (RuntimeException e) {
            LOG.errorf(e, "document %s failed unexpectedly", id);
            failed(id, "internal", "processing failed unexpectedly; the service log has the details");
        } finally {
            running.remove(id);
            progress.remove(id);
        }
        metrics.document().record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        metrics.processed(status, pages);
        CompletableFuture<Job> c = completions.remove(id);
        if (c != null) {
            c.complete(store().find(id).orElse(null));
        }
    }

    private long timeoutMillis(JobOptions options) {
        long max = config.jobs().timeout().toMillis();
        return options.timeoutSeconds() == null ? max : Math.min(max, options.timeoutSeconds() * 1000L);
    }

    private void failed(String id, String code, String message) {
        metrics.failure(code);
        store().fail(id, code, message);
    }

    /** A processed document and, when asked for, its invoice fields as JSON. */
    private record Processed(Document document, String invoiceJson) {
    }

    /** The invoice fields as compact JSON; null when no invoice extractor is installed (uploads asking are refused). */
    private String invoice(Document doc) {
        return invoiceExtractors.isUnsatisfied() ? null : compact(invoiceExtractors.get().extract(doc));
    }

    private static String compact(Object value) {
        try {
            return DocumentJson.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Jobs interrupted by a stop or crash: start them again, or mark them failed saying why. */
    private void recover() {
        files().clearIncoming();
        int maxAttempts = Math.max(1, config.jobs().maxAttempts());
        for (Job j : store().unfinished()) {
            if (!Files.isRegularFile(files().upload(j.id()))) {
                failed(j.id(), "interrupted", "the service stopped before this document was processed, and its upload is gone");
            } else if (j.attempts() >= maxAttempts) {
                failed(j.id(), "interrupted", "the service stopped while processing this document " + j.attempts()
                        + " time(s) (perhaps this document crashed it); it is not tried again");
            } else {
                store().requeue(j.id());
                completions.put(j.id(), new CompletableFuture<>());
                try {
                    jobs.execute(() -> run(j.id()));
                    LOG.infof("resuming document %s (%s) interrupted by a restart", j.id(), j.name());
                    continue;
                } catch (RejectedExecutionException e) {
                    completions.remove(j.id());
                    failed(j.id(), "interrupted", "interrupted by a restart and not resumed: the queue was full");
                }
            }
            LOG.warnf("document %s (%s) was interrupted by a restart and is marked failed", j.id(), j.name());
        }
    }
}
