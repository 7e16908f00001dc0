package dev.readout.reader.neural;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.core.model.Box;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.Region;
import dev.readout.core.model.TextSource;
import dev.readout.core.model.Word;
import dev.readout.core.stage.ModelLocator;
import dev.readout.reader.xycut.XyCutReadingOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped learned reading-order model (models/order-*), run through ONNX Runtime. */
class NeuralReadingOrderTest {
    static NeuralReadingOrder model;

    @BeforeAll
    static void load() {
        Path dir = new ModelLocator(NeuralReadingOrder.PREFIX).locate(NeuralReadingOrder.MODEL_PROPERTY).dir()
                .orElseThrow(() -> new AssertionError("the reading-order model ships in models/order-lines: not found"));
        model = new NeuralReadingOrder(dir);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** A page builder: lines of words with made-up but plausible text. */
    static final class P {
        final List<Word> words = new ArrayList<>();
        final List<Line> lines = new ArrayList<>();

        P line(String id, String text, double x0, double y0, double x1, double y1) {
            String[] ws = text.split(" ");
            List<String> ids = new ArrayList<>();
            double step = (x1 - x0) / ws.length;
            for (int i = 0; i < ws.length; i++) {
                String wid = id + "-w" + i;
                words.add(new Word(wid, ws[i], new Box(x0 + i * step, y0, x0 + (i + 1) * step - 12, y1), 1, "test"));
                ids.add(wid);
            }
            lines.add(new Line(id, new Box(x0, y0, x1, y1), ids, 1, "test"));
            return this;
        }

        Page page() {
            return page(List.of());
        }

        Page page(List<Region> regions) {
            // lines handed over in a scrambled order: the model must not rely on it
            List<Line> shuffled = new ArrayList<>(lines);
            java.util.Collections.shuffle(shuffled, new Random(3));
            return new Page(1, 2480, 3508, 300, TextSource.TEXT_LAYER, 0, 0, words, shuffled, regions);
        }
    }

    static final String BODY = "the harbour council met on the second evening to measure the";

    /** A printed rule far below everything else on the page: it changes no pair, but the model runs. */
    static final Region FOOT_RULE = new Region("p1-s9", Region.SEPARATOR, new Box(100, 3450, 2300, 3454), List.of(), 1, "test");

    @Test
    void readsATwoColumnArticleHeadlineColumnsThenPageNumber() {
        P p = new P();
        List<String> expected = new ArrayList<>();
        p.line("h", "Tides Clocks and the Patient Harbour", 300, 250, 2000, 330);
        expected.add("h");
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 40; i++) {
                double x0 = 300 + c * 960;
                String id = "c" + c + "-" + i;
                p.line(id, BODY, x0, 450 + i * 60, x0 + 880, 490 + i * 60);
                expected.add(id);
            }
        }
        p.line("n", "7", 1225, 3000, 1255, 3040);
        expected.add("n");
        // without printed rules the model hands the page to XY-cut (config "rules_only") and says so
        Page plain = model.apply(p.page());
        assertThat(plain.readingOrderSource()).isEqualTo("xycut");
        assertThat(plain.readingOrder()).containsExactlyElementsOf(expected);
        Page page = p.page(List.of(FOOT_RULE));
        assertThat(model.order(page)).containsExactlyElementsOf(expected);
        Page applied = model.apply(page);
        assertThat(applied.readingOrderSource()).isEqualTo(model.name()).startsWith("order-");
        assertThat(applied.readingOrder()).containsExactlyElementsOf(expected);
        assertThat(applied.regions()).isNotEmpty();
        List<String> regionLines = applied.regions().stream().flatMap(r -> r.lineIds().stream()).toList();
        assertThat(regionLines).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(applied.regions().get(0).lineIds()).contains("h");
    }

    @Test
    void everyLineExactlyOnceOnAMessyPage() {
        Random r = new Random(11);
        P p = new P();
        for (int i = 0; i < 300; i++) {
            double x = r.nextInt(2000);
            double y = r.nextInt(3300);
            p.line("l" + i, "word " + i, x, y, x + 50 + r.nextInt(400), y + 20 + r.nextInt(60));
        }
        List<String> order = model.order(p.page(List.of(FOOT_RULE)));
        assertThat(order).hasSize(300).doesNotHaveDuplicates();
        assertThat(new HashSet<>(order)).isEqualTo(new HashSet<>(p.lines.stream().map(Line::id).toList()));
    }

    @Test
    void pagesBeyondTheModelsSizeKeepTheXyCutOrder() {
        P p = new P();
        for (int i = 0; i < NeuralReadingOrder.MAX_LINES + 10; i++) {
            int col = i % 4;
            int row = i / 4;
            p.line("l" + i, "x", 100 + col * 600, 100 + row * 13, 600 + col * 600, 110 + row * 13);
        }
        Page page = p.page(List.of(FOOT_RULE));
        assertThat(model.order(page)).isEqualTo(new XyCutReadingOrder().order(page));
    }

    @Test
    void decodeSwapsNeighboursTheModelPrefersTheOtherWayRound() {
        // three lines, input order 0, 1, 2; the model says 0 < 2 < 1 for every pair
        float big = 4f;   // sigmoid(4) = 0.982
        float[] logits = new float[9];
        logits[0 * 3 + 1] = big;
        logits[1 * 3 + 0] = -big;
        logits[0 * 3 + 2] = big;
        logits[2 * 3 + 0] = -big;
        logits[2 * 3 + 1] = big;
        logits[1 * 3 + 2] = -big;
        assertThat(NeuralReadingOrder.decode(logits, 3, Double.NaN)).containsExactly(0, 2, 1);
        // with a threshold the XY-cut (input) order stands unless the model is surer than it
        assertThat(NeuralReadingOrder.decode(logits, 3, 0.99)).containsExactly(0, 1, 2);
        assertThat(NeuralReadingOrder.decode(logits, 3, 0.9)).containsExactly(0, 2, 1);
    }

    @Test
    void decodeMovesPageFurnitureExactlyAsTraining() {
        // values and expected orders printed by training/order_model.decode_roles on the same logits
        float[] logits = {5.527f, 1.557f, -5.136f, -5.104f, 6.058f, -0.806f, -0.392f, -4.312f,
            1.172f, -0.057f, -4.058f, -2.192f, 2.964f, -1.258f, -1.755f, -2.347f};
        // role logits (other, head, foot, below the line) per line
        float[] roles = {0.3f, 2.5f, -1.0f, 0.0f, 2.0f, 0.1f, 0.4f, -0.5f, 0.0f, 0.2f, 0.1f, 2.2f, -1.0f, 0.5f, 1.9f, 0.3f};
        assertThat(NeuralReadingOrder.decode(logits, roles, 4, Double.NaN, Double.NaN)).containsExactly(3, 2, 1, 0);
        // head furniture first, then the rest, then the band below the line, then foot furniture
        assertThat(NeuralReadingOrder.decode(logits, roles, 4, Double.NaN, 0.5)).containsExactly(0, 1, 2, 3);
        assertThat(NeuralReadingOrder.decode(logits, roles, 4, Double.NaN, 0.8)).containsExactly(0, 3, 2, 1);
        assertThat(NeuralReadingOrder.decode(logits, roles, 4, 0.9, Double.NaN)).containsExactly(1, 0, 2, 3);
        assertThat(NeuralReadingOrder.decode(logits, roles, 4, 0.9, 0.5)).containsExactly(0, 1, 2, 3);
        assertThat(NeuralReadingOrder.decode(logits, null, 4, 0.9, 0.5)).containsExactly(1, 0, 2, 3);
        assertThat(NeuralReadingOrder.furniture(roles, 4, 0.5)).containsExactly(1, 0, 3, 2);
        assertThat(NeuralReadingOrder.furniture(roles, 4, 0.8)).containsExactly(1, 0, 0, 0);
    }

    /**
     * The page of HRDoc's EMNLP papers (612 x 792 pt, scaled to 300 dpi), two columns and the page number just under
     * them, in the gutter but over the left column's right edge. It used to be read with the left column, before the
     * right one (by XY-cut, and so by the shipped model, which keeps XY-cut's order where it is not sure); XY-cut now
     * takes page numbers at the foot of the page out first and reads them last.
     */
    @Test
    void pageNumberInTheGutterUnderTheColumnsIsReadLast() {
        double s = 2550.0 / 612;
        P p = new P();
        List<String> expected = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 48; i++) {
                double x0 = (c == 0 ? 72 : 313) * s;
                double y0 = (75 + i * 13.5) * s;
                String id = "c" + c + "-" + i;
                p.line(id, BODY, x0, y0, x0 + 227 * s, y0 + 11 * s);
                expected.add(id);
            }
        }
        p.line("n", "228", 287 * s, 726 * s, 304 * s, 737 * s);
        expected.add("n");
        Page page = new Page(1, 2550, 3300, 300, TextSource.TEXT_LAYER, 0, 0, p.words, p.lines, List.of());
        List<String> xy = new XyCutReadingOrder().order(page);
        assertThat(xy).as("XY-cut: left column, right column, page number").isEqualTo(expected);
        assertThat(model.order(page)).isEqualTo(expected);
    }

    @Test
    void rowGroupsJoinThePiecesOfOnePrintedLineOnly() {
        // block 1: a justified line cut into three pieces, the next line whole, then a piece that starts left of
        // where the line before it ends (not the same printed line); block 2: a line on the first row, other column
        List<Line> b1 = List.of(line("a", 100, 100, 300, 140), line("b", 360, 102, 500, 141), line("c", 560, 100, 800, 140),
                line("d", 100, 160, 800, 200), line("e", 400, 165, 600, 205));
        List<Line> b2 = List.of(line("f", 900, 100, 1500, 140), line("g", 1560, 100, 1700, 140));
        assertThat(NeuralReadingOrder.rowGroups(List.of(b1, b2)))
                .containsExactly(List.of(0, 1, 2), List.of(3), List.of(4), List.of(5, 6));
        // lines on different rows never join, however close
        assertThat(NeuralReadingOrder.rowGroups(List.of(List.of(line("h", 100, 100, 300, 140), line("i", 310, 125, 500, 165)))))
                .containsExactly(List.of(0), List.of(1));
    }

    /**
     * A newspaper page whose feuilleton ("below the line") starts right under a printed rule across the page, with no
     * more space above it than between two lines (NZZ 1865 and 1875). XY-cut sees no band and reads each column
     * from the top of the page to the bottom, through both stories; the model sees the rule (a separator region, as
     * the newspaper segmentation finds them) and reads the three columns above it before the three below.
     */
    @Test
    void aFeuilletonBelowAPrintedRuleIsReadAfterTheColumnsAboveIt() {
        P p = new P();
        List<String> expected = new ArrayList<>();
        for (int band = 0; band < 2; band++) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < (band == 0 ? 34 : 19); i++) {
                    double x0 = 200 + c * 700;
                    double y0 = (band == 0 ? 300 : 2000) + i * 50;
                    String id = "b" + band + "c" + c + "-" + i;
                    p.line(id, BODY, x0, y0, x0 + 650, y0 + 36);
                    expected.add(id);
                }
            }
        }
        Region rule = new Region("p1-s1", Region.SEPARATOR, new Box(200, 1990, 2050, 1995), List.of(), 1, "test");
        Page page = new Page(1, 2480, 3508, 300, TextSource.OCR, 0, 0, p.words, p.lines, List.of(rule));
        assertThat(new XyCutReadingOrder().order(page)).as("XY-cut reads column by column through the rule")
                .isNotEqualTo(expected);
        assertThat(model.order(page)).isEqualTo(expected);
        assertThat(model.apply(page).readingOrderSource()).isEqualTo(model.name());
    }

    private static Line line(String id, double x0, double y0, double x1, double y1) {
        return new Line(id, new Box(x0, y0, x1, y1), List.of(id + "-w"), 1, "test");
    }
}
