package dev.readout.reader.xycut;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.core.model.Box;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.TextSource;
import dev.readout.core.model.Word;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A horizontal break across a block that also splits into text columns: tiers of columns are read tier by tier, but a
 * break with lines on one side in only some of the columns is a paragraph break, and the columns are read first.
 */
class XyCutTiersTest {
    private final List<Word> words = new ArrayList<>();
    private final List<Line> lines = new ArrayList<>();

    private void line(String id, double x0, double y0, double x1, double y1) {
        words.add(new Word(id + "-w", "text", new Box(x0, y0, x1, y1), 1, "test"));
        lines.add(new Line(id, new Box(x0, y0, x1, y1), List.of(id + "-w"), 1, "test"));
    }

    /** Lines c0-0.. of the column at x0, from y, 28 px apart. */
    private List<String> column(String name, double x0, double y, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            line(name + "-" + i, x0, y + 28 * i, x0 + 380, y + 20 + 28 * i);
            ids.add(name + "-" + i);
        }
        return ids;
    }

    private Page page() {
        return new Page(1, 1000, 1400, 300, TextSource.TEXT_LAYER, 0, 0, words, lines, List.of());
    }

    @Test
    void twoTiersOfTwoColumns() {
        // a blank band across the page with both columns below it as well as above: tiers
        List<String> aTop = column("a", 100, 100, 15);
        List<String> bTop = column("b", 520, 100, 15);
        List<String> aBottom = column("c", 100, 100 + 28 * 15 + 40, 10);
        List<String> bBottom = column("d", 520, 100 + 28 * 15 + 40, 10);
        List<String> tiers = new ArrayList<>(aTop);
        tiers.addAll(bTop);
        tiers.addAll(aBottom);
        tiers.addAll(bBottom);
        assertThat(new XyCutReadingOrder().order(page())).containsExactlyElementsOf(tiers);
    }

    @Test
    void aParagraphBreakLevelWithTheEndOfTheRightColumnIsNotATier() {
        // the left column runs on below a blank band that the right column ends just above (a paper's last page,
        // HRDoc's ACL 2020 paper, page 6): below the band only the left column has lines
        List<String> expected = new ArrayList<>(column("a", 100, 100, 15));
        expected.addAll(column("c", 100, 100 + 28 * 15 + 40, 10));
        expected.addAll(column("b", 520, 100, 15));
        assertThat(new XyCutReadingOrder().order(page())).containsExactlyElementsOf(expected);
    }
}
