package dev.readout.eval.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads HRDoc (HRDS / HRDH) documents: each {@code <doc>.json} is an array of text-line units of the whole document
 * in reading order, each with {@code box} = [x0, y0, x1, y1] in page-image pixels and a 0-based {@code page}.
 * Units = the lines of one page, gold order = their order in the array. The page size comes from the page image
 * header ({@code <doc>/<doc>_<page>.jpg} for HRDS, {@code <doc>/<page>.png} for HRDH), or, without an image, from
 * the largest box corner.
 */
public final class HrdocReader {
    static final int DPI = 72;

    private HrdocReader() {
    }

    /** Every {@code *.json} under {@code dir} (recursively, path order), one page each; the first {@code limit} pages if positive. */
    public static List<OrderedPage> readAll(Path dir, int limit) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        List<OrderedPage> out = new ArrayList<>();
        ObjectMapper om = new ObjectMapper();
        for (Path f : files) {
            JsonNode arr = om.readTree(f.toFile());
            if (arr == null || !arr.isArray()) {
                continue;
            }
            String doc = f.getFileName().toString().replaceFirst("\\.json$", "");
            Map<Integer, List<GoldPages.Unit>> pages = new TreeMap<>();
            for (JsonNode u : arr) {
                JsonNode b = u.get("box");
                if (b == null || !b.isArray() || b.size() != 4 || !u.has("page")) {
                    continue;
                }
                pages.computeIfAbsent(u.get("page").asInt(), k -> new ArrayList<>())
                        .add(new GoldPages.Unit(u.path("text").asText(""),
                                GoldPages.box(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble())));
            }
            for (Map.Entry<Integer, List<GoldPages.Unit>> e : pages.entrySet()) {
                if (limit > 0 && out.size() >= limit) {
                    return out;
                }
                int[] size = imageSize(f.getParent().resolve(doc), doc, e.getKey());
                if (size == null) {
                    size = new int[] {
                        (int) Math.ceil(e.getValue().stream().mapToDouble(u -> u.box().x1()).max().orElse(1)),
                        (int) Math.ceil(e.getValue().stream().mapToDouble(u -> u.box().y1()).max().orElse(1))};
                }
                String name = dir.relativize(f.getParent()).resolve(doc) + "#p" + e.getKey();
                out.add(GoldPages.build(name, size[0], size[1], DPI, e.getValue()));
            }
        }
        return out;
    }

    private static int[] imageSize(Path folder, String doc, int page) {
        for (Path p : List.of(folder.resolve(doc + "_" + page + ".jpg"), folder.resolve(page + ".png"),
                folder.resolve(doc + "_" + page + ".png"), folder.resolve(page + ".jpg"))) {
            if (!Files.isRegularFile(p)) {
                continue;
            }
            try (ImageInputStream in = ImageIO.createImageInputStream(p.toFile())) {
                Iterator<ImageReader> it = ImageIO.getImageReaders(in);
                if (it.hasNext()) {
                    ImageReader r = it.next();
                    try {
                        r.setInput(in);
                        return new int[] {r.getWidth(0), r.getHeight(0)};
                    } finally {
                        r.dispose();
                    }
                }
            } catch (IOException e) {
                // fall back to the boxes
            }
        }
        return null;
    }
}
