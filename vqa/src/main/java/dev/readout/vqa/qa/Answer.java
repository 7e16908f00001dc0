package dev.readout.vqa.qa;

import dev.readout.vqa.invoice.Evidence;

/**
 * An answer to a question about a document: the answer text as printed, a normalised value (ISO date, plain number;
 * else the text), the score (0..1), the evidence, and where it came from ({@code invoice-field}, {@code form-field},
 * {@code key-value} for a layout-model link, {@code label-line} for a printed "label: value"). {@link #NONE} when no
 * candidate reaches the threshold.
 */
public record Answer(String text, String value, double score, Evidence evidence, String source, String matchedKey) {
    public static final Answer NONE = new Answer(null, null, 0, null, "none", null);

    public boolean found() {
        return text != null;
    }
}
