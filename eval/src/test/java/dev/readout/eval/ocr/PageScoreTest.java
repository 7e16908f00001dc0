package dev.readout.eval.ocr;

import static dev.readout.eval.ocr.WordMatcherTest.w;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageScoreTest {
    @Test
    void microAveragesOverPages() {
        List<TextBox> gold1 = List.of(w("To:", 0, 0, 30, 10), w("Bob", 40, 0, 70, 10));
        List<TextBox> pred1 = List.of(w("To", 0, 0, 28, 10), w("Bob", 40, 0, 70, 10), w("~", 200, 200, 205, 205));
        PageScore s1 = PageScore.of(gold1, pred1);
        assertThat(s1).isEqualTo(new PageScore(2, 3, 1, 2, 1 + 1, 6, 1));

        List<TextBox> gold2 = List.of(w("Yes", 0, 0, 30, 10));
        PageScore s2 = PageScore.failed(gold2);
        assertThat(s2).isEqualTo(new PageScore(1, 0, 0, 0, 3, 3, 0));

        OcrScores all = new OcrScores();
        all.add(s1, 1.0);
        all.add(s2, 3.0);
        all.setSeconds(2.5);
        assertThat(all.precision()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(all.recall()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(all.f1()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(all.precisionNormalized()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(all.recallNormalized()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(all.cer()).isCloseTo(5 / 9.0, within(1e-9));
        Map<String, Object> m = all.toMap();
        assertThat(m).containsEntry("word_precision", 0.3333).containsEntry("cer", 0.5556).containsEntry("seconds", 2.5)
                .containsEntry("seconds_per_page", 2.0).containsKeys("word_recall", "word_f1", "word_f1_normalized");
    }

    @Test
    void emptyScoresAreZeroNotNaN() {
        OcrScores none = new OcrScores();
        assertThat(none.precision()).isZero();
        assertThat(none.f1()).isZero();
        assertThat(none.cer()).isZero();
    }
}
