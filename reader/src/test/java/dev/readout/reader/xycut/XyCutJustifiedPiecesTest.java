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
 * Narrow justified columns: our ingest splits a line at its wide word gaps, so a column's lines arrive as pieces a
 * word or two wide. The column test measures rows of pieces, not pieces, and the columns are still read one by one;
 * a key/value table, whose cells are narrow rows, is still read row by row.
 */
class XyCutJustifiedPiecesTest {
    private final List<Word> words = new ArrayList<>();
    private final List<Line> lines = new ArrayList<>();

    private String piece(String id, double x0, double y0, double x1, double y1) {
        words.add(new Word(id + "-w", "word", new Box(x0, y0, x1, y1), 1, "test"));
        lines.add(new Line(id, new Box(x0, y0, x1, y1), List.of(id + "-w"), 1, "test"));
        return id;
    }

    private Page page() {
        return new Page(1, 2480, 3508, 300, TextSource.TEXT_LAYER, 0, 0, words, lines, List.of());
    }

    @Test
    void threeJustifiedColumnsOfPiecesAreReadColumnByColumn() {
        // three columns 660 px wide, 90 px gutters; each line four pieces of 100 px, the inner two shifted from line
        // to line as the words of justified lines are, lines 40 px tall
        List<String> expected = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            double x0 = 260 + c * 750;
            for (int i = 0; i < 30; i++) {
                double y0 = 400 + i * 56;
                for (int k = 0; k < 4; k++) {
                    double px = x0 + k * 187 + (k == 1 || k == 2 ? (i * 37 + k * 11) % 60 - 30 : 0);
                    expected.add(piece("c" + c + "-" + i + "-" + k, px, y0, px + 100, y0 + 40));
                }
            }
        }
        assertThat(new XyCutReadingOrder().order(page())).containsExactlyElementsOf(expected);
    }

    @Test
    void aKeyValueTableIsStillReadRowByRow() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            double y0 = 400 + i * 56;
            expected.add(piece("k" + i, 260, y0, 420, y0 + 40));
            expected.add(piece("v" + i, 700, y0, 820, y0 + 40));
        }
        assertThat(new XyCutReadingOrder().order(page())).containsExactlyElementsOf(expected);
    }
}
