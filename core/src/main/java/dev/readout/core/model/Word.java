package dev.readout.core.model;

import java.util.Objects;

/**
 * One word on a page.
 *
 * @param id         stable within the document, {@code p<page>-w<n>} with n from 1
 * @param text       the word's text, never blank
 * @param box        pixels of the page image, origin top-left
 * @param confidence 0–1; 1 for text-layer words
 * @param source     the engine that produced it, e.g. {@code pdfbox} or {@code tesseract-5.3.0}
 */
public record Word(String id, String text, Box box, double confidence, String source) {
    public Word {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(source, "source");
        if (confidence < 0 || confidence > 1 || Double.isNaN(confidence)) {
            throw new IllegalArgumentException("confidence must be in [0, 1]: " + confidence);
        }
        confidence = Math.round(confidence * 10000.0) / 10000.0;
    }
}
