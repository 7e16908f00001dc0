package dev.readout.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.readout.core.model.Box;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.Word;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.OcrEngine.OcrBlock;
import dev.readout.core.stage.OcrEngine.OcrLine;
import dev.readout.core.stage.OcrEngine.OcrResult;
import dev.readout.core.stage.OcrEngine.OcrWord;
import dev.readout.core.stage.Segmentation;
import dev.readout.ingest.tesseract.TesseractOcrEngine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OCR output becomes the document model: words boxed by advance width, as a text layer boxes them. */
class PageBuilderTest {
    @Test
    void ocrWordsArePaddedByATenthOfTheLineHeightButShortOfTheirNeighbours() {
        // ink boxes as an OCR engine gives them: "on" x-height only, "Typ" down to the descender, tight gaps
        List<OcrWord> ws = List.of(
                new OcrWord("on", new Box(100, 108, 120, 116), 0.9),
                new OcrWord("Typ", new Box(124, 100, 160, 120), 0.9),
                new OcrWord("set", new Box(170, 103, 195, 116), 0.9));
        List<Box> bs = PageBuilder.paddedBoxes(ws);
        double pad = PageBuilder.WORD_PAD * 20;    // the line is 20 px tall: 2 px
        assertThat(bs.get(0)).isEqualTo(new Box(100 - pad, 108, 122, 116));    // a 4 px gap: 2 px each side
        assertThat(bs.get(1)).isEqualTo(new Box(122, 100, 160 + pad, 120));
        assertThat(bs.get(2)).isEqualTo(new Box(170 - pad, 103, 195 + pad, 116));
        // a word at the page's left edge is not padded off the page; touching words are not padded into each other
        assertThat(PageBuilder.paddedBoxes(List.of(new OcrWord("x", new Box(0.5, 10, 5, 20), 1))).get(0).x0()).isZero();
        List<Box> touching = PageBuilder.paddedBoxes(List.of(new OcrWord("a", new Box(10, 0, 20, 10), 1),
                new OcrWord("b", new Box(19, 0, 30, 10), 1)));
        assertThat(touching.get(0).x1()).isEqualTo(20);
        assertThat(touching.get(1).x0()).isEqualTo(19);
        assertThat(PageBuilder.paddedBoxes(List.of())).isEmpty();
        // in a page: Tesseract's words are padded, another engine's (PP-OCR cuts its words from character positions) not
        OcrResult r = new OcrResult(List.of(new OcrBlock(new Box(100, 100, 195, 120),
                List.of(new OcrLine(new Box(100, 100, 195, 120), 0.9, ws)))));
        Page tess = PageBuilder.fromOcr(1, 400, 300, 300, 0, 0, r, "tesseract-5.3.0");
        Page other = PageBuilder.fromOcr(1, 400, 300, 300, 0, 0, r, "ppocr-v4");
        assertThat(tess.words().stream().map(Word::box).toList()).isEqualTo(bs);
        assertThat(other.words().stream().map(Word::box).toList()).isEqualTo(ws.stream().map(OcrWord::box).toList());
    }

    @Test
    void ocrWordsOfALineDoNotOverlapAndKeepTheirHeight() {
        assumeTrue(TestPages.tesseractInstalled(), "Tesseract with eng data is not installed: skipping");
        try (TesseractOcrEngine tesseract = TesseractOcrEngine.systemDefault()) {
            ScanProcessor.Scan s = new ScanProcessor(tesseract).process(TestPages.page(), 150, IngestOptions.DEFAULT);
            Page p = PageBuilder.fromScan(1, 150, s, tesseract.name(), Segmentation.AUTO);
            Map<String, Word> words = new HashMap<>();
            p.words().forEach(w -> words.put(w.id(), w));
            int checked = 0;
            for (Line l : p.lines()) {
                List<Word> ws = l.wordIds().stream().map(words::get).toList();
                for (int i = 0; i < ws.size(); i++) {
                    Box b = ws.get(i).box();
                    assertThat(b.y0()).isGreaterThanOrEqualTo(l.box().y0() - 1);
                    assertThat(b.y1()).isLessThanOrEqualTo(l.box().y1() + 1);
                    if (i > 0) {
                        assertThat(b.x0()).isGreaterThanOrEqualTo(ws.get(i - 1).box().x1());
                    }
                    checked++;
                }
            }
            assertThat(checked).isGreaterThan(10);
            // and wider than the ink Tesseract boxed
            List<Box> ink = s.ocr().blocks().stream().flatMap(bl -> bl.lines().stream()).flatMap(l -> l.words().stream())
                    .map(OcrWord::box).toList();
            assertThat(ink).hasSameSizeAs(p.words());
            long wider = 0;
            for (int i = 0; i < ink.size(); i++) {
                assertThat(p.words().get(i).box().x0()).isLessThanOrEqualTo(ink.get(i).x0());
                assertThat(p.words().get(i).box().x1()).isGreaterThanOrEqualTo(ink.get(i).x1());
                wider += p.words().get(i).box().width() > ink.get(i).width() ? 1 : 0;
            }
            assertThat(wider).isGreaterThan(ink.size() / 2);
            assertThat(p.words().stream().map(Word::text)).contains("quick", "brown", "fox");
        }
    }
}
