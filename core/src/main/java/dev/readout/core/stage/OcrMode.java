package dev.readout.core.stage;

/** When to run OCR on a PDF page. Image inputs are always OCR'd. */
public enum OcrMode {
    /** OCR pages whose text layer is missing or unusable (scans, garbage encodings). */
    AUTO,
    /** OCR every page, ignoring any text layer. */
    ALWAYS,
    /** Never OCR; pages without a text layer come out without words. */
    NEVER
}
