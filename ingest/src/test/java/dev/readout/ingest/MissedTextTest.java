package dev.readout.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.readout.core.model.Box;
import dev.readout.core.stage.OcrEngine.OcrBlock;
import dev.readout.core.stage.OcrEngine.OcrLine;
import dev.readout.core.stage.OcrEngine.OcrResult;
import dev.readout.core.stage.OcrEngine.OcrWord;
import dev.readout.ingest.tesseract.TesseractOcrEngine;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Text the page layout analysis skipped is found as unread ink, read again as a block by the real Tesseract and merged
 * without duplicates. The skip is simulated by leaving the last three lines of a page out of a real OCR result.
 */
class MissedTextTest {

    private static String words(OcrResult r) {
        return r.blocks().stream().flatMap(b -> b.lines().stream()).flatMap(l -> l.words().stream())
                .map(OcrWord::text).collect(Collectors.joining(" "));
    }

    @Test
    void skippedLinesAreFoundReadAgainAndMergedOnce() {
        assumeTrue(TestPages.tesseractInstalled(), "Tesseract with eng data is not installed: skipping");
        BufferedImage page = TestPages.page();
        try (TesseractOcrEngine tess = TesseractOcrEngine.systemDefault()) {
            OcrResult full = tess.recognize(page, List.of("eng"), 150);
            // the same result without the lines below y = 320 (the last three of TestPages.LINES)
            List<OcrBlock> kept = full.blocks().stream()
                    .map(b -> new OcrBlock(b.box(), b.lines().stream().filter(l -> l.box().y1() < 320).toList()))
                    .filter(b -> !b.lines().isEmpty()).toList();
            OcrResult partial = new OcrResult(kept);
            assertThat(words(partial)).contains("Invoice").doesNotContain("lazy");

            List<Box> areas = MissedText.unreadAreas(page, partial);
            assertThat(areas).hasSizeBetween(1, 3);                      // the skipped lines, together or one by one
            Box a = Box.unionOf(areas);
            assertThat(a.y0()).isGreaterThan(290).isLessThan(360);     // from the first skipped line
            assertThat(a.y1()).isGreaterThan(460);                      // to the last

            OcrResult merged = MissedText.merge(partial, tess.recognizeBlocks(page, List.of("eng"), 150, areas));
            String text = words(merged);
            assertThat(text).contains("quick brown fox", "lazy dog");
            assertThat(text.split("Invoice", -1)).hasSize(2);           // what was read once is not read twice
            assertThat(merged.blocks()).hasSizeGreaterThan(partial.blocks().size());

            // nothing is left unread once every line is read
            assertThat(MissedText.unreadAreas(page, full)).isEmpty();
        }
    }

    @Test
    void onlyConfidentNewWordsAreMerged() {
        OcrWord have = new OcrWord("Total", new Box(100, 100, 200, 130), 0.95);
        OcrResult read = new OcrResult(List.of(new OcrBlock(have.box(), List.of(new OcrLine(have.box(), 0.95, List.of(have))))));
        OcrWord again = new OcrWord("Total", new Box(102, 101, 201, 131), 0.99);   // the same word, read again
        OcrWord unsure = new OcrWord("rn~", new Box(300, 300, 340, 330), 0.40);
        OcrWord unsure2 = new OcrWord("Theater", new Box(350, 300, 500, 330), 0.90);
        List<OcrWord> para1 = List.of(new OcrWord("Feuilleton", new Box(100, 400, 300, 430), 0.91),
                new OcrWord("1875", new Box(320, 400, 400, 430), 0.88));
        List<OcrWord> para2 = List.of(new OcrWord("Theater.", new Box(100, 440, 260, 470), 0.93),
                new OcrWord("Opernbericht", new Box(280, 440, 500, 470), 0.85), new OcrWord("~", new Box(510, 440, 520, 470), 0.2));
        OcrWord lone = new OcrWord("Lone", new Box(100, 600, 200, 630), 0.99);
        OcrWord lone2 = new OcrWord("words", new Box(220, 600, 320, 630), 0.99);
        OcrResult reread = new OcrResult(List.of(
                new OcrBlock(new Box(100, 100, 520, 470), List.of(
                        new OcrLine(new Box(100, 100, 500, 330), 0.8, List.of(again, unsure, unsure2)),  // one word left
                        new OcrLine(new Box(100, 400, 400, 430), 0.9, para1),
                        new OcrLine(new Box(100, 440, 520, 470), 0.9, para2))),
                new OcrBlock(lone.box(), List.of(new OcrLine(lone.box(), 0.99, List.of(lone, lone2))))));   // too little
        OcrResult merged = MissedText.merge(read, List.of(reread));
        assertThat(words(merged)).isEqualTo("Total Feuilleton 1875 Theater. Opernbericht");
        assertThat(merged.blocks()).hasSize(2);
        assertThat(merged.blocks().get(1).lines()).hasSize(2);     // the line left with one word is dropped
        assertThat(MissedText.unreadAreas(new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY), read)).isEmpty();
    }
}
