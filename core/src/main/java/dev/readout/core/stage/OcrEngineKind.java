package dev.readout.core.stage;

import java.util.Locale;

/** Which engine reads the text of scanned pages. */
public enum OcrEngineKind {
    /** Tesseract 5 (LSTM), with the language models installed: books, letters, forms, newspapers (Fraktur). */
    TESSERACT,
    /**
     * PaddleOCR's PP-OCRv4 detector and recogniser on ONNX Runtime ({@code models/ppocr-v4}): photographed and thermal
     * print (receipts, slips), where Tesseract loses faint lines. Latin and Chinese script; no language models to pick.
     */
    PPOCR;

    /** {@code tesseract} or {@code ppocr}, any case. */
    public static OcrEngineKind parse(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "tesseract" -> TESSERACT;
            case "ppocr" -> PPOCR;
            default -> throw new IllegalArgumentException("ocr engine must be tesseract or ppocr, not '" + s + "'");
        };
    }

    /** The name used on the command line and in the API. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
