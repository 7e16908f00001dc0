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

    private static String value(InvoiceFields f, String name) {
        Field x = f.get(name);
        assertThat(x).as(name).isNotNull();
        return x.value();
    }
}
