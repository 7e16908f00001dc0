package dev.readout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readout.core.json.DocumentJson;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A page that fails is a result, not the end of the document: the others come out and the status is PARTIAL. */
class PartialDocumentTest {

    @Test
    void aPageOverThePixelLimitFailsAloneAndTheDocumentIsPartial(@TempDir Path dir) throws Exception {
        Path pdf = dir.resolve("mixed.pdf");
        try (PDDocument doc = new PDDocument()) {
            for (PDRectangle size : new PDRectangle[] {PDRectangle.A4, new PDRectangle(14000, 14000), PDRectangle.A4}) {
                PDPage page = new PDPage(size);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    cs.newLineAtOffset(72, size.getHeight() - 72);
                    cs.showText("Page of size " + (int) size.getWidth());
                    cs.endText();
                }
            }
            doc.save(pdf.toFile());
        }
        Path out = dir.resolve("out.json");
        // --ocr always renders every page; the 14000-pt page would be 58333 x 58333 px at 300 dpi
        CliHarness.Result r = CliHarness.run("extract", pdf.toString(), "--ocr", "always", "--out", out.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("page 2").contains("pixels");
        assertThat(r.err().lines()).allMatch(l -> !l.contains("Exception") && !l.startsWith("\tat "));
        JsonNode json = DocumentJson.mapper().readTree(out.toFile());
        assertThat(json.get("status").asText()).isEqualTo("PARTIAL");
        assertThat(json.get("pages")).hasSize(2);
        assertThat(json.get("pages").get(0).get("number").asInt()).isEqualTo(1);
        assertThat(json.get("pages").get(1).get("number").asInt()).isEqualTo(3);
        assertThat(json.get("pages").get(1).get("words").toString()).contains("Page").contains("595");
        assertThat(json.get("errors").get(0).get("page").asInt()).isEqualTo(2);
        assertThat(json.get("errors").get(0).get("code").asText()).isEqualTo("limit-exceeded");
    }
}
