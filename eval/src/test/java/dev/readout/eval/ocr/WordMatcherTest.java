package dev.readout.eval.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.core.model.Box;
import dev.readout.eval.TextNormalizer;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class WordMatcherTest {
    static TextBox w(String t, double x0, double y0, double x1, double y1) {
        return new TextBox(t, new Box(x0, y0, x1, y1));
    }

    @Test
    void needsEqualTextAndIouAtLeastHalf() {
        List<TextBox> gold = List.of(w("Date", 0, 0, 40, 10), w("Name", 100, 0, 140, 10), w("To", 200, 0, 220, 10));
        List<TextBox> pred = List.of(
                w("Date", 1, 0, 41, 10),     // same text, IoU ~0.95: match
                w("name", 100, 0, 140, 10),  // wrong case: no exact match
                w("To", 210, 0, 230, 10));   // IoU 1/3: no match
        assertThat(WordMatcher.count(gold, pred, UnaryOperator.identity())).isEqualTo(1);
        assertThat(WordMatcher.count(gold, pred, TextNormalizer::normalize)).isEqualTo(2);
    }

    @Test
    void iouOfExactlyHalfCounts() {
        // gold 0..20, predicted 0..10: IoU = 10 / 20 = 0.5
        assertThat(WordMatcher.count(List.of(w("a", 0, 0, 20, 10)), List.of(w("a", 0, 0, 10, 10)), UnaryOperator.identity())).isEqualTo(1);
    }

    @Test
    void isOneToOneAndGreedyByIou() {
        List<TextBox> gold = List.of(w("x", 0, 0, 10, 10), w("x", 2, 0, 12, 10));
        // both predictions overlap both gold words; greedy takes the best pair (p0-g0, IoU 1) first
        List<TextBox> pred = List.of(w("x", 0, 0, 10, 10), w("x", 1, 0, 11, 10), w("x", 0, 0, 10, 10));
        List<int[]> m = WordMatcher.match(gold, pred, UnaryOperator.identity());
        assertThat(m).hasSize(2);
        assertThat(m.get(0)).containsExactly(0, 0);
        assertThat(m.get(1)).containsExactly(1, 1);
        // a duplicate prediction cannot match the same gold word twice
        assertThat(WordMatcher.count(List.of(w("x", 0, 0, 10, 10)), pred, UnaryOperator.identity())).isEqualTo(1);
    }

    @Test
    void emptyInputs() {
        assertThat(WordMatcher.count(List.of(), List.of(w("a", 0, 0, 1, 1)), UnaryOperator.identity())).isZero();
        assertThat(WordMatcher.count(List.of(w("a", 0, 0, 1, 1)), List.of(), UnaryOperator.identity())).isZero();
    }
}
