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

/** Column layouts of newspapers and papers: narrow gutters, page numbers and mastheads in the gutter, tiers. */
class XyCutColumnLayoutTest {
    private final XyCutReadingOrder xy = new XyCutReadingOrder();

    private static Page page(List<Line> lines) {
        return new Page(1, 3600, 5000, 300, TextSource.TEXT_LAYER, 0, 0, List.of(), lines, List.of());
    }

    private static Line line(String id, double x0, double y0, double x1, double h) {
        return new Line(id, new Box(x0, y0, x1, y0 + h), List.of(), 1, "test");
    }

    /** {@code n} lines per column of width 900, 44 px tall on a 37 px pitch (overlapping boxes, as OCR gives). */
    private static void columns(List<Line> out, String[] names, double x0, double gutter, double y0, int n) {
        for (int c = 0; c < names.length; c++) {
            double x = x0 + c * (900 + gutter);
            for (int i = 0; i < n; i++) {
                out.add(line(names[c] + i, x, y0 + 37 * i, x + 900, 44));
            }
        }
    }

    private static List<String> expected(String[] names, int n) {
        List<String> e = new ArrayList<>();
        for (String name : names) {
            for (int i = 0; i < n; i++) {
                e.add(name + i);
            }
        }
        return e;
    }

    @Test
    void readsNewspaperColumnsWhoseGuttersAreNarrowerThanALine() {
        List<Line> lines = new ArrayList<>();
        String[] cols = {"A", "B", "C"};
        columns(lines, cols, 200, 16, 300, 30);
        assertThat(xy.order(page(lines))).containsExactlyElementsOf(expected(cols, 30));
    }

    @Test
    void readsAPageNumberInTheGutterAfterBothColumns() {
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            lines.add(line("L" + i, 72, 65 + 13.5 * i, 292, 11));
            lines.add(line("R" + i, 307, 65 + 13.5 * i, 527, 11));
        }
        lines.add(line("page", 296, 65 + 13.5 * 20 + 10, 301, 10));
        List<String> e = expected(new String[] {"L", "R"}, 20);
        e.add("page");
        assertThat(xy.order(page(lines))).containsExactlyElementsOf(e);
    }

    @Test
    void readsAMastheadThatSpansTheColumnsBeforeThem() {
        List<Line> lines = new ArrayList<>();
        lines.add(line("masthead", 200, 100, 2950, 300));
        String[] cols = {"A", "B", "C"};
        columns(lines, cols, 200, 25, 408, 20); // 8 px below the masthead: no section break
        List<String> e = new ArrayList<>(List.of("masthead"));
        e.addAll(expected(cols, 20));
        assertThat(xy.order(page(lines))).containsExactlyElementsOf(e);
    }

    @Test
    void readsStackedTiersOfColumnsTierByTier() {
        List<Line> lines = new ArrayList<>();
        columns(lines, new String[] {"A", "B"}, 200, 20, 300, 25);
        // a gap of about one line height between the tiers, while the lines within them overlap
        columns(lines, new String[] {"C", "D"}, 200, 20, 300 + 37 * 24 + 44 + 42, 25);
        assertThat(xy.order(page(lines))).containsExactlyElementsOf(expected(new String[] {"A", "B", "C", "D"}, 25));
    }
}
