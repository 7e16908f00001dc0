package dev.readout.eval.funsd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.readout.core.model.Box;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads FUNSD-format folders for the layout evaluation: {@code DIR/annotations/<name>.json} and
 * {@code DIR/images/<name>.png}. Words: every {@code form[].words[]} entry with non-blank text (box corners
 * swapped where reversed); entities with their label and words; links from the {@code linking} lists between a
 * question and an answer (either direction), as {@code training/funsd_data.py} reads them. The image size comes
 * from the PNG header (IHDR), so images are never decoded.
 */
public final class FunsdFormReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private FunsdFormReader() {
    }

    /** Form names (annotation files without {@code .json}), sorted. */
    public static List<String> names(Path dir) {
        return dev.readout.eval.ocr.FunsdReader.annotations(dir).stream()
                .map(p -> p.getFileName().toString().replaceFirst("\\.json$", "")).toList();
    }

    /**
     * The forms of a folder in name order: only those named in {@code only} when it is not null (a name missing
     * from the folder is an error), then the first {@code limit} (0 = all).
     */
    public static List<FunsdForm> readAll(Path dir, Collection<String> only, int limit) {
        List<String> names = names(dir);
        if (only != null) {
            Set<String> missing = new LinkedHashSet<>(only);
            missing.removeAll(names);
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("forms not in " + dir.resolve("annotations") + ": " + missing);
            }
            names = names.stream().filter(only::contains).toList();
        }
        if (limit > 0 && names.size() > limit) {
            names = names.subList(0, limit);
        }
        List<FunsdForm> out = new ArrayList<>();
        for (String n : names) {
            out.add(read(dir, n));
        }
        return out;
    }

    /** One form; its image must exist (the size is read from it). */
    public static FunsdForm read(Path dir, String name) {
        Path image = dir.resolve("images").resolve(name + ".png");
        if (!Files.isRegularFile(image)) {
            throw new IllegalArgumentException("FUNSD form " + name + " has no image " + image);
        }
        int[] size = pngSize(image);
        Path ann = dir.resolve("annotations").resolve(name + ".json");
        JsonNode root;
        try {
            root = JSON.readTree(ann.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable FUNSD annotation " + ann.getFileName() + ": " + e.getMessage(), e);
        }
        return parse(name, image, size[0], size[1], root);
    }

    static FunsdForm parse(String name, Path image, int width, int height, JsonNode root) {
        JsonNode form = root.path("form");
        if (!form.isArray()) {
            throw new IllegalArgumentException("FUNSD annotation " + name + " has no \"form\" array");
        }
        List<FunsdForm.GoldWord> words = new ArrayList<>();
        List<FunsdForm.GoldEntity> entities = new ArrayList<>();
        Map<Integer, String> labelOf = new HashMap<>();
        Map<Integer, Boolean> hasWords = new HashMap<>();
        for (JsonNode ent : form) {
            int id = ent.path("id").asInt(entities.size());
            String label = ent.path("label").asText("other").toLowerCase(Locale.ROOT);
            List<Integer> wi = new ArrayList<>();
            for (JsonNode w : ent.path("words")) {
                String text = w.path("text").asText("");
                if (text.isBlank()) {
                    continue;
                }
                wi.add(words.size());
                words.add(new FunsdForm.GoldWord(text, dev.readout.eval.ocr.FunsdReader.box(w.path("box"), name), entities.size()));
            }
            entities.add(new FunsdForm.GoldEntity(id, label, wi));
            labelOf.put(id, label);
            hasWords.merge(id, !wi.isEmpty(), Boolean::logicalOr);
        }
        Set<FunsdForm.GoldLink> links = new LinkedHashSet<>();
        for (JsonNode ent : form) {
            for (JsonNode pair : ent.path("linking")) {
                if (!pair.isArray() || pair.size() != 2) {
                    continue;
                }
                int a = pair.get(0).asInt();
                int b = pair.get(1).asInt();
                String la = labelOf.get(a);
                String lb = labelOf.get(b);
                FunsdForm.GoldLink link;
                if ("question".equals(la) && "answer".equals(lb)) {
                    link = new FunsdForm.GoldLink(a, b);
                } else if ("answer".equals(la) && "question".equals(lb)) {
                    link = new FunsdForm.GoldLink(b, a);
                } else {
                    continue;
                }
                if (hasWords.getOrDefault(link.question(), false) && hasWords.getOrDefault(link.answer(), false)) {
                    links.add(link);
                }
            }
        }
        return new FunsdForm(name, image, width, height, words, entities, List.copyOf(links));
    }

    /** (width, height) from a PNG's IHDR chunk (bytes 16–24, big-endian). */
    public static int[] pngSize(Path png) {
        try (InputStream in = Files.newInputStream(png); DataInputStream d = new DataInputStream(in)) {
            byte[] head = new byte[16];
            d.readFully(head);
            for (int i = 0; i < PNG.length; i++) {
                if (head[i] != PNG[i]) {
                    throw new IllegalArgumentException("not a PNG: " + png);
                }
            }
            if (head[12] != 'I' || head[13] != 'H' || head[14] != 'D' || head[15] != 'R') {
                throw new IllegalArgumentException("not a PNG (no IHDR): " + png);
            }
            int w = d.readInt();
            int h = d.readInt();
            if (w <= 0 || h <= 0) {
                throw new IllegalArgumentException("PNG with a bad size " + w + " x " + h + ": " + png);
            }
            return new int[] {w, h};
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the PNG header of " + png + ": " + e.getMessage(), e);
        }
    }
}
