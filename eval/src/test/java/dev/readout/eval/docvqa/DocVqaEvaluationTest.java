package dev.readout.eval.docvqa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.vqa.qa.DocumentQa;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DocVQA scorer on a page of our own, with key retrieval alone (no model): ANLS, by_source and the listing. */
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
}
