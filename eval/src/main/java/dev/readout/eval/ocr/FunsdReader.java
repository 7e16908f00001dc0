package dev.readout.eval.ocr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.readout.core.model.Box;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a FUNSD-format folder: {@code DIR/annotations/*.json} with, for each, an image of the same base
 * name in {@code DIR/images/} (png, then jpg, jpeg, tif, tiff). Annotation:
 * {@code {"form":[{"box":[x0,y0,x1,y1],"text":..,"words":[{"box":[..],"text":".."}],..}]}}; the gold words
 * are all {@code form[].words[]} with non-blank text.
 */
public final class FunsdReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> IMAGE_EXTENSIONS = List.of("png", "jpg", "jpeg", "tif", "tiff");

    private FunsdReader() {
    }

    /** The annotation files of a folder, sorted by name; fails with a clear message when the layout is wrong. */
    public static List<Path> annotations(Path dir) {
        Path ann = dir.resolve("annotations");
        if (!Files.isDirectory(ann)) {
            throw new IllegalArgumentException("not a FUNSD folder: " + ann + " does not exist (expected DIR/annotations/*.json and DIR/images/)");
        }
        try (Stream<Path> s = Files.list(ann)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The image beside an annotation file, or null when there is none. */
    public static Path imageFor(Path annotation) {
        Path images = annotation.getParent().resolveSibling("images");
        String base = baseName(annotation);
        for (String ext : IMAGE_EXTENSIONS) {
            Path p = images.resolve(base + "." + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** Reads one annotation file together with the path of its image (which may be null). */
    public static FunsdPage read(Path annotation) {
        JsonNode root;
        try {
            root = JSON.readTree(annotation.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable FUNSD annotation " + annotation.getFileName() + ": " + e.getMessage(), e);
        }
        return new FunsdPage(baseName(annotation), imageFor(annotation), goldWords(root, annotation.getFileName().toString()));
    }

    static List<TextBox> goldWords(JsonNode root, String name) {
        JsonNode form = root.path("form");
        if (!form.isArray()) {
            throw new IllegalArgumentException("FUNSD annotation " + name + " has no \"form\" array");
        }
        List<TextBox> out = new ArrayList<>();
        for (JsonNode entity : form) {
            for (JsonNode w : entity.path("words")) {
                String text = w.path("text").asText("");
                if (text.isBlank()) {
                    continue;
                }
                out.add(new TextBox(text, box(w.path("box"), name)));
            }
        }
        return out;
    }

    /** A FUNSD {@code [x0, y0, x1, y1]} box, corners swapped where reversed. */
    public static Box box(JsonNode b, String name) {
        if (!b.isArray() || b.size() != 4) {
            throw new IllegalArgumentException("FUNSD annotation " + name + ": a word box is not [x0, y0, x1, y1]: " + b);
        }
        double x0 = b.get(0).asDouble();
        double y0 = b.get(1).asDouble();
        double x1 = b.get(2).asDouble();
        double y1 = b.get(3).asDouble();
        return new Box(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
    }

    private static String baseName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }
}
