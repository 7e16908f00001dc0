package dev.readout.eval.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.readout.core.model.Box;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the synthetic reading-order pages written by {@code readout make-reading-order-data}: one
 * {@code *.json} per page, an object with {@code width}, {@code height}, {@code dpi} (page-image pixels) and
 * {@code lines}, an array in reading order of {@code {id, text, box: [x0, y0, x1, y1]}} (other fields, such as
 * {@code layout}, {@code role}, {@code sources}, are ignored), and optionally {@code rules}, the printed rules as
 * {@code [x0, y0, x1, y1]} (separator regions of the page). Units = the lines, gold order = array order.
 * Files without a {@code lines} array are skipped.
 */
public final class SynthReader {
    private SynthReader() {
    }

    /** Every page under {@code dir} (recursively, path order); the first {@code limit} pages if positive. */
    public static List<OrderedPage> readAll(Path dir, int limit) throws IOException {
        return readAll(dir, limit, false);
    }

    /**
     * As {@link #readAll(Path, int)}; with {@code wholeLines} the pieces of each generated line (same {@code gen})
     * become one unit, its box the union of theirs and its text theirs joined by spaces: units like the whole text
     * lines of PAGE-XML or HRDoc ground truth, where the pipeline's pieces are what it splits at wide gaps.
     */
    public static List<OrderedPage> readAll(Path dir, int limit, boolean wholeLines) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        ObjectMapper om = new ObjectMapper();
        List<OrderedPage> out = new ArrayList<>();
        for (Path f : files) {
            if (limit > 0 && out.size() >= limit) {
                break;
            }
            JsonNode o = om.readTree(f.toFile());
            if (o == null || !o.isObject() || !o.path("lines").isArray()) {
                continue;
            }
            List<GoldPages.Unit> units = new ArrayList<>();
            String lastGen = null;
            for (JsonNode l : o.get("lines")) {
                JsonNode b = l.get("box");
                if (b == null || !b.isArray() || b.size() != 4) {
                    continue;
                }
                GoldPages.Unit u = new GoldPages.Unit(l.path("text").asText(""),
                        GoldPages.box(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble()));
                String gen = l.path("gen").asText(null);
                if (wholeLines && gen != null && gen.equals(lastGen)) {
                    GoldPages.Unit prev = units.remove(units.size() - 1);
                    u = new GoldPages.Unit(prev.text() + " " + u.text(), prev.box().union(u.box()));
                }
                lastGen = gen;
                units.add(u);
            }
            if (units.isEmpty()) {
                continue;
            }
            String name = dir.relativize(f).toString().replaceFirst("\\.json$", "");
            List<Box> rules = new ArrayList<>();
            for (JsonNode b : o.path("rules")) {
                rules.add(GoldPages.box(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble()));
            }
            out.add(GoldPages.build(name, o.path("width").asInt(1), o.path("height").asInt(1), o.path("dpi").asInt(300), units, rules));
        }
        return out;
    }
}
