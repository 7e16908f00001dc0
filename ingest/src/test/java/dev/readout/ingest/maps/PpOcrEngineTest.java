package dev.readout.ingest.maps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.Word;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.OcrEngineKind;
import dev.readout.core.stage.OpenedDocument;
import dev.readout.core.stage.Segmentation;
import dev.readout.ingest.ReadoutIngestor;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PP-OCRv4 as the pipeline's OCR engine (the real model from models/ppocr-v4, on a receipt rendered here). */
class PpOcrEngineTest {
    static final String[] RECEIPT = {"MAJU JAYA TRADING", "NO 12 & 14 JALAN MAWAR", "DATE 17/05/2018", "TOTAL        23.10"};

    static BufferedImage receipt() {
        BufferedImage img = new BufferedImage(640, 420, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 640, 420);
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.MONOSPACED, Font.BOLD, 28));
        for (int i = 0; i < RECEIPT.length; i++) {
            g.drawString(RECEIPT[i], 40, 70 + 90 * i);
        }
        g.dispose();
        return img;
    }

    @Test
    void readsTheLinesTopToBottomWithWordsAndBoxes() {
        try (PpOcrEngine engine = new PpOcrEngine(2)) {
            var r = engine.recognize(receipt(), List.of("eng"), 0);
            assertThat(r.blocks()).hasSize(1);
            List<String> lines = r.blocks().get(0).lines().stream()
                    .map(l -> l.words().stream().map(w -> w.text()).collect(Collectors.joining(" "))).toList();
            // a row's phrases apart by a wide gap stay two lines, in reading order: left, then right; a sign between
            // words ("&") is kept as a word of its own
            assertThat(lines).containsExactly("MAJU JAYA TRADING", "NO 12 & 14 JALAN MAWAR", "DATE 17/05/2018", "TOTAL", "23.10");
            var ls = r.blocks().get(0).lines();
            for (int i = 1; i < ls.size(); i++) {
                boolean sameRow = Math.abs(ls.get(i).box().centerY() - ls.get(i - 1).box().centerY()) < 10;
                assertThat(sameRow ? ls.get(i).box().x0() > ls.get(i - 1).box().x1() : ls.get(i).box().y0() > ls.get(i - 1).box().y1())
                        .as("line %d follows line %d", i, i - 1).isTrue();
            }
            for (var l : ls) {
                assertThat(l.words()).allSatisfy(w -> assertThat(l.box().union(w.box())).isEqualTo(l.box()));
            }
        }
    }

    /** The ingestor reads a scan with the engine the options name, and marks the words with it. */
    @Test
    void theIngestorReadsAScanWithTheEngineTheOptionsName(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("receipt.png");
        ImageIO.write(receipt(), "png", png.toFile());
        try (ReadoutIngestor ingestor = new ReadoutIngestor()) {
            Map<OcrEngineKind, Page> pages = new java.util.EnumMap<>(OcrEngineKind.class);
            for (OcrEngineKind k : OcrEngineKind.values()) {
                try (OpenedDocument d = ingestor.open(png, "receipt.png", IngestOptions.DEFAULT.withOcrEngine(k))) {
                    pages.put(k, d.page(1));
                }
            }
            Page pp = pages.get(OcrEngineKind.PPOCR);
            assertThat(pp.words()).extracting(Word::source).containsOnly("ppocr-v4");
            assertThat(pp.lines()).extracting(Line::source).containsOnly("ppocr-v4");
            assertThat(pp.words()).extracting(Word::text).contains("MAJU", "JALAN", "17/05/2018", "23.10");
            assertThat(pages.get(OcrEngineKind.TESSERACT).words()).extracting(Word::source).allMatch(s -> s.startsWith("tesseract"));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IngestOptions.DEFAULT.withSegmentation(Segmentation.COLUMNS)
                .withOcrEngine(OcrEngineKind.PPOCR)).hasMessageContaining("column segmentation needs tesseract");
    }
}
