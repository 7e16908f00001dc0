package dev.readout.vqa.invoice;

/**
 * One extracted field: the text as printed, its normalised value ({@code 2026-03-12} for a date, {@code 1234.56}
 * for an amount; the text itself otherwise), a score in 0..1 and its evidence.
 */
public record Field(String text, String value, double score, Evidence evidence) {
}
