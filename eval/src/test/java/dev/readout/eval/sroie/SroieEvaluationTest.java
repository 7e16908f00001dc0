package dev.readout.eval.sroie;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SroieEvaluationTest {

    @Test
    void matchesAfterTheDocumentedNormalisation() {
        assertThat(SroieEvaluation.match("company", "BOOK TA .K (TAMAN DAYA) SDN BHD", "book ta .k (taman  daya) sdn bhd")).isTrue();
        assertThat(SroieEvaluation.match("company", "BOOK TA .K SDN BHD", "BOOK TAK SDN BHD")).isFalse();
        assertThat(SroieEvaluation.match("total", "$8.20", "8.20")).isTrue();
        assertThat(SroieEvaluation.match("total", "RM43.40", "43.4")).isTrue();
        assertThat(SroieEvaluation.match("total", "9.00", "9.60")).isFalse();
        assertThat(SroieEvaluation.match("date", "30 MAR 2018", "30/03/2018")).isTrue();
        assertThat(SroieEvaluation.match("date", "02/03/18", "02/03/2018")).isTrue();
        assertThat(SroieEvaluation.match("date", "26/05/2018", "26/05/2078")).isFalse();
        assertThat(SroieEvaluation.match("address", "109, SS21/1A, DAMANSARA UTAMA", "109, SS21/1A DAMANSARA UTAMA")).isFalse();
    }
}
