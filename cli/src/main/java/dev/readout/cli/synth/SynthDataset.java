package dev.readout.cli.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.readout.core.Pipeline;
import dev.readout.core.model.Document;
import dev.readout.core.model.Page;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.OcrMode;
import dev.readout.core.stage.PageSelection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates synthetic reading-order pages: {@link SynthGenerator} → {@link SynthPdf} → our own ingestion
 * (text layer, 300 dpi, no OCR, no page stages) → {@link LineMatcher} → one JSON per page. A page the matcher
 * rejects is regenerated from the next attempt's seed (at most 5 attempts).
 */
public final class SynthDataset implements AutoCloseable {
    private int templates = 1;
    public static final String FORMAT = "readout-synth-order/1";
    static final int DPI = 300;
    private static final int ATTEMPTS = 5;

    private final Pipeline pipeline = Pipeline.discover(1, s -> false);
    private final ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private int rejected;

    /** The seed of page {@code index} (from 0), attempt {@code attempt}, of a run seeded {@code seed}. */
    public static long pageSeed(long seed, int index, int attempt) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (index * 8L + attempt + 1))).nextLong();
    }

    /** The generator's template set (1, the default, 2 or 3: see {@link SynthGenerator#generate(long, int)}). */
    public SynthDataset templates(int set) {
        templates = set;
        return this;
    }

    /** Pages rejected by the matcher so far (and regenerated). */
    public int rejected() {
        return rejected;
    }

    /** Generates, ingests and matches page {@code index}; returns its JSON (null if every attempt was rejected). */
    public ObjectNode page(long seed, int index, Path tmpDir) throws IOException {
        for (int a = 0; a < ATTEMPTS; a++) {
            ObjectNode o = render(SynthGenerator.generate(pageSeed(seed, index, a), templates), String.format("page-%05d", index + 1), tmpDir);
            if (o != null) {
                return o;
            }
            rejected++;
        }
        return null;
    }

    /** Renders, ingests and matches one generated page; its JSON, or null when the matcher rejects it. */
    public ObjectNode render(SynthPage sp, String name, Path tmpDir) throws IOException {
        Page page = ingest(sp, name, tmpDir);
        LineMatcher.Result r = LineMatcher.match(sp, page);
        return r.ok() ? toJson(name, sp, page, r) : null;
    }

    /** Renders one generated page as a PDF and ingests it (300 dpi, text layer, no page stages). */
    public Page ingest(SynthPage sp, String name, Path tmpDir) throws IOException {
        Path pdf = tmpDir.resolve(name + "-" + Long.toHexString(sp.seed()) + ".pdf");
        try {
            SynthPdf.write(sp, pdf);
            Document doc = pipeline.process(pdf, pdf.getFileName().toString(),
                    IngestOptions.DEFAULT.withDpi(DPI).withOcr(OcrMode.NEVER), PageSelection.ALL, null);
            return doc.pages().get(0);
        } finally {
            Files.deleteIfExists(pdf);
        }
    }

    ObjectNode toJson(String name, SynthPage sp, Page page, LineMatcher.Result r) {
        ObjectNode o = om.createObjectNode();
        o.put("format", FORMAT);
        o.put("name", name);
        o.put("seed", sp.seed());
        o.put("layout", sp.layout());
        o.put("width", page.width());
        o.put("height", page.height());
        o.put("dpi", page.dpi());
        o.put("extracted_lines", r.extractedLines());
        o.put("generated_lines", r.generatedLines());
        o.put("split", r.split());
        double sx = page.width() / (double) sp.width();
        double sy = page.height() / (double) sp.height();
        // figure units (template set 3), each just before the first unit of its caption
        Map<String, SynthPage.Figure> figureBefore = new HashMap<>();
        sp.figures().forEach(f -> figureBefore.put("g" + (f.captionLine() + 1), f));
        ArrayNode lines = o.putArray("lines");
        for (LineMatcher.Unit u : r.units()) {
            SynthPage.Figure f = u.part() == 0 ? figureBefore.remove(u.gen()) : null;
            if (f != null) {
                SynthPage.Mark m = sp.marks().get(f.mark());
                ObjectNode fl = lines.addObject();
                String id = "fig" + (f.mark() + 1);
                fl.put("id", id);
                fl.put("gen", id);
                fl.put("part", 0);
                fl.put("role", "figure");
                fl.put("text", sp.lines().get(f.captionLine()).text());
                fl.putArray("box").add(round(m.x0() * sx)).add(round(m.y0() * sy)).add(round(m.x1() * sx)).add(round(m.y1() * sy));
            }
            ObjectNode l = lines.addObject();
            l.put("id", u.id());
            l.put("gen", u.gen());
            l.put("part", u.part());
            l.put("role", u.role());
            l.put("text", u.text());
            ArrayNode b = l.putArray("box");
            b.add(round(u.box().x0())).add(round(u.box().y0())).add(round(u.box().x1())).add(round(u.box().y1()));
        }
        // the printed rules (flat stroked marks; not figure placeholders or frames), in page pixels
        ArrayNode rules = o.putArray("rules");
        for (SynthPage.Mark m : sp.marks()) {
            if (!m.filled() && (m.x0() == m.x1() || m.y0() == m.y1())) {
                rules.addArray().add(round(Math.min(m.x0(), m.x1()) * sx)).add(round(Math.min(m.y0(), m.y1()) * sy))
                        .add(round(Math.max(m.x0(), m.x1()) * sx)).add(round(Math.max(m.y0(), m.y1()) * sy));
            }
        }
        return o;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Writes pages 1..n as {@code out/page-NNNNN.json}; returns the number written. */
    public int writeAll(Path out, int n, long seed) throws IOException {
        Files.createDirectories(out);
        Path tmp = Files.createTempDirectory("readout-synth");
        int written = 0;
        try {
            for (int i = 0; i < n; i++) {
                ObjectNode o = page(seed, i, tmp);
                if (o != null) {
                    om.writeValue(out.resolve(o.get("name").asText() + ".json").toFile(), o);
                    written++;
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return written;
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
