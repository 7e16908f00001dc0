package dev.readout.eval.docvqa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.vqa.qa.DocumentQa;
import dev.readout.vqa.qa.ExtractiveQa;
import dev.readout.vqa.qa.onnx.OnnxQaModel;
import dev.readout.vqa.qa.onnx.QaModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The DocVQA scorer on pages of our own: with key retrieval alone (no model), ANLS, by_source and the listing; with the
 * shipped QA model, the rows its no-answer threshold is calibrated on.
 */
class DocVqaEvaluationTest {
    @Test
    void scoresEachQuestionAndCountsItUnderTheSourceThatAnsweredIt() {
        DocVqaPage page = new DocVqaPage("Invoice number: INV-2024-7", List.of(
                new DocVqaPage.Question(1, "What is the invoice number?", List.of("INV-2024-7")),
                new DocVqaPage.Question(2, "Who won the match?", List.of("Harbour Rovers"))));
        List<String> listing = new ArrayList<>();
        Map<String, Object> r = DocVqaEvaluation.run(List.of(page), d -> new DocumentQa(d, null, DocumentQa.Mode.KEY_VALUE), listing::add);

        assertThat(r.get("questions")).isEqualTo(2);
        assertThat(listing).hasSize(2);
        String[] first = listing.get(0).split("\t", -1);
        String[] second = listing.get(1).split("\t", -1);
        assertThat(first).hasSize(8);
        assertThat(first[1]).isEqualTo("1");
        assertThat(first[4]).isEqualToIgnoringCase("INV-2024-7");
        assertThat(Double.parseDouble(first[0])).isEqualTo(1.0);
        assertThat(second[5]).isEqualTo("none");
        assertThat(Double.parseDouble(second[0])).isZero();
        assertThat((double) r.get("anls")).isEqualTo(0.5);

        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> bySource = (Map<String, Map<String, Object>>) r.get("by_source");
        assertThat(bySource).containsOnlyKeys(first[5], "none");
        assertThat(bySource.get(first[5])).containsEntry("questions", 1).containsEntry("anls", 1.0);
        assertThat(bySource.get("none")).containsEntry("questions", 1).containsEntry("anls", 0.0);
    }

    /**
     * Each question asked of its own page and of the other one: the own-page span is the answer (ANLS 1) with a larger
     * margin than the span the model finds on the unrelated page.
     */
    @Test
    void calibrationRowsAskEachQuestionOfItsOwnPageAndOfAnother() {
        List<DocVqaPage> pages = List.of(
                new DocVqaPage("MEMORANDUM To: All sales staff From: Karen Wood, Marketing Director Date: June 12, 1997 "
                        + "Subject: New brand launch schedule.", List.of(
                        new DocVqaPage.Question(11, "Who is the memo from?", List.of("Karen Wood")))),
                new DocVqaPage("Harbour Rovers beat Mill Town 3-1 in the cup final on Saturday. The winning goal was scored "
                        + "by Ada Okafor in the 88th minute.", List.of(
                        new DocVqaPage.Question(12, "Who scored the winning goal?", List.of("Ada Okafor")))));
        List<String> rows = new ArrayList<>();
        int n;
        try (OnnxQaModel model = OnnxQaModel.load(QaModels.locate().dir().orElseThrow(() -> new AssertionError("models/qa-bert is shipped")))) {
            n = DocVqaEvaluation.calibrationRows(pages, d -> new ExtractiveQa(d, model), 13, rows::add);
        }
        assertThat(n).isEqualTo(4);
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0)).isEqualTo("question_id\tpage\tkind\tmargin\tanls\tanswer");
        for (int q = 0; q < 2; q++) {
            String[] own = rows.get(1 + 2 * q).split("\t", -1);
            String[] other = rows.get(2 + 2 * q).split("\t", -1);
            assertThat(own[0]).isEqualTo(other[0]).isEqualTo(String.valueOf(11 + q));
            assertThat(own[1]).isEqualTo(other[1]).isEqualTo(String.valueOf(q));
            assertThat(own[2]).isEqualTo("own");
            assertThat(other[2]).isEqualTo("other");
            assertThat(Double.parseDouble(own[4])).as(own[5]).isEqualTo(1.0);
            assertThat(Double.parseDouble(other[4])).as(other[5]).isZero();
            assertThat(Double.parseDouble(own[3])).isGreaterThan(Double.parseDouble(other[3]));
        }
    }

    @Test
    void calibrationRowsNeedTwoPages() {
        DocVqaPage one = new DocVqaPage("Total: 12.00", List.of(new DocVqaPage.Question(1, "What is the total?", List.of("12.00"))));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DocVqaEvaluation.calibrationRows(List.of(one), d -> null, 1, r -> { }))
                .hasMessageContaining("at least two pages");
    }
}
