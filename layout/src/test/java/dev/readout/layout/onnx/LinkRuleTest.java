package dev.readout.layout.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkRuleTest {
    private static final double NAN = Double.NaN;

    @Test
    void thresholdAndOneQuestionPerAnswer() {
        // [q][a]
        double[][] s = {
                {0.9, 0.2, NAN},
                {0.7, 0.6, 0.95},
                {0.9, 0.1, 0.5}};
        boolean[][] all = PageAnalysis.decideLinks(s, 0.5, false);
        assertThat(all).isDeepEqualTo(new boolean[][] {{true, false, false}, {true, true, true}, {true, false, true}});
        boolean[][] one = PageAnalysis.decideLinks(s, 0.5, true);
        // answer 0: q0 and q2 tie at 0.9 -> the first; answer 1: only q1 passes; answer 2: q1 (0.95), NaN never links
        assertThat(one).isDeepEqualTo(new boolean[][] {{true, false, false}, {false, true, true}, {false, false, false}});
        assertThat(PageAnalysis.decideLinks(new double[0][0], 0.5, true)).isEmpty();
    }

    @Test
    void sigmoid() {
        assertThat(PageAnalysis.sigmoid(0)).isEqualTo(0.5);
        assertThat(PageAnalysis.sigmoid(50)).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
    }
}
