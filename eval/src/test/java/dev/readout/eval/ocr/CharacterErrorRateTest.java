package dev.readout.eval.ocr;

import static dev.readout.eval.ocr.WordMatcherTest.w;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CharacterErrorRateTest {
    @Test
    void perfectPrediction() {
        List<TextBox> gold = List.of(w("Date:", 0, 0, 50, 10), w("1/2/93", 60, 0, 120, 10));
        CharacterErrorRate.Counts c = CharacterErrorRate.of(gold, gold);
        assertThat(c.edits()).isZero();
        assertThat(c.goldChars()).isEqualTo(11);
        assertThat(c.rate()).isZero();
    }

    @Test
    void splitWordsAreJoinedLeftToRightWithASpace() {
        List<TextBox> gold = List.of(w("ABC-123", 0, 0, 70, 10));
        // predicted in right-to-left order; sorted they read "ABC- 123": one inserted space
        List<TextBox> pred = List.of(w("123", 40, 0, 70, 10), w("ABC-", 0, 0, 38, 10));
        CharacterErrorRate.Counts c = CharacterErrorRate.of(gold, pred);
        assertThat(c.edits()).isEqualTo(1);
        assertThat(c.goldChars()).isEqualTo(7);
    }

    @Test
    void missedWordsAreDeletionsAndStrayWordsInsertions() {
        List<TextBox> gold = List.of(w("Name", 0, 0, 40, 10), w("Smith", 50, 0, 100, 10));
        List<TextBox> pred = List.of(
                w("Narne", 0, 0, 40, 10),     // 2 edits (m -> rn)
                w("xyz", 300, 300, 330, 310)); // centre in no gold box: 3 insertions; "Smith" missed: 5 deletions
        CharacterErrorRate.Counts c = CharacterErrorRate.of(gold, pred);
        assertThat(c.edits()).isEqualTo(2 + 3 + 5);
        assertThat(c.goldChars()).isEqualTo(9);
        assertThat(c.strayChars()).isEqualTo(3);
        assertThat(c.rate()).isCloseTo(10 / 9.0, within(1e-9));
    }

    @Test
    void aPredictionInsideOverlappingGoldBoxesGoesToOneOnly() {
        List<TextBox> gold = List.of(w("big", 0, 0, 100, 20), w("ok", 10, 5, 30, 15));
        List<TextBox> pred = List.of(w("ok", 10, 5, 30, 15)); // centre inside both; best IoU with "ok"
        CharacterErrorRate.Counts c = CharacterErrorRate.of(gold, pred);
        assertThat(c.edits()).isEqualTo(3); // "big" deleted, "ok" exact
    }
}
