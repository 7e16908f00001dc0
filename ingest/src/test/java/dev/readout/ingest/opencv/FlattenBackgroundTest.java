package dev.readout.ingest.opencv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.ingest.TestPages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link OpenCvPreprocessor#flattenBackground}: unevenly lit paper evened out, evenly lit pages and dark areas left. */
class FlattenBackgroundTest {
    static OpenCvPreprocessor cv;

    @BeforeAll
    static void load() {
        cv = new OpenCvPreprocessor();
    }

    /** The 5th and 95th percentile of the brightness of the pixels brighter than {@code over} (the paper). */
    static int[] paper(BufferedImage img, int over) {
        int[] v = Arrays.stream(img.getRaster().getSamples(0, 0, img.getWidth(), img.getHeight(), 0, (int[]) null))
                .filter(p -> p > over).sorted().toArray();
        return new int[] {v[(int) (0.05 * (v.length - 1))], v[(int) (0.95 * (v.length - 1))]};
    }

    @Test
    void paperInShadowBecomesEvenAndTheInkStaysDark() {
        BufferedImage shadowed = TestPages.litFromLeft(TestPages.page(), 0.45);
        int[] before = paper(shadowed, 60);
        assertThat(before[1] / (double) before[0]).isGreaterThan(1.8);
        BufferedImage flat = cv.flattenBackground(shadowed, 1.35);
        assertThat(flat).isNotSameAs(shadowed);
        int[] after = paper(flat, 60);
        assertThat(after[1] / (double) after[0]).isLessThan(1.08);
        assertThat(after[0]).isGreaterThan(230);
        // the ink of the shadowed side (a glyph of the last line, far right) keeps its contrast to the paper there
        int[] px = flat.getRaster().getSamples(0, 0, flat.getWidth(), flat.getHeight(), 0, (int[]) null);
        assertThat(Arrays.stream(px).filter(p -> p < 60).count()).isGreaterThan(5000);
    }

    @Test
    void anEvenlyLitPageIsLeftAsItIs() {
        BufferedImage page = TestPages.page();
        assertThat(cv.flattenBackground(page, 1.35)).isSameAs(page);
        // a light falloff under the ratio (15 %) too
        BufferedImage mild = TestPages.litFromLeft(page, 0.85);
        assertThat(cv.flattenBackground(mild, 1.35)).isSameAs(mild);
    }

    @Test
    void blackBoxesAndShadedFieldsAreNoShadow() {
        // a black photo block over a third of the page, and a form's shaded field: not lighting, nothing changes
        BufferedImage page = TestPages.page();
        Graphics2D g = page.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(700, 600, 500, 900);
        g.setColor(new Color(190, 190, 190));
        g.fillRect(100, 560, 500, 120);
        g.dispose();
        assertThat(cv.flattenBackground(page, 1.35)).isSameAs(page);
    }
}
