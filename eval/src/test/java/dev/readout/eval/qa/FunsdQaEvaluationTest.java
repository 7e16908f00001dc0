package dev.readout.eval.qa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FunsdQaEvaluationTest {

    @Test
    void normalisationTrimsPunctuationAndCaseButKeepsInnerText() {
        assertThat(FunsdQaEvaluation.normalize("  Lorillard  Corp. ")).isEqualTo("lorillard  corp".replace("  ", " "));
        assertThat(FunsdQaEvaluation.normalize("(212) 545-3000:")).isEqualTo("212) 545-3000");
        assertThat(FunsdQaEvaluation.normalize("Date:")).isEqualTo("date");
        assertThat(FunsdQaEvaluation.normalize("10/22/98")).isEqualTo(FunsdQaEvaluation.normalize("10/22/98 "));
        assertThat(FunsdQaEvaluation.normalize("R&D")).isNotEqualTo(FunsdQaEvaluation.normalize("RD"));
    }
}
