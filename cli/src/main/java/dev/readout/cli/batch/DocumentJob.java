package dev.readout.cli.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import dev.readout.core.stage.OpenedDocument;
import dev.readout.core.stage.PageSelection;
import dev.readout.ingest.pdfbox.SearchablePdfWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One document of a batch, start to finish, on whatever machine runs it: materialise (a zip entry is copied out),
 * hash, ask whether that content under that name is already done, process the pages not saved yet (each chunk's
 * pages saved in {@code OUT/.work/} at once), write the outputs atomically and return the manifest entry. Used by
 * {@link BatchRunner} on one machine and by the Spark job on a cluster: both write the same files.
 */
public final class DocumentJob {
    /** What happened to a document; {@code entry} is its manifest line (null when skipped). */
    public record Result(Outcome outcome, ObjectNode entry, long pages) {
    }

    /** FAILED_BEFORE: skipped because an earlier run found it unreadable (still counted as failed). */
    public enum Outcome { SUCCEEDED, PARTIAL, FAILED, SKIPPED, FAILED_BEFORE }

    /**
     * Whether a document (content hash, output name) is already done with these settings ({@link #settings()}):
     * "succeeded", "failed" or null (to do).
     */
    public interface Done {
        String status(String sha256, String name, String settings);
    }

    private static final ObjectMapper OM = new ObjectMapper();
    /** PAGE-XML's creation time: fixed, so that a re-run writes byte-identical files. */
    private static final String CREATED = Instant.EPOCH.toString();

    private final BatchRunner.Config config;
    private final Pipeline pipeline;
    private final MapJob maps;
    /** {@link #settings(BatchRunner.Config, List, boolean)} of this job, and a short tag of it for {@code .work} folders. */
    private final String settings;
    private final String settingsTag;

    public DocumentJob(BatchRunner.Config config, Pipeline pipeline) {
        this(config, pipeline, null);
    }

    /** @param maps the map way for map images, or null when every input is a document */
    public DocumentJob(BatchRunner.Config config, Pipeline pipeline, MapJob maps) {
        this.config = config;
        this.pipeline = pipeline;
        this.maps = maps;
        this.settings = settings(config, pipeline.stageNames(), maps != null);
        this.settingsTag = String.format("%08x", settings.hashCode());   // String.hashCode is fixed by the JLS
    }

    /**
     * Everything that changes a document's outputs, as one readable line (recorded in each manifest entry): the
     * formats, the ingest options (whether a password was given, not the password), the pipeline's stages (so that
     * another reading-order model, or the layout model on or off, is a change) and whether maps go the map way. A
     * document finished under other settings is done again.
     */
    public static String settings(BatchRunner.Config c, List<String> stages, boolean maps) {
        var o = c.options();
        return "formats=" + String.join(",", new java.util.TreeSet<>(c.formats())) + "; dpi=" + o.dpi() + "; ocr="
                + o.ocr().name().toLowerCase(Locale.ROOT) + "; languages=" + String.join("+", o.languages()) + "; engine="
                + o.ocrEngine().key() + "; segmentation=" + o.segmentation().key() + "; preprocess="
                + o.preprocess() + "; limits=" + o.limits().maxBytes() + "/" + o.limits().maxPages() + "/" + o.limits().maxPixels()
                + "; password=" + (o.password() != null) + "; stages=" + String.join(",", stages) + "; maps=" + maps;
    }

    /** This job's {@link #settings(BatchRunner.Config, List, boolean)}. */
    public String settings() {
        return settings;
    }

    public Result run(BatchInputs.Item item, Done done) throws IOException {
        Result r = runOnce(item, done);
        if (r.entry() != null) {
            r.entry().put("settings", settings);
        }
        return r;
    }

    private Result runOnce(BatchInputs.Item item, Done done) throws IOException {
        Path work = config.out().resolve(".work");
        BatchInputs.Local local;
        try {
            local = item.materialize(work.resolve("tmp"), config.options().limits().maxBytes());
        } catch (ReadoutException e) {
            return new Result(Outcome.FAILED, failure(item, "unreadable:" + item.name(), e.code(), e.getMessage()), 0);
        }
        try {
            String prior = done.status(local.sha256(), item.name(), settings);
            if (prior != null) {
                return new Result("failed".equals(prior) ? Outcome.FAILED_BEFORE : Outcome.SKIPPED, null, 0);
            }
            if (maps != null && wantsMap(local)) {
                return maps.process(item, local, config);
            }
            return process(item, local);
        } finally {
            if (local.temporary()) {
                Files.deleteIfExists(local.file());
            }
        }
    }

    private boolean wantsMap(BatchInputs.Local local) {
        try {
            return maps.wants(local.file(), config);
        } catch (ReadoutException e) {
            return false; // unreadable: the document way reports the error as it always has
        }
    }

    private Result process(BatchInputs.Item item, BatchInputs.Local local) throws IOException {
        Path pagesDir = config.out().resolve(".work").resolve(local.sha256().substring(0, 16) + "-" + settingsTag + "-" + item.name().replace('/', '_'));
        List<PageError> errors = new ArrayList<>();
        long pagesRun = 0;
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
                pagesRun += d.pages().size();
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
            Document doc = new Document(Document.SCHEMA_VERSION, opened.source(), status, pages, opened.formFields(), errors);
            List<String> outputs = writeOutputs(item, doc, opened);
            ObjectNode e = OM.createObjectNode();
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
            if (status == DocumentStatus.SUCCEEDED) {
                deleteTree(pagesDir);
            }
            Outcome o = status == DocumentStatus.SUCCEEDED ? Outcome.SUCCEEDED : status == DocumentStatus.PARTIAL ? Outcome.PARTIAL : Outcome.FAILED;
            return new Result(o, e, pagesRun);
        } catch (ReadoutException e) {
            return new Result(Outcome.FAILED, failure(item, local.sha256(), e.code(), e.getMessage()), pagesRun);
        }
    }

    /** The manifest line of a document that could not be read. */
    static ObjectNode failure(BatchInputs.Item item, String sha, String code, String message) {
        ObjectNode e = OM.createObjectNode();
        e.put("sha256", sha);
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

}
