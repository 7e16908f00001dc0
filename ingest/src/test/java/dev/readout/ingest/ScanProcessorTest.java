package dev.readout.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.OcrEngine.OcrWord;
import dev.readout.ingest.opencv.OpenCvPreprocessor;
import dev.readout.ingest.tesseract.TesseractOcrEngine;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The OCR path on rendered pages: upright text is found at any quarter turn and at a skew up to ±10°. */
class ScanProcessorTest {
    static TesseractOcrEngine tesseract;
    static ScanProcessor scans;
    static OpenCvPreprocessor cv;

    @BeforeAll
    static void setUp() {
        assumeTrue(TestPages.tesseractInstalled(), "Tesseract with eng data is not installed: skipping OCR tests");
        tesseract = TesseractOcrEngine.systemDefault();
        scans = new ScanProcessor(tesseract);
        cv = new OpenCvPreprocessor();
    }

    @AfterAll
    static void tearDown() {
        if (tesseract != null) {
            tesseract.close();
        }
    }

    private static String text(ScanProcessor.Scan s) {
        return s.ocr().blocks().stream().flatMap(b -> b.lines().stream()).flatMap(l -> l.words().stream())
                .map(OcrWord::text).collect(Collectors.joining(" "));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 90, 180, 270})
    void turnsQuarterRotatedPagesUpright(int turnedBy) {
        BufferedImage turned = cv.rotateQuarter(TestPages.page(), turnedBy);
        ScanProcessor.Scan s = scans.process(turned, 150, IngestOptions.DEFAULT);
        assertThat(s.rotation()).isEqualTo((360 - turnedBy) % 360);
        assertThat(s.image().getWidth()).isEqualTo(1275);
        assertThat(text(s)).contains("Invoice number 4711", "quick brown fox");
    }

    @org.junit.jupiter.api.Test
    void readsAPageLitFromOneSide() {
        // gray print (a faded copy, or a phone photo's) with the light falling to 35 % across the page: Tesseract's one
        // global threshold cannot fit both sides; the background is evened out first (flattenBackground)
        BufferedImage faded = new BufferedImage(1275, 1650, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage page = TestPages.page();
        for (int y = 0; y < page.getHeight(); y++) {
            for (int x = 0; x < page.getWidth(); x++) {
                faded.getRaster().setSample(x, y, 0, 110 + page.getRaster().getSample(x, y, 0) * 145 / 255);
            }
        }
        BufferedImage shadowed = TestPages.litFromLeft(faded, 0.35);
        String raw = tesseract.recognize(shadowed, List.of("eng"), 150).blocks().stream().flatMap(b -> b.lines().stream())
                .flatMap(l -> l.words().stream()).map(OcrWord::text).collect(Collectors.joining(" "));
        // read as it is, the line ends on the dark side are lost
        assertThat(raw).as("the shadowed page read as it is").doesNotContain("jumps over").doesNotContain("river bank");
        ScanProcessor.Scan s = scans.process(shadowed, 150, IngestOptions.DEFAULT);
        assertThat(text(s)).contains("Invoice number 4711 was paid today", "quick brown fox jumps over", "river bank",
                "1,234.56 EUR");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-7.0, -2.5, 4.0, 9.5})
    void measuresAndRemovesSkew(double skew) {
        BufferedImage skewed = cv.rotate(TestPages.page(), skew);
        ScanProcessor.Scan s = scans.process(skewed, 150, IngestOptions.DEFAULT);
        assertThat(s.skew()).isCloseTo(-skew, org.assertj.core.data.Offset.offset(0.35));
        assertThat(text(s)).contains("Invoice number 4711", "quick brown fox");
        // lines are level on the corrected image: each line box is about one text line high
        s.ocr().blocks().forEach(b -> b.lines().forEach(l -> assertThat(l.box().height()).isLessThan(70)));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void boxesOfWordsCoverTheirInk(boolean preprocess) {
        ScanProcessor.Scan s = scans.process(TestPages.page(), 150, IngestOptions.DEFAULT.withPreprocess(preprocess));
        List<OcrWord> words = s.ocr().blocks().stream().flatMap(b -> b.lines().stream()).flatMap(l -> l.words().stream()).toList();
        OcrWord invoice = words.stream().filter(w -> w.text().equals("Invoice")).findFirst().orElseThrow();
        // "Invoice" is drawn at x=150 on the second baseline (y=270) in 34 px type
        assertThat(invoice.box().x0()).isBetween(145.0, 156.0);
        assertThat(invoice.box().y1()).isBetween(262.0, 275.0);
        assertThat(invoice.confidence()).isGreaterThan(0.8);
    }

    @org.junit.jupiter.api.Test
    void columnSegmentationKeepsEachLineInItsColumnAndFindsTheRules() {
        IngestOptions columns = IngestOptions.DEFAULT.withSegmentation(dev.readout.core.stage.Segmentation.COLUMNS);
        ScanProcessor.Scan s = scans.process(NewspaperPages.page(true, true, false, true), 200, columns);
        int gutter = (NewspaperPages.LEFT_X1 + NewspaperPages.RIGHT_X0) / 2;
        List<dev.readout.core.stage.OcrEngine.OcrLine> lines = s.ocr().blocks().stream().flatMap(b -> b.lines().stream()).toList();
        assertThat(lines).hasSizeGreaterThan(40);
        assertThat(lines).filteredOn(l -> l.box().y0() > NewspaperPages.BODY_Y0 - 30)
                .allMatch(l -> l.box().x1() < gutter || l.box().x0() > gutter);
        assertThat(lines).anyMatch(l -> l.words().stream().anyMatch(w -> w.text().contains("DAILY")));
        assertThat(text(s)).contains("council", "bridge", "grain", "farmers");
        assertThat(s.separators()).anyMatch(b -> b.height() > 800 && Math.abs(b.centerX() - gutter) < 5);
        // the same page read by Tesseract's own layout analysis keeps no separators
        assertThat(scans.process(NewspaperPages.page(true, false, false, false), 200, IngestOptions.DEFAULT).separators()).isEmpty();
    }
}
