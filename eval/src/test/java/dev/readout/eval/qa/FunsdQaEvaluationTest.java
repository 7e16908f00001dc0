package dev.readout.eval.qa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.core.model.Box;
import dev.readout.eval.funsd.FunsdForm;
import dev.readout.vqa.qa.DocumentQa;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class FunsdQaEvaluationTest {

    @Test
    void normalisationTrimsPunctuationAndCaseButKeepsInnerText() {
        assertThat(FunsdQaEvaluation.normalize("  Lorillard  Corp. ")).isEqualTo("lorillard corp");
        assertThat(FunsdQaEvaluation.normalize("(212) 545-3000:")).isEqualTo("212)545-3000");
        assertThat(FunsdQaEvaluation.normalize("Date:")).isEqualTo("date");
        assertThat(FunsdQaEvaluation.normalize("10/22/98")).isEqualTo(FunsdQaEvaluation.normalize("10/22/98 "));
        assertThat(FunsdQaEvaluation.normalize("R&D")).isNotEqualTo(FunsdQaEvaluation.normalize("RD"));
    }

    @Test
    void whiteSpaceBesidePunctuationIsIgnoredButNotBetweenWords() {
        // FUNSD's annotators cut words at punctuation: the gold text has spaces the printed form has not
        assertThat(FunsdQaEvaluation.normalize("10/ 13/ 99")).isEqualTo(FunsdQaEvaluation.normalize("10/13/99"));
        assertThat(FunsdQaEvaluation.normalize("B. A. T. CYPRUS")).isEqualTo(FunsdQaEvaluation.normalize("_B.A.T. CYPRUS"));
        assertThat(FunsdQaEvaluation.normalize("HLB- KS")).isEqualTo(FunsdQaEvaluation.normalize("HLB - KS"));
        assertThat(FunsdQaEvaluation.normalize("Philip Morris")).isNotEqualTo(FunsdQaEvaluation.normalize("PhilipMorris"));
        assertThat(FunsdQaEvaluation.normalize("64 mm")).isNotEqualTo(FunsdQaEvaluation.normalize("64"));
    }

    @Test
    void aQuestionLinkedToSeveralAnswersLowersTheCeiling() {
        // "Grade" heads a column of two cells: asked twice, it has one answer, so one of the two asks must fail
        List<FunsdForm.GoldWord> words = List.of(
                new FunsdForm.GoldWord("Grade", new Box(10, 10, 60, 22), 0),
                new FunsdForm.GoldWord("A1", new Box(10, 30, 30, 42), 1),
                new FunsdForm.GoldWord("B2", new Box(10, 50, 30, 62), 2),
                new FunsdForm.GoldWord("Date:", new Box(200, 10, 240, 22), 3),
                new FunsdForm.GoldWord("10/", new Box(250, 10, 270, 22), 4),
                new FunsdForm.GoldWord("13/", new Box(272, 10, 292, 22), 4),
                new FunsdForm.GoldWord("99", new Box(294, 10, 310, 22), 4));
        List<FunsdForm.GoldEntity> entities = List.of(
                new FunsdForm.GoldEntity(0, "question", List.of(0)),
                new FunsdForm.GoldEntity(1, "answer", List.of(1)),
                new FunsdForm.GoldEntity(2, "answer", List.of(2)),
                new FunsdForm.GoldEntity(3, "question", List.of(3)),
                new FunsdForm.GoldEntity(4, "answer", List.of(4, 5, 6)));
        FunsdForm form = new FunsdForm("grades", null, 400, 100, words, entities,
                List.of(new FunsdForm.GoldLink(0, 1), new FunsdForm.GoldLink(0, 2), new FunsdForm.GoldLink(3, 4)));
        List<String> lines = new java.util.ArrayList<>();
        FunsdQaEvaluation.Counts c = new FunsdQaEvaluation.Counts(lines::add);
        FunsdQaEvaluation.evaluate(FunsdQaEvaluation.goldWords(form, UnaryOperator.identity()), form, c,
                doc -> new DocumentQa(doc, null));
        Map<String, Object> m = c.toMap(1, 0);
        assertThat(m.get("questions")).isEqualTo(3);
        assertThat((double) m.get("ceiling")).isEqualTo(0.6667);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("\tGrade\tA1\t");
        assertThat(lines.get(1)).contains("\tGrade\tB2\t");
    }
}
