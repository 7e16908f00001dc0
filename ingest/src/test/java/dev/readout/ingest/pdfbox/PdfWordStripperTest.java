package dev.readout.ingest.pdfbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

class PdfWordStripperTest {

    @Test
    void fakeBoldTextDrawnTwiceComesOutOnceAndGarbageIsRecognised() throws Exception {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                for (float dx : new float[] {0f, 0.4f}) {
                    cs.beginText();
                    cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), 14);
                    cs.newLineAtOffset(100 + dx, 700);
                    cs.showText("Total due");
                    cs.endText();
                }
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 10);
                cs.newLineAtOffset(100, 650);
                cs.showText("Total  due");
                cs.endText();
            }
            List<PdfWordStripper.PdfWord> words = new PdfWordStripper().words(doc, 1);
            assertThat(words).extracting(PdfWordStripper.PdfWord::text).containsExactly("Total", "due", "Total", "due");
        }
        assertThat(TextLayerCheck.usable(List.of("Invoice", "number", "4711"))).isTrue();
        assertThat(TextLayerCheck.usable(List.of())).isFalse();
        assertThat(TextLayerCheck.usable(List.of("\uFFFD\uFFFD", "\uE001\uE002\uE003"))).isFalse();
        assertThat(TextLayerCheck.usable(List.of("Xqzt", "Bcdf", "Ghjk", "Lmnp", "Qrst", "Vwxz", "Bcdg", "Hjkl", "Mnpq", "Rstv", "Wxzb")))
                .isFalse();
    }
}
