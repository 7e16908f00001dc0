package dev.readout.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.readout.core.model.Page;
import dev.readout.core.model.TextSource;
import dev.readout.core.model.Word;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.OcrMode;
import dev.readout.core.stage.OpenedDocument;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A two-page PDF: page 1 born-digital text, page 2 a scanned image without text layer. */
class PdfDocumentTest {
    @TempDir
    static Path dir;
    static Path pdf;
    static ReadoutIngestor ingestor;

    @BeforeAll
    static void makePdf() throws Exception {
        assumeTrue(TestPages.tesseractInstalled(), "Tesseract is not installed: skipping");
        pdf = dir.resolve("mixed.pdf");
        try (PDDocument doc = new PDDocument()) {
            PDPage text = new PDPage(PDRectangle.LETTER);
            doc.addPage(text);
            try (PDPageContentStream cs = new PDPageContentStream(doc, text)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                cs.newLineAtOffset(72, 720);
                cs.showText("Hello PDF world");
                cs.endText();
            }
            PDPage scan = new PDPage(PDRectangle.LETTER);
            doc.addPage(scan);
            PDImageXObject img = LosslessFactory.createFromImage(doc, TestPages.page());
            try (PDPageContentStream cs = new PDPageContentStream(doc, scan)) {
                cs.drawImage(img, 0, 0, 612, 792);
            }
            doc.save(pdf.toFile());
        }
        ingestor = new ReadoutIngestor();
    }

    @AfterAll
    static void close() {
        if (ingestor != null) {
            ingestor.close();
        }
    }

    private static String text(Page p) {
        return p.words().stream().map(Word::text).collect(Collectors.joining(" "));
    }

    @Test
    void autoReadsTheTextLayerAndOcrsTheScannedPage() {
        try (OpenedDocument d = ingestor.open(pdf, "mixed.pdf", IngestOptions.DEFAULT)) {
            assertThat(d.pageCount()).isEqualTo(2);
            Page p1 = d.page(1);
            assertThat(p1.textSource()).isEqualTo(TextSource.TEXT_LAYER);
            assertThat(p1.width()).isEqualTo(2550);
            assertThat(p1.height()).isEqualTo(3300);
            assertThat(text(p1)).isEqualTo("Hello PDF world");
            Word hello = p1.words().get(0);
            assertThat(hello.id()).isEqualTo("p1-w1");
            assertThat(hello.source()).isEqualTo("pdfbox");
            // baseline at 72 pt from the top = 300 px at 300 dpi; 12 pt Helvetica
            assertThat(hello.box().x0()).isCloseTo(300.0, org.assertj.core.data.Offset.offset(2.0));
            assertThat(hello.box().y0()).isBetween(255.0, 270.0);
            assertThat(hello.box().y1()).isBetween(305.0, 315.0);
            assertThat(p1.lines()).hasSize(1);
            Page p2 = d.page(2);
            assertThat(p2.textSource()).isEqualTo(TextSource.OCR);
            assertThat(p2.words().get(0).source()).startsWith("tesseract-");
            assertThat(text(p2)).contains("Invoice number 4711");
            assertThat(d.pageImage(2).getWidth()).isEqualTo(2550);
        }
    }

    @Test
    void neverAndAlwaysForceTheChoice() {
        try (OpenedDocument d = ingestor.open(pdf, "mixed.pdf", IngestOptions.DEFAULT.withOcr(OcrMode.NEVER))) {
            assertThat(d.page(2).textSource()).isEqualTo(TextSource.NONE);
            assertThat(d.page(2).words()).isEmpty();
        }
        try (OpenedDocument d = ingestor.open(pdf, "mixed.pdf", IngestOptions.DEFAULT.withOcr(OcrMode.ALWAYS).withDpi(200))) {
            Page p1 = d.page(1);
            assertThat(p1.textSource()).isEqualTo(TextSource.OCR);
            assertThat(p1.dpi()).isEqualTo(200);
            assertThat(text(p1)).contains("Hello PDF world");
        }
    }
}
