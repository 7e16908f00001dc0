package dev.readout.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.readout.core.error.CorruptDocumentException;
import dev.readout.core.model.Document;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The versioned JSON form of a {@link Document} (see docs/schema.md). Writing then reading gives an equal document.
 * Thread-safe.
 */
public final class DocumentJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private DocumentJson() {
    }

    /** The shared mapper, configured for the document model. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Document doc) {
        try {
            return MAPPER.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise document", e);
        }
    }

    public static void write(Document doc, OutputStream out) throws IOException {
        MAPPER.writeValue(out, doc);
    }

    /** Reads a document; refuses a major schema version this build does not know. */
    public static Document read(String json) {
        try {
            Document d = MAPPER.readValue(json, Document.class);
            String major = d.schemaVersion().split("\\.")[0];
            if (!major.equals(Document.SCHEMA_VERSION.split("\\.")[0])) {
                throw new CorruptDocumentException("unsupported schemaVersion " + d.schemaVersion()
                        + " (this build reads " + Document.SCHEMA_VERSION + ")");
            }
            return d;
        } catch (JsonProcessingException e) {
            throw new CorruptDocumentException("not a Readout document JSON: " + e.getOriginalMessage(), e);
        }
    }
}
