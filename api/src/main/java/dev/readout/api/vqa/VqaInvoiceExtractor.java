package dev.readout.api.vqa;

import dev.readout.api.spi.InvoiceExtractor;
import dev.readout.core.model.Document;
import dev.readout.vqa.invoice.InvoiceJson;
import jakarta.enterprise.context.ApplicationScoped;

/** Invoice fields by the vqa module's rule-based extractor, as the JSON of {@code readout extract --invoice}. */
@ApplicationScoped
public class VqaInvoiceExtractor implements InvoiceExtractor {

    @Override
    public Object extract(Document document) {
        return InvoiceJson.toJson(new dev.readout.vqa.invoice.InvoiceExtractor().extract(document));
    }
}
