package dev.readout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.core.Pipeline;
import dev.readout.core.model.Document;
import dev.readout.core.model.Page;
import dev.readout.core.model.Word;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.PageSelection;
import dev.readout.core.stage.ReadingOrderModel;
import dev.readout.vqa.invoice.Field;
import dev.readout.vqa.invoice.InvoiceExtractor;
import dev.readout.vqa.invoice.InvoiceFields;
import dev.readout.vqa.invoice.LineItem;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The rule-based invoice extractor on the project's born-digital sample invoice, through the real pipeline. */
class InvoiceExtractionTest {

    @Test
    void readsTheSampleInvoiceWithEvidence() {
        Path pdf = CliHarness.sampleDocs().resolve("invoice.pdf");
        Document doc;
        try (Pipeline p = Pipeline.discover(1, s -> s instanceof ReadingOrderModel)) {
            doc = p.process(pdf, "invoice.pdf", IngestOptions.DEFAULT, PageSelection.ALL, null);
        }
        InvoiceFields f = new InvoiceExtractor().extract(doc);
        assertThat(value(f, "vendor_name")).isEqualTo("Brightline Office Supplies GmbH");
        assertThat(value(f, "vendor_address")).contains("Lindenstrasse 42").contains("10969 Berlin");
        assertThat(value(f, "invoice_number")).isEqualTo("INV-2024-0117");
        assertThat(value(f, "invoice_date")).isEqualTo("2024-03-15");
        assertThat(value(f, "due_date")).isEqualTo("2024-04-14");
        assertThat(value(f, "currency")).isEqualTo("EUR");
        assertThat(value(f, "subtotal")).isEqualTo("586.60");
        assertThat(value(f, "tax")).isEqualTo("111.45");
        assertThat(value(f, "total")).isEqualTo("698.05");
        assertThat(f.lineItems()).extracting(LineItem::description).containsExactly(
                "A4 copy paper, 80 g/m2 (box of 5 reams)", "Ballpoint pens, blue (pack of 50)", "Desk organiser, bamboo", "Delivery and handling");
        assertThat(f.lineItems()).extracting(LineItem::quantity).containsExactly("12", "4", "6", "1");
        assertThat(f.lineItems()).extracting(LineItem::unitPrice).containsExactly("24.50", "18.90", "32.00", "25.00");
        assertThat(f.lineItems()).extracting(LineItem::amount).containsExactly("294.00", "75.60", "192.00", "25.00");

        // evidence: the words named are on the page and spell the printed value
        Page page = doc.pages().get(0);
        Map<String, String> words = page.words().stream().collect(Collectors.toMap(Word::id, Word::text));
        Field total = f.get("total");
        assertThat(total.evidence().page()).isEqualTo(1);
        String spelled = total.evidence().wordIds().stream().map(words::get).collect(Collectors.joining(" "));
        assertThat(spelled).contains("698.05");
        assertThat(total.evidence().box().x0()).isGreaterThan(0);
        assertThat(total.score()).isBetween(0.0, 1.0);
    }

    /** A till receipt rendered here (no dataset file), read by the PP-OCR engine, then the same extractor. */
    @Test
    void aReceiptImageReadByPpOcrGivesItsFields(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(700, 900, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 700, 900);
        g.setColor(java.awt.Color.BLACK);
        g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new java.awt.Font(java.awt.Font.MONOSPACED, java.awt.Font.BOLD, 26));
        String[] lines = {"MAJU JAYA TRADING SDN BHD", "NO 12 JALAN MAWAR", "43000 KAJANG SELANGOR", "TEL 03-8736 1234",
            "DATE: 17/05/2018", "SUGAR 1KG          3.20", "RICE 5KG          19.90", "TOTAL             23.10",
            "CASH              50.00", "CHANGE            26.90"};
        for (int i = 0; i < lines.length; i++) {
            g.drawString(lines[i], 40, 80 + 70 * i);
        }
        g.dispose();
        Path png = dir.resolve("receipt.png");
        javax.imageio.ImageIO.write(img, "png", png.toFile());
        CliHarness.Result r = CliHarness.run("extract", png.toString(), "--invoice", "--ocr-engine", "ppocr", "--format", "text");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("invoice_date: 2018-05-17").contains("total: 23.10").contains("vendor_name: MAJU JAYA TRADING SDN BHD");
        // the engine is part of the one pipeline: a PDF page rendered and read by PP-OCR, words marked with their engine
        CliHarness.Result pdf = CliHarness.run("extract", CliHarness.sampleDocs().resolve("invoice.pdf").toString(),
                "--ocr-engine", "ppocr", "--ocr", "always", "--no-layout");
        assertThat(pdf.exit()).as(pdf.err()).isZero();
        assertThat(pdf.out()).contains("\"source\" : \"ppocr-v4\"").doesNotContain("\"source\" : \"tesseract");
        assertThat(CliHarness.run("extract", png.toString(), "--ocr-engine", "abbyy").err())
                .contains("ocr engine must be tesseract or ppocr, not 'abbyy'");
        assertThat(CliHarness.run("extract", png.toString(), "--ocr-engine", "ppocr", "--segmentation", "columns").err())
                .contains("does not take --segmentation columns");
    }

    private static String value(InvoiceFields f, String name) {
        Field x = f.get(name);
        assertThat(x).as(name).isNotNull();
        return x.value();
    }
}
