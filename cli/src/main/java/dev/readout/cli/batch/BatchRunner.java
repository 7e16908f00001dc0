package dev.readout.cli.batch;

import dev.readout.core.Pipeline;
import dev.readout.core.stage.IngestOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Runs a batch: every document of the inputs through one shared {@link Pipeline}, {@code workers} documents at a
 * time, outputs under the output folder. Resumable at any moment:
 * <ul>
 * <li>a document whose content hash and name the manifest lists as succeeded or failed, made with the same settings
 * ({@link DocumentJob#settings()}: formats, ingest options, pipeline stages), with its outputs present, is skipped;
 * one made with other settings is done again;</li>
 * <li>while a document is processed, each page's result is saved in {@code OUT/.work/<sha256>/} as soon as its chunk
 * of pages is done, so a re-run after a crash processes only the pages not saved yet; pages that failed are retried
 * by the next run (a partial document is not finished);</li>
 * <li>outputs are written whole or not at all ({@link AtomicFiles}) and the manifest line comes last.</li>
 * </ul>
 * A document that cannot be read is recorded as failed (manifest and {@code errors.jsonl}) and the run goes on.
 */
public final class BatchRunner {
    /** Output formats and their file suffixes (page-xml: a folder with one file per page). */
    public static final List<String> FORMATS = List.of("json", "text", "alto", "hocr", "page-xml", "pdf");

    public record Config(List<Path> inputs, Path out, List<String> formats, IngestOptions options, int workers) {
    }

    /** What a run did. */
    public record Summary(int documents, int processed, int skipped, int failed, int partial, long pages, double seconds) {
        public double pagesPerSecond() {
            return pages / Math.max(seconds, 1e-9);
        }
    }

    private final Config config;
    private final Pipeline pipeline;
    private final PrintWriter err;
    private final boolean live;
    private final MapJob maps;

    public BatchRunner(Config config, Pipeline pipeline, PrintWriter err) {
        this(config, pipeline, err, null);
    }

    /** @param maps the map way for map images ({@code --profile map|auto}), or null */
    public BatchRunner(Config config, Pipeline pipeline, PrintWriter err, MapJob maps) {
        for (String f : config.formats()) {
            if (!FORMATS.contains(f)) {
                throw new IllegalArgumentException("--formats: unknown format '" + f + "'; known: " + String.join(",", FORMATS));
            }
        }
        this.config = config;
        this.pipeline = pipeline;
        this.err = err;
        this.maps = maps;
        this.live = System.console() != null || "1".equals(System.getenv("READOUT_PROGRESS"));
    }

    public Summary run() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Path out = config.out();
        Files.createDirectories(out);
        try (FileChannel lockFile = FileChannel.open(out.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("another batch is writing to " + out + " (its .lock is held): wait for it or use another --out");
            }
            removeUnfinishedFiles(out);
            return run(out, t0);
        }
    }

    /** Temporary files of writes a crash interrupted ({@link AtomicFiles}): never outputs, always safe to delete. */
    private static void removeUnfinishedFiles(Path out) throws IOException {
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(".") && n.endsWith(".part")) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private Summary run(Path out, long t0) throws IOException, InterruptedException {
        Manifest manifest = new Manifest(out);
        List<BatchInputs.Item> items = BatchInputs.list(config.inputs());
        AtomicInteger done = new AtomicInteger();
        AtomicInteger processed = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger partial = new AtomicInteger();
        pagesDone.set(0);
        ExecutorService docs = Executors.newFixedThreadPool(Math.max(1, config.workers()), r -> {
            Thread t = new Thread(r, "readout-batch");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> futures = new ArrayList<>();
        DocumentJob job = new DocumentJob(config, pipeline, maps);
        DocumentJob.Done doneBefore = (sha, name, settings) -> manifest.doneStatus(config.out(), sha, name, settings);
        for (BatchInputs.Item item : items) {
            futures.add(docs.submit(() -> {
                DocumentJob.Result r = job.run(item, doneBefore);
                if (r.entry() != null) {
                    manifest.put(r.entry());
                }
                pagesDone.addAndGet(r.pages());
                switch (r.outcome()) {
                    case SKIPPED -> skipped.incrementAndGet();
                    case FAILED_BEFORE -> {
                        skipped.incrementAndGet();
                        failed.incrementAndGet();
                    }
                    case FAILED -> failed.incrementAndGet();
                    case PARTIAL -> partial.incrementAndGet();
                    default -> { }
                }
                if (r.outcome() != DocumentJob.Outcome.SKIPPED && r.outcome() != DocumentJob.Outcome.FAILED_BEFORE) {
                    processed.incrementAndGet();
                }
                progress(done.incrementAndGet(), items.size(), t0);
                return null;
            }));
        }
        docs.shutdown();
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            docs.shutdownNow();
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(c.getMessage(), c);
        }
        docs.awaitTermination(1, TimeUnit.MINUTES);
        if (live && !items.isEmpty()) {
            err.println();
        }
        return new Summary(items.size(), processed.get(), skipped.get(), failed.get(), partial.get(), pagesDone.get(),
                (System.nanoTime() - t0) / 1e9);
    }

    private final AtomicLong pagesDone = new AtomicLong();

    private void progress(int done, int total, long t0) {
        if (!live) {
            return;
        }
        double s = (System.nanoTime() - t0) / 1e9;
        double rate = pagesDone.get() / Math.max(s, 1e-9);
        long eta = Math.round((total - done) * (s / Math.max(done, 1)));
        int width = 30;
        int filled = (int) Math.round(width * done / (double) Math.max(total, 1));
        synchronized (err) {
            err.printf(Locale.ROOT, "\rbatch [%s%s] %d/%d documents, %d pages, %.1f pages/s, ETA %ds ", "#".repeat(filled),
                    " ".repeat(width - filled), done, total, pagesDone.get(), rate, eta);
            err.flush();
        }
    }
}
