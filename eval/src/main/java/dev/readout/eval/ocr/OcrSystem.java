package dev.readout.eval.ocr;

import java.util.List;

/** An OCR system under evaluation. Implementations are thread-safe: pages may be recognised concurrently. */
public interface OcrSystem extends AutoCloseable {

    /** Column name in reports, e.g. {@code readout}. */
    String name();

    /** Words of a page image, boxes in pixels of that image as stored. */
    Recognition recognize(FunsdPage page) throws Exception;

    /**
     * @param corrected true when the system's boxes referred to a rotated or deskewed image and were mapped back
     */
    record Recognition(List<TextBox> words, boolean corrected) {
        public Recognition {
            words = List.copyOf(words);
        }
    }

    @Override
    default void close() {
    }
}
