package dev.readout.vqa.invoice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link InvoiceExtractor} found; a field it did not find is absent from {@link #fields()}. Field names:
 * {@code vendor_name}, {@code vendor_address}, {@code invoice_number}, {@code invoice_date}, {@code due_date},
 * {@code currency}, {@code subtotal}, {@code tax}, {@code total}.
 */
public record InvoiceFields(Map<String, Field> fields, List<LineItem> lineItems) {
    public static final List<String> NAMES = List.of("vendor_name", "vendor_address", "invoice_number", "invoice_date",
            "due_date", "currency", "subtotal", "tax", "total");

    public InvoiceFields {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        lineItems = List.copyOf(lineItems);
    }

    public Field get(String name) {
        return fields.get(name);
    }
}
