package dev.readout.eval.funsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class EntityMetricTest {

    @Test
    void chunksFollowSeqeval() {
        assertThat(EntityMetric.chunks(List.of("B-QUESTION", "I-QUESTION", "I-ANSWER", "O", "I-HEADER", "B-HEADER", "I-HEADER")))
                .containsExactly(new EntityMetric.Chunk("question", 0, 2), new EntityMetric.Chunk("answer", 2, 3),
                        new EntityMetric.Chunk("header", 4, 5), new EntityMetric.Chunk("header", 5, 7));
    }

    @Test
    void microAndPerLabelScoresOnATinyFixture() {
        EntityMetric m = new EntityMetric();
        // page 1: gold Q[0,2) A[2,3) H[4,5); predicted Q[0,2) (right), A[2,4) (wrong span), H[4,5) (right)
        m.addPage(List.of("B-QUESTION", "I-QUESTION", "B-ANSWER", "O", "B-HEADER"),
                List.of("B-QUESTION", "I-QUESTION", "B-ANSWER", "I-ANSWER", "B-HEADER"));
        // page 2: gold A[0,1) A[1,2) (two adjacent answers); predicted one answer over both, and a spurious question
        m.addPage(List.of("B-ANSWER", "B-ANSWER", "O"), List.of("B-ANSWER", "I-ANSWER", "B-QUESTION"));
        Prf t = m.total();
        assertThat(t).isEqualTo(new Prf(2, 5, 5));
        assertThat(t.precision()).isEqualTo(0.4);
        assertThat(t.recall()).isEqualTo(0.4);
        assertThat(t.f1()).isCloseTo(0.4, within(1e-12));
        assertThat(m.perLabel().get("question")).isEqualTo(new Prf(1, 2, 1));
        assertThat(m.perLabel().get("question").f1()).isCloseTo(2 * 0.5 * 1.0 / 1.5, within(1e-12));
        assertThat(m.perLabel().get("answer")).isEqualTo(new Prf(0, 2, 3));
        assertThat(m.perLabel().get("answer").f1()).isZero();
        assertThat(m.perLabel().get("header")).isEqualTo(new Prf(1, 1, 1));
        assertThat(m.perLabel()).containsOnlyKeys("header", "question", "answer");
    }

    @Test
    void goldTagsFollowTheModelsWordOrder() {
        // entities: 0 question, 1 answer, 2 other; words in model order belong to entities 0, 0, 2, 1, 0
        List<String> labels = List.of("question", "answer", "other");
        boolean[] scored = {true, true, false};
        assertThat(EntityMetric.goldTags(new int[] {0, 0, 2, 1, 0}, labels, scored))
                .containsExactly("B-QUESTION", "I-QUESTION", "O", "B-ANSWER", "B-QUESTION");
    }

    @Test
    void emptyCountsScoreZero() {
        assertThat(Prf.ZERO.f1()).isZero();
        assertThat(new Prf(0, 3, 0).precision()).isZero();
        EntityMetric m = new EntityMetric();
        m.addPage(List.of("O"), List.of("O"));
        assertThat(m.total()).isEqualTo(Prf.ZERO);
    }
}
