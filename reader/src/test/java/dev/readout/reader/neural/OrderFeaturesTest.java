package dev.readout.reader.neural;

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
 * The Java features must equal training/order_model.py's. Expected values were printed by
 * {@code order_model.text_flags} and {@code order_model.features} for the same inputs.
 */
class OrderFeaturesTest {

    @Test
    void textFlagsAsInTraining() {
        assertThat(OrderFeatures.textFlags("Hello-")).isEqualTo(5);
        assertThat(OrderFeatures.textFlags("Zürich.")).isEqualTo(6);
        assertThat(OrderFeatures.textFlags("1785.")).isEqualTo(26);
        assertThat(OrderFeatures.textFlags("  ")).isEqualTo(8);
        assertThat(OrderFeatures.textFlags("abc")).isEqualTo(0);
        assertThat(OrderFeatures.textFlags("§ 12")).isEqualTo(8);
        assertThat(OrderFeatures.textFlags("Über")).isEqualTo(4);
        assertThat(OrderFeatures.textFlags("x¬")).isEqualTo(1);
    }

    @Test
    void rulePairsAsInTraining() {
        // two columns of two lines split by a horizontal rule across the page and a vertical rule between the columns,
        // a fifth line under a short rule that covers only the left column; expected values printed by
        // order_model.rule_pairs(boxes, rules, order=[0, 2, 1, 3, 4]) for the same boxes and rules
        double[][] boxes = {{100, 100, 480, 120}, {520, 100, 900, 120}, {100, 300, 480, 320}, {520, 300, 900, 320},
            {100, 500, 300, 520}};
        double[][] rules = {{90, 200, 910, 204}, {500, 90, 502, 330}, {90, 400, 300, 402}};
        int[] order = {0, 2, 1, 3, 4};
        int[][][] expected = {
            {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {1, 0}},
            {{-1, 0}, {0, 0}, {-1, 1}, {0, 1}, {1, 0}},
            {{0, -1}, {1, -1}, {0, 0}, {1, 0}, {1, 0}},
            {{-1, -1}, {0, -1}, {-1, 0}, {0, 0}, {0, 0}},
            {{-1, 0}, {-1, 0}, {-1, 0}, {0, 0}, {0, 0}}};
        List<Line> lines = new ArrayList<>();
        for (double[] b : boxes) {
            lines.add(new Line("l" + lines.size(), new Box(b[0], b[1], b[2], b[3]), List.of(), 1, "test"));
        }
        List<dev.readout.core.model.Region> regions = new ArrayList<>();
        for (double[] r : rules) {
            regions.add(new dev.readout.core.model.Region("s" + regions.size(), dev.readout.core.model.Region.SEPARATOR,
                    new Box(r[0], r[1], r[2], r[3]), List.of(), 1, "test"));
        }
        Page page = new Page(1, 1000, 1000, 300, TextSource.TEXT_LAYER, 0, 0, List.of(), lines, regions);
        List<Line> input = new ArrayList<>();
        for (int i : order) {
            input.add(lines.get(i));
        }
        float[] f = OrderFeatures.rulePairs(page, input);
        for (int a = 0; a < 5; a++) {
            for (int b = 0; b < 5; b++) {
                for (int k = 0; k < 2; k++) {
                    assertThat(f[(a * 5 + b) * 2 + k]).as("pair %d %d feature %d", a, b, k).isEqualTo(expected[a][b][k]);
                }
            }
        }
        // a page without separator regions: all zeros
        Page bare = new Page(1, 1000, 1000, 300, TextSource.TEXT_LAYER, 0, 0, List.of(), lines, List.of());
        for (float v : OrderFeatures.rulePairs(bare, input)) {
            assertThat(v).isZero();
        }
    }

    @Test
    void boxesAndBucketsAsInTraining() {
        double[][] boxes = {{100, 200, 900, 240}, {100, 250, 1300, 300}, {1300, 200, 2400, 260}, {1300, 270, 2400, 330}};
        String[] texts = {"Headline here", "body text that is long enough", "Nr. 88", "x"};
        List<Word> words = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Box b = new Box(boxes[i][0], boxes[i][1], boxes[i][2], boxes[i][3]);
            List<String> wids = new ArrayList<>();
            String[] ws = texts[i].split(" ");
            for (int k = 0; k < ws.length; k++) {
                String id = "w" + i + "-" + k;
                words.add(new Word(id, ws[k], b, 1, "test"));
                wids.add(id);
            }
            lines.add(new Line("l" + i, b, wids, 1, "test"));
        }
        Page page = new Page(1, 2480, 3508, 300, TextSource.TEXT_LAYER, 0, 0, words, lines, List.of());
        // XY-cut order [0, 2, 1, 3] in two blocks: {0, 2} and {1, 3}
        OrderFeatures f = OrderFeatures.of(page, List.of(List.of(lines.get(0), lines.get(2)), List.of(lines.get(1), lines.get(3))));
        assertThat(f.boxes()).isDeepEqualTo(new long[][] {{40, 57, 363, 68}, {524, 57, 968, 74}, {40, 71, 524, 86}, {524, 77, 968, 94}});
        assertThat(f.feats()).isDeepEqualTo(new long[][] {{11, 7, 4, 1, 0}, {16, 5, 4, 0, 0}, {14, 9, 0, 1, 1}, {16, 2, 0, 0, 1}});
    }
}
