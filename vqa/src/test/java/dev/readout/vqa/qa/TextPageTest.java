package dev.readout.vqa.qa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.core.model.Box;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.Region;
import dev.readout.core.model.TextSource;
import dev.readout.core.model.Word;
import dev.readout.layout.input.GridBox;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text layout equals training/qa_data.text_page (values printed by the Python code). */
class TextPageTest {
    @Test
    void laysTextOutAsTheTrainingCodeDoes() {
        Page p = TextPage.page("Total  due: $1,234.56 on 12/05/1998 " + "x".repeat(120) + " end");
        assertThat(p.width()).isEqualTo(1100);
        assertThat(p.height()).isEqualTo(1400);
        assertThat(p.words()).extracting(Word::text).containsExactly("Total", "due:", "$1,234.56", "on", "12/05/1998", "x".repeat(120), "end");
        assertThat(p.lines()).hasSize(3);
        List<int[]> grid = p.words().stream().map(w -> GridBox.of(w.box(), p.width(), p.height())).toList();
        assertThat(grid).containsExactly(new int[] {45, 35, 90, 50}, new int[] {100, 35, 136, 50}, new int[] {145, 35, 227, 50},
                new int[] {236, 35, 254, 50}, new int[] {263, 35, 354, 50}, new int[] {45, 57, 1000, 71}, new int[] {45, 78, 72, 92});
        assertThat(p.words().get(1).box().x0()).isEqualTo(110);
        assertThat(p.words().get(0).id()).isEqualTo("p1-w1");
    }

    /**
     * The model reads a page's words as it was trained to (geometric order: rows top to bottom, left to right), not
     * in the page's reading order: a form's key and its value on one row stay next to each other even where the
     * reading order gives the keys' column first (as FUNSD's annotation order or an XY-cut of a form may).
     */
    @Test
    void modelInputIsInGeometricOrder() {
        List<Word> keysFirst = List.of(
                new Word("w1", "Name:", new Box(10, 10, 60, 22), 1, "t"),
                new Word("w2", "Date:", new Box(10, 40, 55, 52), 1, "t"),
                new Word("w3", "Ann", new Box(100, 11, 130, 23), 1, "t"),
                new Word("w4", "Lee", new Box(134, 10, 160, 22), 1, "t"),
                new Word("w5", "1/2/99", new Box(100, 41, 150, 53), 1, "t"));
        assertThat(ExtractiveQa.geometricOrder(keysFirst)).extracting(Word::id).containsExactly("w1", "w3", "w4", "w2", "w5");
    }

    /**
     * On a page with text regions (an article's two columns, as XY-cut makes them) the model reads region by region in
     * reading order — column 1, then column 2 — and geometrically inside each; a page without regions (a form with its
     * annotated words) is read geometrically as a whole.
     */
    @Test
    void modelReadsRegionByRegion() {
        List<Word> ws = List.of(
                word("a1", "Tides", 10, 10), word("a2", "rise", 60, 10), word("b1", "Clocks", 300, 10), word("b2", "tick", 360, 10),
                word("a3", "slowly", 10, 30), word("b3", "loudly", 300, 30));
        List<Line> lines = List.of(line("l1", ws.get(0), ws.get(1)), line("l2", ws.get(4)), line("l3", ws.get(2), ws.get(3)),
                line("l4", ws.get(5)));
        List<Region> regions = List.of(
                new Region("r1", Region.TEXT, new Box(10, 10, 110, 42), List.of("l1", "l2"), 1, "xycut"),
                new Region("r2", Region.TEXT, new Box(300, 10, 400, 42), List.of("l3", "l4"), 1, "xycut"));
        Page columns = new Page(1, 500, 100, 72, TextSource.TEXT_LAYER, 0, 0, ws, lines, regions)
                .withReadingOrder(List.of("l1", "l2", "l3", "l4"), "xycut");
        assertThat(ExtractiveQa.modelOrder(columns)).extracting(Word::id).containsExactly("a1", "a2", "a3", "b1", "b2", "b3");
        Page noRegions = new Page(1, 500, 100, 72, TextSource.TEXT_LAYER, 0, 0, ws, lines, List.of())
                .withReadingOrder(List.of("l1", "l2", "l3", "l4"), "annotation");
        assertThat(ExtractiveQa.modelOrder(noRegions)).extracting(Word::id).containsExactly("a1", "a2", "b1", "b2", "a3", "b3");
    }

    private static Word word(String id, String text, double x, double y) {
        return new Word(id, text, new Box(x, y, x + 45, y + 12), 1, "t");
    }

    private static Line line(String id, Word... ws) {
        return new Line(id, Box.unionOf(Arrays.stream(ws).map(Word::box).toList()),
                Arrays.stream(ws).map(Word::id).toList(), 1, "t");
    }

    @Test
    void emptyTextGivesAnEmptyPage() {
        assertThat(TextPage.page("  ").words()).isEmpty();
    }

    @Test
    void answersAreTrimmedAndNormalised() {
        assertThat(ExtractiveQa.trim("(12/05/1998).")).isEqualTo("12/05/1998");
        // brackets stay when they belong to the answer, go when unmatched or around all of it
        assertThat(ExtractiveQa.trim("(503) 786-4930")).isEqualTo("(503) 786-4930");
        assertThat(ExtractiveQa.trim("Total (EUR):")).isEqualTo("Total (EUR)");
        assertThat(ExtractiveQa.trim("[(Phone: (503) 786-4930)],")).isEqualTo("Phone: (503) 786-4930");
        assertThat(ExtractiveQa.trim("12 mg)")).isEqualTo("12 mg");
        assertThat(ExtractiveQa.trim("(see note")).isEqualTo("see note");
        assertThat(ExtractiveQa.trim("(a) and (b)")).isEqualTo("(a) and (b)");
        assertThat(ExtractiveQa.trim("\"(x)\"")).isEqualTo("x");
        assertThat(ExtractiveQa.trim(".,;")).isEmpty();
        assertThat(ExtractiveQa.value("$1,234.56")).isEqualTo("1234.56");
        assertThat(ExtractiveQa.value("15 March 2024")).isEqualTo("2024-03-15");
        assertThat(ExtractiveQa.value("Brightline GmbH")).isEqualTo("Brightline GmbH");
        assertThat(ExtractiveQa.value("INV-2024-0117")).isEqualTo("INV-2024-0117");   // an identifier, not -2024
        assertThat(ExtractiveQa.value("EUR 698.05")).isEqualTo("698.05");
    }
}
