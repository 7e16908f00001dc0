package dev.readout.layout.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading the JSON files of the decoding models ({@link Continuation}, {@link RunTyper}); errors name the file. */
final class DecodingFile {
    private DecodingFile() {
    }

    /** The file's JSON; fails with "cannot read {kind} {file}: …". */
    static JsonNode read(Path file, String kind) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + kind + " " + file + ": " + e.getMessage(), e);
        }
    }

    /** Fails unless {@code j}'s {@code format} is {@code format}. */
    static void requireFormat(JsonNode j, String format, String what) {
        if (!format.equals(j.path("format").asText())) {
            throw new IllegalArgumentException(what + ": format '" + j.path("format").asText() + "', expected '" + format + "'");
        }
    }

    /** The strings of the array {@code j.key} (empty when there is none). */
    static List<String> strings(JsonNode j, String key) {
        List<String> out = new ArrayList<>();
        j.path(key).forEach(n -> out.add(n.asText()));
        return out;
    }
}
