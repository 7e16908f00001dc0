package dev.readout.vqa.qa.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.readout.core.model.Page;
import dev.readout.core.model.Word;
import dev.readout.layout.input.GridBox;
import dev.readout.vqa.qa.Answer;
import dev.readout.vqa.qa.DocumentQa;
import dev.readout.vqa.qa.TextPage;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped QA model (models/qa-bert) on ONNX Runtime: parity with PyTorch, answers and refusals. */
class OnnxQaModelTest {
    static OnnxQaModel model;

    @BeforeAll
    static void load() {
        Path dir = QaModels.locate().dir().orElseThrow(() -> new AssertionError("models/qa-bert is shipped: " + QaModels.locate().reason()));
        model = OnnxQaModel.load(dir);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** Fixture written by training/calibrate_qa.py: ids and PyTorch logits of three windows over texts of our own. */
    @Test
    void logitsEqualPyTorch() throws Exception {
        JsonNode fx;
        try (InputStream in = OnnxQaModelTest.class.getResourceAsStream("/qa-parity.json")) {
            fx = new ObjectMapper().readTree(in);
        }
        assertThat(fx.size()).isEqualTo(3);
        double worst = 0;
        for (JsonNode c : fx) {
            Page p = TextPage.page(c.get("text").asText());
            List<String> texts = p.words().stream().map(Word::text).toList();
            List<int[]> boxes = p.words().stream().map(w -> GridBox.of(w.box(), p.width(), p.height())).toList();
            QaEncoder.QaWindow w = model.encoder().encode(c.get("question").asText(), texts, boxes).get(0);
            long[] ids = new long[c.get("input_ids").size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = c.get("input_ids").get(i).asLong();
            }
            assertThat(w.inputIds()).containsExactly(ids);
            float[][][] out = model.run(List.of(w));
            for (int i = 0; i < ids.length; i++) {
                worst = Math.max(worst, Math.abs(out[0][0][i] - c.get("start_logits").get(i).asDouble()));
                worst = Math.max(worst, Math.abs(out[1][0][i] - c.get("end_logits").get(i).asDouble()));
            }
        }
        System.out.println("OnnxQaModelTest: max |Java ORT - PyTorch| logit difference " + worst);
        assertThat(worst).isLessThan(2e-3);
    }

    @Test
    void answersFromTheTextWithEvidence() {
        var doc = TextPage.document("memo", "MEMORANDUM To: All sales staff From: Karen Wood, Marketing Director "
                + "Date: June 12, 1997 Subject: New brand launch schedule. The launch of the new brand is planned for "
                + "September 1997 in three test markets.");
        Answer a = new DocumentQa(doc, model, DocumentQa.Mode.MODEL).ask("Who is the memo from?");
        assertThat(a.found()).isTrue();
        assertThat(a.text()).containsIgnoringCase("Karen Wood");
        assertThat(a.evidence().page()).isEqualTo(1);
        assertThat(a.evidence().wordIds()).isNotEmpty();
        assertThat(a.evidence().box()).isNotNull();
        assertThat(a.source()).isEqualTo("qa-model");
    }

    /**
     * Plain text laid out as a page has no layout of its own: key retrieval's confident answer (here the invoice date
     * rule's) does not override the model there, the model answers first.
     */
    @Test
    void onPlainTextTheModelAnswersFirst() {
        var doc = TextPage.document("memo", "MEMORANDUM To: All sales staff From: Karen Wood, Marketing Director "
                + "Date: June 12, 1997 Subject: New brand launch schedule. The launch of the new brand is planned for "
                + "September 1997 in three test markets.");
        String q = "What is the date?";
        Answer kv = new DocumentQa(doc, null).ask(q);
        assertThat(kv.found()).isTrue();
        assertThat(kv.score()).isGreaterThanOrEqualTo(DocumentQa.KEY_VALUE_CONFIDENT);
        Answer m = new DocumentQa(doc, model, DocumentQa.Mode.MODEL).ask(q);
        assertThat(m.found()).isTrue();
        Answer fused = new DocumentQa(doc, model).ask(q);
        assertThat(fused.source()).isEqualTo("qa-model");
        assertThat(fused.text()).isEqualTo(m.text());
    }
}
