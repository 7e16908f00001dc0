package dev.readout.reader.xycut;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.core.model.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A horizontal break across a block that also splits into text columns: tiers of columns are read tier by tier, but a
 * break with lines on one side in only some of the columns is a paragraph break, and the columns are read first.
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
}
