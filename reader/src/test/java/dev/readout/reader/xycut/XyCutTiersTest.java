package dev.readout.reader.xycut;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.core.model.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A horizontal break across a block that also splits into text columns: tiers of columns are read tier by tier, but a
 * break with lines on one side in only some of the columns is a paragraph break, and the columns are read first; so
 * is a break under floats (captions) at the heads of all the columns.
 */
class XyCutTiersTest {
    private final BoxPage page = new BoxPage(1000, 1400);

    /** Lines c0-0.. of the column at x0, from y, 28 px apart. */
    private List<String> column(String name, double x0, double y, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            page.line(name + "-" + i, x0, y + 28 * i, x0 + 380, y + 20 + 28 * i);
            ids.add(name + "-" + i);
        }
        return ids;
    }

    private Page page() {
        return page.page();
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

    /** A float's caption of two lines at the head of the column at x0: its ids. */
    private List<String> caption(String name, String label, double x0) {
        return List.of(page.line(name + "-cap0", label + " Validation performance in early", x0, 100, x0 + 380, 120),
                page.line(name + "-cap1", "training", x0, 128, x0 + 120, 148));
    }

    @Test
    void floatsAtTheHeadsOfBothColumnsAreReadWithTheirColumns() {
        // HRDoc's ACL 2020 paper, page 4: a table in the left column and a figure in the right one, each over its
        // caption, then a blank band across the page, then the text of both columns: a paper's floats belong to the
        // flow of their own column
        List<String> expected = new ArrayList<>(caption("a", "Table 2:", 100));
        expected.addAll(column("c", 100, 200, 10));
        expected.addAll(caption("b", "Figure 1:", 520));
        expected.addAll(column("d", 520, 200, 10));
        assertThat(new XyCutReadingOrder().order(page())).containsExactlyElementsOf(expected);
    }

    @Test
    void aCaptionOverOnlyOneColumnKeepsTheTiers() {
        List<String> tiers = new ArrayList<>(caption("a", "Figure 3.", 100));
        tiers.addAll(column("b", 520, 100, 2));
        tiers.addAll(column("c", 100, 200, 10));
        tiers.addAll(column("d", 520, 200, 10));
        assertThat(new XyCutReadingOrder().order(page())).containsExactlyElementsOf(tiers);
    }
}
