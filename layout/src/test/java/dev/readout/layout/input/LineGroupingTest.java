package dev.readout.layout.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.core.model.Box;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineGroupingTest {

    @Test
    void wordsJoinTheLineTheyOverlapMostAndLinesSortTopToBottom() {
        List<Box> b = List.of(
                new Box(300, 200, 340, 220),   // 0: line B, right
                new Box(10, 100, 60, 120),     // 1: line A, left
                new Box(70, 104, 120, 124),    // 2: line A (overlap 16/20 = 0.8)
                new Box(10, 198, 50, 218),     // 3: line B, left
                new Box(130, 113, 170, 133),   // 4: overlap with A's extent [100,124] = 11/20 = 0.55 -> line A
                new Box(10, 300, 50, 301));    // 5: a flat word (height 1) alone
        LineGrouping g = LineGrouping.of(b, 0.5, 1.0);
        assertThat(g.lines()).containsExactly(new int[] {1, 2, 4}, new int[] {3, 0}, new int[] {5});
        assertThat(g.lineOf()).containsExactly(1, 0, 0, 1, 0, 2);
        // line B: gap 300 - 50 = 250 > 1.0 x median height 20 -> two segments; line A gaps 10 <= 20
        assertThat(g.segments()).containsExactly(new int[] {1, 2, 4}, new int[] {3}, new int[] {0}, new int[] {5});
        assertThat(g.geometricOrder()).containsExactly(1, 2, 4, 3, 0, 5);
    }

    @Test
    void belowTheOverlapThresholdAWordStartsANewLine() {
        List<Box> b = List.of(new Box(0, 0, 10, 20), new Box(20, 11, 30, 31)); // overlap 9/20 = 0.45
        LineGrouping g = LineGrouping.of(b, 0.5, 1.0);
        assertThat(g.lines()).hasSize(2);
        assertThat(LineGrouping.of(b, 0.4, 1.0).lines()).hasSize(1);
    }

    @Test
    void overlapIsRelativeToTheSmallerHeightAndLinesGrow() {
        // word 2 (centre 25) overlaps line [0,20] by 10 of min(30, 20) = 0.5 and joins; the line becomes [0,40],
        // so word 1 ([30,50]) overlaps it by 10 of min(20, 40) = 0.5 and joins too
        List<Box> b = List.of(new Box(0, 0, 10, 20), new Box(0, 30, 10, 50), new Box(100, 10, 110, 40));
        LineGrouping g = LineGrouping.of(b, 0.5, 1.0);
        assertThat(g.lineOf()).containsExactly(0, 0, 0);
        assertThat(LineGrouping.of(b, 0.51, 1.0).lines()).hasSize(3);
        List<Box> wide = List.of(new Box(0, 0, 10, 10), new Box(500, 0, 510, 10));
        assertThat(LineGrouping.of(wide, 0.5, 0).segments()).hasSize(1);
        assertThat(LineGrouping.of(wide, 0.5, 1.0).segments()).hasSize(2);
    }

    @Test
    void medianHeightIsTheUpperMiddleElement() {
        // heights 10, 30 -> sorted [10, 30], element 2 / 2 = 1 -> 30; gap 25 <= 30: no split
        List<Box> b = List.of(new Box(0, 0, 10, 30), new Box(35, 10, 45, 20));
        assertThat(LineGrouping.of(b, 0.5, 1.0).segments()).hasSize(1);
        assertThat(LineGrouping.of(b, 0.5, 0.8).segments()).hasSize(2);
    }
}
