package dev.readout.cli.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The batch manifest, {@code OUT/manifest.jsonl}: one JSON object per finished document, keyed by the SHA-256 of
 * its content and its output name (the same content under two names has two sets of outputs; the last line for a
 * key wins). Appended with a flush to disk after the document's outputs are in
 * place, so a line means "done". A line cut short by a crash is dropped when the manifest is opened.
 * {@code OUT/errors.jsonl} is rewritten from it (atomically) whenever a document fails or is partial.
 */
public final class Manifest {
    public static final String FILE = "manifest.jsonl";
    public static final String ERRORS = "errors.jsonl";

    private final Path file;
    private final Path errors;
    private final ObjectMapper om = new ObjectMapper();
    private final Map<String, ObjectNode> entries = new LinkedHashMap<>();

    public Manifest(Path outDir) throws IOException {
        this.file = outDir.resolve(FILE);
        this.errors = outDir.resolve(ERRORS);
        if (Files.exists(file)) {
            byte[] all = Files.readAllBytes(file);
            int end = all.length;
            while (end > 0 && all[end - 1] != '\n') {
                end--;
            }
            if (end < all.length) {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.truncate(end);
                }
            }
            for (String line : new String(all, 0, end, StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode n = om.readTree(line);
                    if (n instanceof ObjectNode o && o.hasNonNull("sha256")) {
                        entries.put(key(o.get("sha256").asText(), o.path("name").asText()), o);
                    }
                } catch (IOException e) {
                    // an unreadable line is not a finished document: it will be redone
                }
            }
        }
        writeErrors();
    }

    /** The entry of a finished document (its content hash and output name), or null. */
    public synchronized ObjectNode get(String sha256, String name) {
        return entries.get(key(sha256, name));
    }

    public static String key(String sha256, String name) {
        return sha256 + "\u0000" + name;
    }

    /**
     * Whether a document is done: "succeeded" or "failed" when its entry says so, was made with {@code settings}
     * ({@link DocumentJob#settings()}) and every output it lists is present under {@code out}; null when it has to be
     * (re)done (no entry, other settings or none recorded, partial, or an output missing).
     */
    public synchronized String doneStatus(Path out, String sha256, String name, String settings) {
        ObjectNode e = get(sha256, name);
        return e == null || !settings.equals(e.path("settings").asText(null)) ? null : doneStatus(out, e);
    }

    /** A finished document as a cluster job's executors see it: its done status and the settings it was made with. */
    public record Finished(String status, String settings) implements java.io.Serializable {
    }

    /** Every entry that is done (outputs present), keyed by {@link #key} (for a cluster job's executors). */
    public synchronized Map<String, Finished> finished(Path out) {
        Map<String, Finished> m = new java.util.HashMap<>();
        for (ObjectNode e : entries.values()) {
            String s = doneStatus(out, e);
            if (s != null) {
                m.put(key(e.path("sha256").asText(), e.path("name").asText()), new Finished(s, e.path("settings").asText(null)));
            }
        }
        return m;
    }

    /** {@link #doneStatus(Path, String, String, String)} over a map made by {@link #finished(Path)}. */
    public static String doneStatus(Map<String, Finished> finished, String sha256, String name, String settings) {
        Finished f = finished.get(key(sha256, name));
        return f == null || !settings.equals(f.settings()) ? null : f.status();
    }

    private static String doneStatus(Path out, ObjectNode e) {
        String status = e.path("status").asText();
        if ("partial".equals(status)) {
            return null;
        }
        for (JsonNode o : e.path("outputs")) {
            if (!Files.exists(out.resolve(o.asText()))) {
                return null;
            }
        }
        return status;
    }

    /** The finished documents, one entry per (content hash, name). */
    public synchronized List<ObjectNode> entries() {
        return List.copyOf(entries.values());
    }

    public ObjectNode newEntry() {
        return om.createObjectNode();
    }

    /** Records a finished document (flushed to disk) and refreshes errors.jsonl when it failed or is partial. */
    public synchronized void put(ObjectNode entry) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap((om.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest " + file + ": " + e.getMessage(), e);
        }
        entries.put(key(entry.get("sha256").asText(), entry.path("name").asText()), entry);
        if (!"succeeded".equals(entry.path("status").asText())) {
            writeErrors();
        }
    }

    /** errors.jsonl: one line per failed document and per failed page of a partial document, from the manifest. */
    private void writeErrors() {
        List<String> lines = new ArrayList<>();
        for (ObjectNode e : entries.values()) {
            String status = e.path("status").asText();
            if ("failed".equals(status) && e.has("error")) {
                ObjectNode o = om.createObjectNode();
                o.put("file", e.path("source").asText());
                o.put("sha256", e.path("sha256").asText());
                o.set("code", e.get("code"));
                o.set("error", e.get("error"));
                lines.add(o.toString());
            }
            for (JsonNode pe : e.path("errors")) {
                ObjectNode o = om.createObjectNode();
                o.put("file", e.path("source").asText());
                o.put("sha256", e.path("sha256").asText());
                o.set("page", pe.get("page"));
                o.set("code", pe.get("code"));
                o.set("error", pe.get("message"));
                lines.add(o.toString());
            }
        }
        try {
            Files.createDirectories(errors.getParent());
            AtomicFiles.write(errors, (String.join("\n", lines) + (lines.isEmpty() ? "" : "\n")).getBytes(StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + errors + ": " + ex.getMessage(), ex);
        }
    }
}
