package dev.readout.ingest.pdfbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.readout.core.model.Page;
import dev.readout.core.model.TextSource;
import dev.readout.core.model.Word;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.OcrMode;
import dev.readout.core.stage.OpenedDocument;
import dev.readout.ingest.ReadoutIngestor;
import dev.readout.ingest.TestPages;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OCR a scan, write it as a searchable PDF, read that PDF's text layer back: same words, same places. */
class SearchablePdfWriterTest {
    @TempDir
    Path dir;

    @Test
    void theInvisibleTextLayerGivesBackTheOcrWordsAtTheirBoxes() throws Exception {
        assumeTrue(TestPages.tesseractInstalled(), "tesseract-ocr-eng is not installed");
        Path png = dir.resolve("scan.png");
        ImageIO.write(TestPages.page(), "png", png.toFile());
        Path pdf = dir.resolve("scan-searchable.pdf");
        Page ocr;
        try (ReadoutIngestor ingestor = new ReadoutIngestor()) {
            try (OpenedDocument d = ingestor.open(png, "scan.png", IngestOptions.DEFAULT.withDpi(150));
                 OutputStream out = Files.newOutputStream(pdf)) {
                ocr = d.page(1);
                BufferedImage img = d.pageImage(1);
                SearchablePdfWriter.write(List.of(ocr), List.of(img), out);
            }
            assertThat(ocr.words()).hasSizeGreaterThan(20);
            try (OpenedDocument d = ingestor.open(pdf, "scan-searchable.pdf", IngestOptions.DEFAULT.withOcr(OcrMode.NEVER).withDpi(ocr.dpi()))) {
                assertThat(d.pageCount()).isEqualTo(1);
                Page back = d.page(1);
                assertThat(back.textSource()).isEqualTo(TextSource.TEXT_LAYER);
                assertThat(back.width()).isCloseTo(ocr.width(), org.assertj.core.data.Offset.offset(2));
                assertThat(text(back)).isEqualTo(text(ocr));
                for (int i = 0; i < ocr.words().size(); i++) {
                    Word a = ocr.words().get(i);
                    Word b = back.words().get(i);
                    assertThat(b.box().x0()).as(a.text()).isCloseTo(a.box().x0(), org.assertj.core.data.Offset.offset(4.0));
                    assertThat(b.box().x1()).as(a.text()).isCloseTo(a.box().x1(), org.assertj.core.data.Offset.offset(6.0));
                    double cy = (b.box().y0() + b.box().y1()) / 2;
                    assertThat(cy).as(a.text()).isBetween(a.box().y0(), a.box().y1());
                }
            }
        }
    }

    private static String text(Page p) {
        return p.words().stream().map(Word::text).collect(Collectors.joining(" "));
    }
}
