package dev.readout.eval.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OcrReportTest {
    @Test
    void jsonHasTheDocumentedShapeAndTableNamesEverySystem() throws Exception {
        OcrScores a = new OcrScores();
        a.add(new PageScore(4, 4, 3, 4, 2, 20, 0), 0.5);
        Map<String, OcrScores> systems = new LinkedHashMap<>();
        systems.put("readout", a);
        OcrReport r = new OcrReport(1, 4, systems, Map.of("tesseract-cli", "the tesseract binary was not found"));
        JsonNode j = new ObjectMapper().readTree(r.toJson());
        assertThat(j.get("documents").asInt()).isEqualTo(1);
        JsonNode s = j.get("systems").get("readout");
        assertThat(s.get("word_precision").asDouble()).isEqualTo(0.75);
        assertThat(s.get("word_recall").asDouble()).isEqualTo(0.75);
        assertThat(s.get("word_f1").asDouble()).isEqualTo(0.75);
        assertThat(s.get("word_f1_normalized").asDouble()).isEqualTo(1.0);
        assertThat(s.get("cer").asDouble()).isEqualTo(0.1);
        assertThat(s.has("seconds")).isTrue();
        assertThat(j.get("systems").has("tesseract-cli")).isFalse();
        assertThat(j.get("skipped").get("tesseract-cli").asText()).contains("not found");
        assertThat(r.toTable()).contains("readout").contains("word precision").contains("0.7500").contains("CER")
                .contains("tesseract-cli: skipped");
    }
}
