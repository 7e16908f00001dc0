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
