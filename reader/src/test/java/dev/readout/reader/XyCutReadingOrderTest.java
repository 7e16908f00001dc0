package dev.readout.reader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.core.model.Box;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.TextSource;
import dev.readout.reader.xycut.XyCutReadingOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class XyCutReadingOrderTest {
    private final XyCutReadingOrder xy = new XyCutReadingOrder();

    private static Page page(List<Line> lines) {
        return new Page(1, 2480, 3508, 300, TextSource.TEXT_LAYER, 0, 0, List.of(), lines, List.of());
    }

    private static Line line(String id, double x0, double y0, double x1) {
        return new Line(id, new Box(x0, y0, x1, y0 + 40), List.of(), 1, "test");
    }

    @Test
    void readsATitleThenTheLeftColumnThenTheRightColumnThenTheFooter() {
        List<Line> lines = new ArrayList<>();
        lines.add(line("title", 300, 200, 2100));
        for (int i = 0; i < 10; i++) {
            // the lines of both columns sit on the same baselines, as in typeset text
            lines.add(line("R" + i, 1300, 400 + 60 * i, 2200));
            lines.add(line("L" + i, 200, 400 + 60 * i, 1150));
        }
        lines.add(line("footer", 1150, 3300, 1300));
        List<String> order = xy.order(page(lines));
        List<String> expected = new ArrayList<>(List.of("title"));
        for (int i = 0; i < 10; i++) {
            expected.add("L" + i);
        }
        for (int i = 0; i < 10; i++) {
            expected.add("R" + i);
        }
        expected.add("footer");
        assertThat(order).containsExactlyElementsOf(expected);
    }

    @Test
    void keepsKeyValueRowsTogetherInsteadOfReadingTheKeysAsAColumn() {
        List<Line> lines = new ArrayList<>();
        String[] keys = {"Invoice number:", "Invoice date:", "Due date:"};
        for (int i = 0; i < keys.length; i++) {
            lines.add(line("v" + i, 900, 400 + 60 * i, 1200));
            lines.add(line("k" + i, 200, 400 + 60 * i, 600));
        }
        assertThat(xy.order(page(lines))).containsExactly("k0", "v0", "k1", "v1", "k2", "v2");
    }

    @Test
    void makesRegionsFromBlocksWhenThePageHasNone() {
        List<Line> lines = List.of(line("a", 200, 200, 1000), line("b", 200, 250, 1000), line("c", 200, 600, 1000));
        Page p = xy.apply(page(lines));
        assertThat(p.readingOrderSource()).isEqualTo("xycut");
        assertThat(p.regions()).hasSize(2);
        assertThat(p.regions().get(0).lineIds()).containsExactly("a", "b");
        assertThat(p.regions().get(1).lineIds()).containsExactly("c");
    }
}
