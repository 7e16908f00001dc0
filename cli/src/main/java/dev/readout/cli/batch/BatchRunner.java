package dev.readout.cli.batch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.readout.core.Pipeline;
import dev.readout.core.error.ReadoutException;
import dev.readout.core.export.AltoExporter;
import dev.readout.core.export.HocrExporter;
import dev.readout.core.export.PageXmlExporter;
import dev.readout.core.export.TextExporter;
import dev.readout.core.json.DocumentJson;
import dev.readout.core.model.Document;
import dev.readout.core.model.DocumentStatus;
import dev.readout.core.model.Page;
import dev.readout.core.model.PageError;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.OpenedDocument;
import dev.readout.core.stage.PageSelection;
import dev.readout.ingest.pdfbox.SearchablePdfWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
 * <li>a document whose content hash the manifest lists as succeeded or failed, with its outputs present, is skipped;</li>
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

    public BatchRunner(Config config, Pipeline pipeline, PrintWriter err) {
        for (String f : config.formats()) {
            if (!FORMATS.contains(f)) {
                throw new IllegalArgumentException("--formats: unknown format '" + f + "'; known: " + String.join(",", FORMATS));
            }
        }
        this.config = config;
        this.pipeline = pipeline;
        this.err = err;
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
        for (BatchInputs.Item item : items) {
            futures.add(docs.submit(() -> {
                Outcome o = document(item, manifest);
                switch (o) {
                    case SKIPPED -> skipped.incrementAndGet();
                    case FAILED_BEFORE -> {
                        skipped.incrementAndGet();
                        failed.incrementAndGet();
                    }
                    case FAILED -> failed.incrementAndGet();
                    case PARTIAL -> partial.incrementAndGet();
                    default -> { }
                }
                if (o != Outcome.SKIPPED && o != Outcome.FAILED_BEFORE) {
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

    /** FAILED_BEFORE: skipped because an earlier run found it unreadable (still counted as failed). */
    private enum Outcome { SUCCEEDED, PARTIAL, FAILED, SKIPPED, FAILED_BEFORE }

    private Outcome document(BatchInputs.Item item, Manifest manifest) throws IOException {
        Path work = config.out().resolve(".work");
        BatchInputs.Local local;
        try {
            local = item.materialize(work.resolve("tmp"), config.options().limits().maxBytes());
        } catch (ReadoutException e) {
            manifest.put(failure(manifest, item, "unknown", e.code(), e.getMessage()));
            return Outcome.FAILED;
        }
        try {
            ObjectNode prior = manifest.get(local.sha256(), item.name());
            if (prior != null && !"partial".equals(prior.path("status").asText()) && outputsPresent(prior)) {
                return "failed".equals(prior.path("status").asText()) ? Outcome.FAILED_BEFORE : Outcome.SKIPPED;
            }
            return process(item, local, manifest);
        } finally {
            if (local.temporary()) {
                Files.deleteIfExists(local.file());
            }
        }
    }

    private boolean outputsPresent(ObjectNode prior) {
        for (var o : prior.path("outputs")) {
            if (!Files.exists(config.out().resolve(o.asText()))) {
                return false;
            }
        }
        return true;
    }

    private Outcome process(BatchInputs.Item item, BatchInputs.Local local, Manifest manifest) throws IOException {
        Path pagesDir = config.out().resolve(".work").resolve(local.sha256().substring(0, 16) + "-" + item.name().replace('/', '_'));
        List<PageError> errors = new ArrayList<>();
        Document doc;
        try (OpenedDocument opened = pipeline.open(local.file(), item.name(), config.options())) {
            int n = opened.pageCount();
            List<Integer> todo = new ArrayList<>();
            for (int p = 1; p <= n; p++) {
                if (!Files.exists(pageFile(pagesDir, p))) {
                    todo.add(p);
                }
            }
            int chunk = Math.max(1, 2 * pipeline.workers());
            for (int i = 0; i < todo.size(); i += chunk) {
                List<Integer> part = todo.subList(i, Math.min(todo.size(), i + chunk));
                Document d = pipeline.process(opened, PageSelection.parse(spec(part)), null);
                for (Page p : d.pages()) {
                    Document one = new Document(Document.SCHEMA_VERSION, d.source(), DocumentStatus.SUCCEEDED, List.of(p), List.of(), List.of());
                    AtomicFiles.write(pageFile(pagesDir, p.number()), DocumentJson.write(one).getBytes(StandardCharsets.UTF_8));
                }
                errors.addAll(d.errors());
                pagesDone.addAndGet(d.pages().size());
            }
            List<Page> pages = new ArrayList<>();
            for (int p = 1; p <= n; p++) {
                Path f = pageFile(pagesDir, p);
                if (Files.exists(f)) {
                    pages.add(DocumentJson.read(Files.readString(f)).pages().get(0));
                }
            }
            errors.sort(Comparator.comparingInt(PageError::page));
            DocumentStatus status = errors.isEmpty() ? DocumentStatus.SUCCEEDED : pages.isEmpty() ? DocumentStatus.FAILED : DocumentStatus.PARTIAL;
            doc = new Document(Document.SCHEMA_VERSION, opened.source(), status, pages, opened.formFields(), errors);
            List<String> outputs = writeOutputs(item, doc, opened);
            ObjectNode e = manifest.newEntry();
            e.put("sha256", local.sha256());
            e.put("source", item.origin());
            e.put("name", item.name());
            e.put("status", status.name().toLowerCase(Locale.ROOT));
            e.put("pages", n);
            ArrayNode outs = e.putArray("outputs");
            outputs.forEach(outs::add);
            ArrayNode errs = e.putArray("errors");
            for (PageError pe : errors) {
                errs.addObject().put("page", pe.page()).put("code", pe.code()).put("message", pe.message());
            }
            manifest.put(e);
            if (status == DocumentStatus.SUCCEEDED) {
                deleteTree(pagesDir);
            }
            return status == DocumentStatus.SUCCEEDED ? Outcome.SUCCEEDED : status == DocumentStatus.PARTIAL ? Outcome.PARTIAL : Outcome.FAILED;
        } catch (ReadoutException e) {
            manifest.put(failure(manifest, item, local.sha256(), e.code(), e.getMessage()));
            return Outcome.FAILED;
        }
    }

    private static ObjectNode failure(Manifest manifest, BatchInputs.Item item, String sha, String code, String message) {
        ObjectNode e = manifest.newEntry();
        e.put("sha256", sha.equals("unknown") ? "unreadable:" + item.name() : sha);
        e.put("source", item.origin());
        e.put("name", item.name());
        e.put("status", "failed");
        e.put("code", code);
        e.put("error", message);
        e.putArray("outputs");
        return e;
    }

    /** Writes the requested formats; returns their paths relative to the output folder. */
    private List<String> writeOutputs(BatchInputs.Item item, Document doc, OpenedDocument opened) throws IOException {
        Path out = config.out();
        List<String> written = new ArrayList<>();
        String base = item.name();
        for (String f : config.formats()) {
            switch (f) {
                case "json" -> written.add(write(out, base + ".json", DocumentJson.write(doc) + "\n"));
                case "text" -> written.add(write(out, base + ".txt", new TextExporter(true, false).export(doc)));
                case "alto" -> written.add(write(out, base + ".alto.xml", new AltoExporter().export(doc)));
                case "hocr" -> written.add(write(out, base + ".hocr.html", new HocrExporter().export(doc)));
                case "page-xml" -> {
                    // one PAGE-XML file per page beside the page image its coordinates refer to
                    PageXmlExporter x = new PageXmlExporter();
                    for (Page p : doc.pages()) {
                        String stem = base + ".page/" + String.format("page-%04d", p.number());
                        AtomicFiles.write(out.resolve(stem + ".png"), o -> javax.imageio.ImageIO.write(opened.pageImage(p.number()), "png", o));
                        written.add(stem + ".png");
                        written.add(write(out, stem + ".xml", x.export(doc, p, Path.of(stem).getFileName() + ".png", CREATED)));
                    }
                }
                case "pdf" -> {
                    String rel = base + ".pdf";
                    AtomicFiles.write(out.resolve(rel), o -> {
                        try (SearchablePdfWriter w = new SearchablePdfWriter()) {
                            for (Page p : doc.pages()) {
                                w.addPage(p, opened.pageImage(p.number()));
                            }
                            w.write(o);
                        }
                    });
                    written.add(rel);
                }
                default -> throw new IllegalStateException(f);
            }
        }
        return written;
    }

    /** PAGE-XML's creation time: fixed, so that a re-run writes byte-identical files. */
    private static final String CREATED = Instant.EPOCH.toString();

    private static String write(Path out, String rel, String content) throws IOException {
        AtomicFiles.write(out.resolve(rel), content.getBytes(StandardCharsets.UTF_8));
        return rel;
    }

    private static Path pageFile(Path dir, int page) {
        return dir.resolve(String.format("page-%05d.json", page));
    }

    private static String spec(List<Integer> pages) {
        StringBuilder sb = new StringBuilder();
        for (int p : pages) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(p);
        }
        return sb.toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

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
