package dev.readout.ingest.opencv;

import static dev.readout.ingest.NewspaperPages.LEFT_X0;
import static dev.readout.ingest.NewspaperPages.LEFT_X1;
import static dev.readout.ingest.NewspaperPages.RIGHT_X0;
import static dev.readout.ingest.NewspaperPages.RIGHT_X1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.core.model.Box;
import dev.readout.ingest.NewspaperPages;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Column segmentation on rendered two-column pages (OpenCV, no OCR). */
class ColumnSegmenterTest {
    private final ColumnSegmenter segmenter = new ColumnSegmenter();

    /** The blocks holding body text, each wholly in one column. */
    private static void assertColumnsApart(ColumnSegmenter.Layout l) {
        List<Box> body = l.blocks().stream().filter(b -> b.y0() >= NewspaperPages.BODY_Y0 - 20).toList();
        assertThat(body).isNotEmpty();
        for (Box b : body) {
            boolean left = b.x0() >= LEFT_X0 - 15 && b.x1() <= LEFT_X1 + 15;
            boolean right = b.x0() >= RIGHT_X0 - 15 && b.x1() <= RIGHT_X1 + 15;
            assertThat(left || right).as("block %s lies in one column", b).isTrue();
        }
        assertThat(body).anyMatch(b -> b.x1() <= LEFT_X1 + 15 && b.height() > 600);
        assertThat(body).anyMatch(b -> b.x0() >= RIGHT_X0 - 15 && b.height() > 600);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void cutsTheColumnsApartAtARuledOrUnruledGutter(boolean ruled) {
        ColumnSegmenter.Layout l = segmenter.segment(NewspaperPages.page(ruled, false, false, false));
        assertColumnsApart(l);
        assertThat(l.glyphHeightPx()).isBetween(14.0, 30.0);
        List<ColumnSegmenter.Rule> vertical = l.rules().stream().filter(ColumnSegmenter.Rule::vertical).toList();
        if (ruled) {
            assertThat(vertical).hasSize(1);
            assertThat(vertical.get(0).box().centerX()).isBetween(845.0, 855.0);
            assertThat(l.rules()).anyMatch(r -> !r.vertical() && r.box().width() > 1000);
        } else {
            assertThat(l.rules()).isEmpty();
        }
    }

    @Test
    void keepsALetterSpacedTitleWhole() {
        ColumnSegmenter.Layout l = segmenter.segment(NewspaperPages.page(true, true, false, false));
        List<Box> title = l.blocks().stream().filter(b -> b.y1() < NewspaperPages.BODY_Y0 - 60).toList();
        assertThat(title).hasSize(1);
        assertThat(title.get(0).width()).isGreaterThan(900);
        // the stems of the title's letters are not rules
        assertThat(l.rules()).noneMatch(r -> r.box().y1() < NewspaperPages.TITLE_BASELINE + 30);
        assertColumnsApart(l);
    }

    @Test
    void aFrameIsNeitherTextNorAReasonToMergeColumns() {
        ColumnSegmenter.Layout l = segmenter.segment(NewspaperPages.page(false, false, true, false));
        assertColumnsApart(l);
        assertThat(l.blocks()).noneMatch(b -> b.x0() < 60 || b.y0() < 60 || b.x1() > NewspaperPages.WIDTH - 60);
    }

    @Test
    void dustNeitherBecomesBlocksNorShrinksTheGlyphHeight() {
        ColumnSegmenter.Layout clean = segmenter.segment(NewspaperPages.page(false, false, false, false));
        ColumnSegmenter.Layout dusty = segmenter.segment(NewspaperPages.page(false, false, false, true));
        assertColumnsApart(dusty);
        assertThat(dusty.glyphHeightPx()).isCloseTo(clean.glyphHeightPx(), org.assertj.core.data.Offset.offset(2.0));
        assertThat(dusty.blocks()).allMatch(b -> b.height() > 20 && b.y0() > NewspaperPages.BODY_Y0 - 40);
    }

    @Test
    void theEdgeOfTheScannedSheetIsNoSeparator() {
        java.awt.image.BufferedImage page = NewspaperPages.page(true, false, false, false);
        java.awt.Graphics2D g = page.createGraphics();
        g.setColor(java.awt.Color.BLACK);
        g.fillRect(NewspaperPages.WIDTH - 8, 100, 3, NewspaperPages.HEIGHT - 200);   // the sheet's edge, dark
        g.dispose();
        ColumnSegmenter.Layout l = segmenter.segment(page);
        assertThat(l.rules()).noneMatch(r -> r.box().x0() > NewspaperPages.WIDTH - 20);
        assertThat(l.rules()).anyMatch(r -> r.vertical() && Math.abs(r.box().centerX() - 850) < 5);
    }

    /**
     * An old masthead: a word left and right of a woodcut (a dense picture many glyphs tall) above the rule over two
     * ruled columns. The picture is not text: the words on either side become blocks of their own, and the column rule,
     * which starts below the masthead's rule, does not cut the masthead.
     */
    @Test
    void aWoodcutBetweenMastheadWordsIsNotTextAndTheRuleUnderTheMastheadComesFirst() {
        java.awt.image.BufferedImage page = NewspaperPages.page(true, false, false, false);
        java.awt.Graphics2D g = page.createGraphics();
        g.setColor(java.awt.Color.BLACK);
        g.setFont(new java.awt.Font(java.awt.Font.SERIF, java.awt.Font.BOLD, 70));
        g.drawString("Zurich", 140, 250);
        g.drawString("Gazette", 1200, 250);
        // the woodcut: a dense blob 400 x 300 px (about 20 glyphs wide), bridging the two words' rows, with some holes
        g.fillOval(650, 40, 400, 300);
        g.setColor(java.awt.Color.WHITE);
        for (int i = 0; i < 12; i++) {
            g.fillRect(700 + 25 * i, 120, 8, 140);
        }
        g.dispose();
        ColumnSegmenter.Layout l = segmenter.segment(page);
        List<Box> masthead = l.blocks().stream().filter(b -> b.y1() < NewspaperPages.BODY_Y0 - 60).toList();
        assertThat(masthead).hasSize(2);
        assertThat(masthead).anyMatch(b -> b.x0() < 200 && b.x1() < 650);
        assertThat(masthead).anyMatch(b -> b.x0() > 1050 && b.x1() > 1300);
        assertColumnsApart(l);
    }

    @Test
    void glyphHeightIsWeightedByInkSoThatSpecksDoNotDominate() {
        // row 0 is the background; 1000 specks 4 px high of 5 px ink, 100 letters 30 px high of 300 px ink
        int[][] stats = new int[1101][5];
        for (int i = 1; i <= 1000; i++) {
            stats[i] = new int[] {0, 0, 2, 4, 5};
        }
        for (int i = 1001; i <= 1100; i++) {
            stats[i] = new int[] {0, 0, 20, 30, 300};
        }
        assertThat(ColumnSegmenter.weightedCharHeightPx(stats, 3000, 4000)).isEqualTo(30.0);
    }
}
