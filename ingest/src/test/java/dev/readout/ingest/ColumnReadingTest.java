package dev.readout.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.core.model.Box;
import dev.readout.core.stage.OcrEngine.OcrBlock;
import dev.readout.core.stage.OcrEngine.OcrLine;
import dev.readout.core.stage.OcrEngine.OcrResult;
import dev.readout.core.stage.OcrEngine.OcrWord;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnReadingTest {

    private static OcrLine line(double conf, double y, String... words) {
        List<OcrWord> ws = new java.util.ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            ws.add(new OcrWord(words[i], new Box(100 + 100 * i, y, 180 + 100 * i, y + 30), conf));
        }
        return new OcrLine(Box.unionOf(ws.stream().map(OcrWord::box).toList()), conf, ws);
    }

    @Test
    void dropsLinesWithoutLettersOrDigitsAndLinesFarLessConfidentThanThePage() {
        OcrResult block = new OcrResult(List.of(new OcrBlock(new Box(0, 0, 1000, 1000), List.of(
                line(0.90, 100, "Zürich,", "den", "21."),
                line(0.85, 140, "|", "—", "::"),          // a rule and speckle read as marks
                line(0.88, 180, "Oktober", "1785"),
                line(0.30, 220, "ii", "lI"),               // below half the median line confidence, no word
                line(0.35, 240, "Tagesbericht"),           // as low, but a word: a letter-spaced heading
                line(0.15, 250, "Zeitung"),                // below the absolute floor
                line(0.92, 260, "Paris")))));
        OcrResult clean = ColumnReading.clean(List.of(block, new OcrResult(List.of())));
        assertThat(clean.blocks()).hasSize(1);
        assertThat(clean.blocks().get(0).lines()).extracting(l -> l.words().get(0).text()).containsExactly("Zürich,", "Oktober", "Tagesbericht", "Paris");
    }

    @Test
    void dropsARuleReadAsAMarkAtTheEndOfALineButKeepsPunctuation() {
        List<OcrWord> words = List.of(
                new OcrWord("faſſen", new Box(100, 200, 200, 230), 0.9),
                new OcrWord(":", new Box(210, 205, 218, 230), 0.9),        // punctuation close to its word
                new OcrWord("|", new Box(300, 195, 304, 235), 0.8));       // the column rule, far to the right
        assertThat(ColumnReading.withoutStrayMarks(words)).extracting(OcrWord::text).containsExactly("faſſen", ":");
        assertThat(ColumnReading.withoutStrayMarks(List.of(new OcrWord("—", new Box(0, 0, 30, 10), 0.9)))).hasSize(1);
    }

    @Test
    void lineBoxesTakeTheMedianTopAndBottomOfTheirWords() {
        List<OcrWord> words = List.of(
                new OcrWord("Die", new Box(100, 200, 150, 230), 0.9),
                new OcrWord("GROSSE", new Box(160, 120, 300, 232), 0.9),   // one tall word
                new OcrWord("Stadt", new Box(310, 198, 380, 231), 0.9));
        Box b = ColumnReading.lineBox(words);
        assertThat(b).isEqualTo(new Box(100, 198, 380, 231));   // not 120: the tall word does not stretch it
    }

    @Test
    void aDisplayLineTakesThePlaceOfItsPiecesAndLeavesOrdinaryLinesBesideIt() {
        Box display = new Box(300, 100, 1500, 400);
        OcrLine left = line(0.9, 120, "Abonnement");                                   // outside the title
        OcrLine tall = new OcrLine(new Box(320, 110, 700, 390), 0.7,                   // a piece: tall
                List.of(new OcrWord("Nene", new Box(320, 110, 700, 390), 0.7)));
        OcrLine speck = new OcrLine(new Box(900, 150, 1000, 180), 0.2,                 // a piece: unsure
                List.of(new OcrWord(",v0", new Box(900, 150, 1000, 180), 0.2)));
        OcrLine beside = new OcrLine(new Box(1200, 360, 1400, 390), 0.9,               // ordinary, in the descenders
                List.of(new OcrWord("Preise", new Box(1200, 360, 1400, 390), 0.9)));
        OcrResult read = new OcrResult(List.of(
                new OcrBlock(new Box(100, 100, 300, 160), List.of(left)),
                new OcrBlock(new Box(300, 100, 1000, 400), List.of(tall, speck)),
                new OcrBlock(new Box(1200, 360, 1400, 390), List.of(beside))));
        OcrLine title = new OcrLine(new Box(320, 180, 1480, 320), 0.95, List.of(
                new OcrWord("Neue", new Box(320, 100, 700, 400), 0.95),
                new OcrWord("Zeitung", new Box(760, 100, 1480, 400), 0.95)));
        OcrResult out = ColumnReading.withDisplayLine(read, title, display);
        assertThat(out.blocks()).hasSize(3);
        assertThat(out.blocks().get(1).lines()).containsExactly(title);
        assertThat(out.blocks().get(1).box()).isEqualTo(title.box());
        assertThat(out.blocks().get(0).lines()).containsExactly(left);
        assertThat(out.blocks().get(2).lines()).containsExactly(beside);

        // no piece read at all: the title becomes a block of its own before the first block below it
        OcrResult none = new OcrResult(List.of(new OcrBlock(new Box(100, 100, 300, 160), List.of(left)),
                new OcrBlock(new Box(100, 500, 1500, 900), List.of(line(0.9, 500, "Zürich")))));
        OcrResult placed = ColumnReading.withDisplayLine(none, title, display);
        assertThat(placed.blocks()).extracting(b -> b.lines().get(0).words().get(0).text()).containsExactly("Abonnement", "Neue", "Zürich");
    }

    /** A title 160 px tall, which Tesseract reads poorly at its own size, is read when scaled down to body size. */
    @Test
    void aDisplayLineIsReadScaledDown() {
        org.junit.jupiter.api.Assumptions.assumeTrue(TestPages.tesseractInstalled(), "Tesseract with eng data is not installed: skipping");
        java.awt.image.BufferedImage page = new java.awt.image.BufferedImage(2200, 500, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = page.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 2200, 500);
        g.setColor(java.awt.Color.BLACK);
        g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new java.awt.Font(java.awt.Font.SERIF, java.awt.Font.BOLD, 200));
        g.drawString("Evening Gazette", 100, 300);
        g.dispose();
        Box area = new Box(80, 120, 2150, 360);
        try (dev.readout.ingest.tesseract.TesseractOcrEngine tess = dev.readout.ingest.tesseract.TesseractOcrEngine.systemDefault()) {
            OcrLine l = ColumnReading.readDisplay(tess, new dev.readout.ingest.opencv.OpenCvPreprocessor(), page, area, List.of("eng"));
            assertThat(l).isNotNull();
            assertThat(l.words()).extracting(OcrWord::text).containsExactly("Evening", "Gazette");
            assertThat(l.words()).allSatisfy(w -> {
                assertThat(w.box().x0()).isBetween(area.x0(), area.x1());
                assertThat(w.box().x1()).isBetween(area.x0(), area.x1());
            });
            assertThat(l.words().get(0).box().x1()).isLessThan(l.words().get(1).box().x0());
            assertThat(l.words().get(1).box().x1()).isGreaterThan(1500);            // page pixels, not the scaled crop's
            // a blank area reads as nothing: no line
            assertThat(ColumnReading.readDisplay(tess, new dev.readout.ingest.opencv.OpenCvPreprocessor(), page, new Box(100, 400, 2100, 490), List.of("eng"))).isNull();
        }
    }
}
