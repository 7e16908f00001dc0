package dev.readout.core.model;

/** How the words of a page were obtained. */
public enum TextSource {
    /** Words read from the PDF's text layer. */
    TEXT_LAYER,
    /** Words recognised by an OCR engine on the page image. */
    OCR,
    /** The page has no text (blank page, or OCR found nothing). */
    NONE
}
