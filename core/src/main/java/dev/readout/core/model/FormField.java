package dev.readout.core.model;

import java.util.Objects;

/**
 * A filled form field (PDF AcroForm) as a key → value pair.
 *
 * @param key      the field's label: its alternate name (tooltip) when it has one, else its full name
 * @param value    the value as displayed
 * @param page     page number, from 1
 * @param keyBox   box of the label text printed next to the field, or null when none was found
 * @param valueBox the field's widget rectangle on the page
 * @param source   {@code pdf-acroform}
 */
public record FormField(String key, String value, int page, Box keyBox, Box valueBox, String source) {
    public FormField {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(valueBox, "valueBox");
        Objects.requireNonNull(source, "source");
    }
}
