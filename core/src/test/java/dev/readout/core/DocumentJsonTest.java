package dev.readout.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readout.core.error.CorruptDocumentException;
import dev.readout.core.json.DocumentJson;
import dev.readout.core.model.Document;
import org.junit.jupiter.api.Test;

class DocumentJsonTest {

    @Test
    void writeThenReadGivesAnEqualDocument() {
        Document doc = Fixtures.document();
        String json = DocumentJson.write(doc);
        assertThat(DocumentJson.read(json)).isEqualTo(doc);
        assertThat(DocumentJson.write(DocumentJson.read(json))).isEqualTo(json);
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        JsonNode n = DocumentJson.mapper().readTree(DocumentJson.write(Fixtures.document()));
        assertThat(n.get("schemaVersion").asText()).isEqualTo("1.1");
        assertThat(n.get("pages").get(0).get("relations").get(0).get("from").asText()).isEqualTo("p1-e1");
        JsonNode page = n.get("pages").get(0);
        assertThat(page.get("number").asInt()).isEqualTo(1);
        assertThat(page.get("width").asInt()).isEqualTo(2480);
        assertThat(page.get("dpi").asInt()).isEqualTo(300);
        JsonNode word = page.get("words").get(2);
        assertThat(word.get("id").asText()).isEqualTo("p1-w3");
        assertThat(word.get("text").asText()).isEqualTo("Total & due");
        assertThat(word.get("box").isArray()).isTrue();
        assertThat(word.get("box").get(2).asDouble()).isEqualTo(200.25);
        assertThat(word.get("confidence").asDouble()).isEqualTo(0.5);
        assertThat(word.get("source").asText()).isEqualTo("tesseract-5.3.0");
        assertThat(n.get("errors").get(0).get("page").asInt()).isEqualTo(2);
        assertThat(n.get("status").asText()).isEqualTo("PARTIAL");
    }

    @Test
    void refusesAnotherMajorSchemaVersionAndGarbage() {
        String json = DocumentJson.write(Fixtures.document()).replace("\"schemaVersion\" : \"1.1\"", "\"schemaVersion\" : \"2.0\"");
        assertThatThrownBy(() -> DocumentJson.read(json)).isInstanceOf(CorruptDocumentException.class).hasMessageContaining("2.0");
        assertThatThrownBy(() -> DocumentJson.read("{not json")).isInstanceOf(CorruptDocumentException.class);
    }

    @Test
    void readsSchemaOneZeroDocumentsWithoutEntities() {
        String v10 = "{\"schemaVersion\":\"1.0\",\"status\":\"SUCCEEDED\",\"pages\":[{\"number\":1,\"width\":10,\"height\":10,"
                + "\"dpi\":300,\"textSource\":\"NONE\",\"rotation\":0,\"skew\":0,\"words\":[],\"lines\":[],\"regions\":[],"
                + "\"readingOrder\":[]}],\"formFields\":[],\"errors\":[]}";
        Document d = DocumentJson.read(v10);
        assertThat(d.pages().get(0).entities()).isEmpty();
        assertThat(d.schemaVersion()).isEqualTo("1.0");
    }
}
