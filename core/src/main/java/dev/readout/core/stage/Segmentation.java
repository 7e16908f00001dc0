package dev.readout.core.stage;

import java.util.Locale;

/** How a scanned page is cut into blocks of text before OCR. */
public enum Segmentation {
    /** The OCR engine's own page layout analysis (Tesseract's page segmentation), as for forms, letters and books. */
    AUTO,
    /**
     * Columns and rules found in the image first (for newspapers: narrow, ruled or bleeding columns that the engine's
     * layout analysis takes for pictures), each block then read on its own.
     */
    COLUMNS;

    /** {@code auto}, {@code tesseract} (the same as auto) or {@code columns}, any case. */
    public static Segmentation parse(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "auto", "tesseract" -> AUTO;
            case "columns" -> COLUMNS;
            default -> throw new IllegalArgumentException("segmentation must be auto, tesseract or columns, not '" + s + "'");
        };
    }
}
