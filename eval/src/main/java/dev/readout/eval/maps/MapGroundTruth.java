package dev.readout.eval.maps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.readout.core.error.CorruptDocumentException;
import dev.readout.core.geometry.Polygons;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads map text ground truth in the layout of the USC "map-ocr-ground-truth" sets: one folder per map holding
 * {@code NAME.png} and {@code NAME.geojson} (or, without it, the same features as an ESRI shapefile
 * {@code NAME.shp} + {@code NAME.dbf}). One feature per word; its polygon is in image pixels with <b>y negated</b>
 * (image y = −Y); its text is the property {@code Label}, {@code Text}, {@code TEXT} or {@code text} (spelling
 * varies per file), its phrase {@code Phrase} or {@code phrase}. Features without text are skipped.
 */
public final class MapGroundTruth {
    private static final List<String> TEXT_KEYS = List.of("Label", "Text", "TEXT", "text", "label", "LABEL");
    private static final List<String> PHRASE_KEYS = List.of("Phrase", "phrase", "PHRASE");

    /** A gold word: polygon in image pixels (y down, no closing point), text and phrase (may be empty). */
    public record GoldWord(double[] polygon, String text, String phrase) {
    }

    /** One annotated map. */
    public record GoldMap(String name, Path image, List<GoldWord> words) {
        public GoldMap {
            words = List.copyOf(words);
        }
    }

    private MapGroundTruth() {
    }

    /** Every map folder under {@code dir} (or {@code dir} itself when it is one), in name order. */
    public static List<GoldMap> load(Path dir, int limit) {
        List<Path> folders = new ArrayList<>();
        if (isMapFolder(dir)) {
            folders.add(dir);
        } else {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(Files::isDirectory).filter(MapGroundTruth::isMapFolder).sorted().forEach(folders::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (folders.isEmpty()) {
            throw new IllegalArgumentException("--data: no map folder (NAME/NAME.png with NAME.geojson or NAME.shp + NAME.dbf) in " + dir);
        }
        List<GoldMap> out = new ArrayList<>();
        for (Path f : limit > 0 ? folders.subList(0, Math.min(limit, folders.size())) : folders) {
            out.add(read(f));
        }
        return out;
    }

    static boolean isMapFolder(Path f) {
        String n = f.getFileName() == null ? "" : f.getFileName().toString();
        return Files.isRegularFile(f.resolve(n + ".png"))
                && (Files.isRegularFile(f.resolve(n + ".geojson")) || (Files.isRegularFile(f.resolve(n + ".shp")) && Files.isRegularFile(f.resolve(n + ".dbf"))));
    }

    /** One map folder. */
    public static GoldMap read(Path folder) {
        String n = folder.getFileName().toString();
        Path geojson = folder.resolve(n + ".geojson");
        List<GoldWord> words = Files.isRegularFile(geojson) ? fromGeoJson(geojson)
                : ShapefileReader.read(folder.resolve(n + ".shp"), folder.resolve(n + ".dbf"));
        return new GoldMap(n, folder.resolve(n + ".png"), words);
    }

    static List<GoldWord> fromGeoJson(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new CorruptDocumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<GoldWord> out = new ArrayList<>();
        for (JsonNode f : root.path("features")) {
            String text = first(f.path("properties"), TEXT_KEYS);
            JsonNode g = f.path("geometry");
            if (text.isBlank() || !"Polygon".equals(g.path("type").asText())) {
                continue;
            }
            JsonNode ring = g.path("coordinates").path(0);
            double[] p = new double[ring.size() * 2];
            for (int i = 0; i < ring.size(); i++) {
                p[2 * i] = ring.path(i).path(0).asDouble();
                p[2 * i + 1] = -ring.path(i).path(1).asDouble();
            }
            out.add(new GoldWord(Polygons.open(p), text.strip(), first(f.path("properties"), PHRASE_KEYS).strip()));
        }
        return out;
    }

    private static String first(JsonNode props, List<String> keys) {
        for (String k : keys) {
            JsonNode v = props.get(k);
            if (v != null && !v.isNull()) {
                return v.asText();
            }
        }
        return "";
    }
}
