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
 * XY-cut reads page numbers at the foot of the page last (but before a footer printed under them), and leaves
 * everything else that looks like one alone.
 */
class XyCutPageNumberTest {
    private final List<Word> words = new ArrayList<>();
    private final List<Line> lines = new ArrayList<>();

    private void line(String id, String text, double x0, double y0, double x1, double y1) {
        String[] ws = text.split(" ");
        List<String> ids = new ArrayList<>();
        double step = (x1 - x0) / ws.length;
        for (int i = 0; i < ws.length; i++) {
            words.add(new Word(id + "-w" + i, ws[i], new Box(x0 + i * step, y0, x0 + (i + 1) * step - 5, y1), 1, "test"));
            ids.add(id + "-w" + i);
        }
        lines.add(new Line(id, new Box(x0, y0, x1, y1), ids, 1, "test"));
    }

    /** Two columns of 40 lines, 1000 x 1400 px, body down to y = 1240. */
    private List<String> twoColumns() {
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 40; i++) {
                String id = "c" + c + "-" + i;
                line(id, "body text of a column line", c == 0 ? 100 : 520, 100 + 28 * i, c == 0 ? 480 : 900, 120 + 28 * i);
                ids.add(id);
            }
        }
        return ids;
    }

    private List<String> order() {
        return new XyCutReadingOrder().order(new Page(1, 1000, 1400, 300, TextSource.TEXT_LAYER, 0, 0, words, lines, List.of()));
    }

    @Test
    void aPageNumberInTheGutterUnderTheColumnsIsReadLast() {
        List<String> expected = twoColumns();
        line("n", "- 12 -", 470, 1250, 530, 1270);
        expected.add("n");
        assertThat(order()).containsExactlyElementsOf(expected);
    }

    @Test
    void aFooterPrintedUnderThePageNumberIsReadAfterIt() {
        // HRDoc's EMNLP 2011 paper, page 1: the page number, then the proceedings' line across the foot of the page
        List<String> expected = twoColumns();
        line("n", "227", 490, 1250, 510, 1270);
        line("f1", "Proceedings of the 2011 Conference on Empirical Methods", 150, 1300, 850, 1318);
        line("f2", "Edinburgh, Scotland, UK, July 27-31, 2011", 250, 1322, 750, 1340);
        expected.addAll(List.of("n", "f1", "f2"));
        assertThat(order()).containsExactlyElementsOf(expected);
    }

    @Test
    void numbersThatAreNotAPageNumberKeepTheirPlace() {
        twoColumns();
        // a running head's page number at the top is read where it stands
        line("head", "7", 100, 40, 115, 60);
        assertThat(order().get(0)).isEqualTo("head");
    }

    @Test
    void aRowOfFiguresAtTheFootIsNotTakenForPageNumbers() {
        twoColumns();
        line("a", "12", 100, 1300, 130, 1320);
        line("b", "40", 520, 1300, 550, 1320);
        line("c", "77", 800, 1300, 830, 1320);
        assertThat(XyCutReadingOrder.footPageNumbers(new Page(1, 1000, 1400, 300, TextSource.TEXT_LAYER, 0, 0, words, lines, List.of())))
                .as("three number lines: a table row, not page furniture").isEmpty();
    }

    @Test
    void pageNumberTexts() {
        for (String t : List.of("12", "- 12 -", "Page 3", "3 of 12", "iv", "Seite 7", "(228)")) {
            assertThat(XyCutReadingOrder.PAGE_NUMBER.matcher(t).matches()).as(t).isTrue();
        }
        for (String t : List.of("X", "25.15", "12345", "Total", "Civic", "Fig. 3")) {
            assertThat(XyCutReadingOrder.PAGE_NUMBER.matcher(t).matches()).as(t).isFalse();
        }
    }

    @Test
    void aWideNumberAtTheFootIsNotAPageNumber() {
        twoColumns();
        line("wide", "2026", 300, 1340, 700, 1360);    // set large across the page: a year, a title, not furniture
        assertThat(XyCutReadingOrder.footPageNumbers(new Page(1, 1000, 1400, 300, TextSource.TEXT_LAYER, 0, 0, words, lines, List.of())))
                .isEmpty();
        line("n", "12", 490, 1370, 510, 1390);
        assertThat(XyCutReadingOrder.footPageNumbers(new Page(1, 1000, 1400, 300, TextSource.TEXT_LAYER, 0, 0, words, lines, List.of())))
                .extracting(Line::id).containsExactly("n");
    }
}
