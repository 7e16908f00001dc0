package dev.readout.api.spi;

import dev.readout.core.model.Document;

/**
 * Extracts invoice fields (supplier, number, dates, totals, line items) from a processed document. Until a CDI bean
 * implementing this is on the class path, {@code POST /v1/extract/invoice} and uploads with {@code invoice=true}
 * answer 501. Implementations must be thread-safe.
 */
public interface InvoiceExtractor {

    /** The invoice as a value Jackson can write as JSON. */
    Object extract(Document document);
}
