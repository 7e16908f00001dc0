package dev.readout.core.stage;

import java.util.Locale;

/** How a scanned page is cut into blocks of text before OCR. */
public enum Segmentation {
    /** The OCR engine's own page layout analysis (Tesseract's page segmentation), as for forms, letters and books. */
    AUTO,
    /**
     * Columns and rules found in the image first (for newspapers: narrow, ruled or bleeding columns that the engine's
     * layout analysis takes for pictures), each block then read on its own; the text regions are then grouped by the
     * learned region model (dev.readout.ingest.RegionBreaks), trained on newspaper pages.
     */
    COLUMNS,
    /**
     * As {@link #COLUMNS}, with the text regions as the typographic rules alone cut the blocks (no learned model): the
     * input from which that model is trained.
     */
    COLUMNS_RULES;

    /** Whether the page is cut into columns and rules before OCR ({@link #COLUMNS} or {@link #COLUMNS_RULES}). */
    public boolean columns() {
        return this != AUTO;
    }

    /** The name {@link #parse} reads: {@code auto}, {@code columns}, {@code columns-rules}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code auto}, {@code tesseract} (the same as auto), {@code columns} or {@code columns-rules}, any case. */
    public static Segmentation parse(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "auto", "tesseract" -> AUTO;
            case "columns" -> COLUMNS;
            case "columns-rules" -> COLUMNS_RULES;
            default -> throw new IllegalArgumentException("segmentation must be auto, tesseract, columns or columns-rules, not '" + s + "'");
        };
    }
}
