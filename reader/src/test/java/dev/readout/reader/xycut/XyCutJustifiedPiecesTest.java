package dev.readout.reader.xycut;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.core.model.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Narrow justified columns: our ingest splits a line at its wide word gaps, so a column's lines arrive as pieces a
 * word or two wide. The column test measures rows of pieces, not pieces, and the columns are still read one by one;
 * a key/value table, whose cells are narrow rows, is still read row by row.
 */
class XyCutJustifiedPiecesTest {
    private final BoxPage page = new BoxPage(2480, 3508);

    private String piece(String id, double x0, double y0, double x1, double y1) {
        return page.line(id, x0, y0, x1, y1);
    }

    private Page page() {
        return page.page();
    }

    @Test
    void threeJustifiedColumnsOfPiecesAreReadColumnByColumn() {
        // three columns 660 px wide, 90 px gutters; each line four pieces with 50 px gaps between them, lines 40 px
        // tall
        List<String> expected = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            double x0 = 260 + c * 750;
            for (int i = 0; i < 30; i++) {
                double y0 = 400 + i * 56;
                // word widths vary from line to line, so no gap between pieces lines up down the column
                double[] ends = {x0, x0 + 80 + (i * 53) % 90, x0 + 300 + (i * 31) % 80, x0 + 480 + (i * 17) % 60, x0 + 660};
                for (int k = 0; k < 4; k++) {
                    double px0 = k == 0 ? ends[0] : ends[k] + 50;
                    expected.add(piece("c" + c + "-" + i + "-" + k, px0, y0, ends[k + 1], y0 + 40));
                }
            }
        }
        assertThat(new XyCutReadingOrder().order(page())).containsExactlyElementsOf(expected);
    }

    @Test
    void aTableOfLineItemsIsStillReadRowByRow() {
        // a description column as wide as text, far from the quantity, unit price and amount cells, which stand in
        // columns of their own close together (as on sample-docs/invoice.pdf): no text column among them
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            double y0 = 1200 + i * 56;
            expected.add(piece("d" + i, 200, y0, 200 + 350 + (i * 41) % 150, y0 + 40));
            expected.add(piece("q" + i, 1000, y0, 1040, y0 + 40));
            expected.add(piece("u" + i, 1100, y0, 1220, y0 + 40));
            expected.add(piece("a" + i, 1300, y0, 1450, y0 + 40));
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
