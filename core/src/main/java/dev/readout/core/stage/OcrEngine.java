package dev.readout.core.stage;

import dev.readout.core.model.Box;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Recognises text on an upright page image. Thread-safe: implementations keep one native handle per
 * worker thread. Boxes are in pixels of the image given.
 */
public interface OcrEngine {

    /** Engine name and version recorded as the source of its words, e.g. {@code tesseract-5.3.0}. */
    String name();

    /** Fails with an EngineUnavailableException naming the missing piece (library, language data) and the fix. */
    void checkAvailable(List<String> languages);

    /**
     * @param gray      8-bit gray image (TYPE_BYTE_GRAY), upright
     * @param languages language codes, e.g. {@code [eng, deu]}
     * @param dpi       resolution of the image, as a hint
     */
    OcrResult recognize(BufferedImage gray, List<String> languages, int dpi);

    /** Blocks of lines of words, in the engine's order. */
    record OcrResult(List<OcrBlock> blocks) {
        public OcrResult {
            blocks = List.copyOf(blocks);
        }
    }

    record OcrBlock(Box box, List<OcrLine> lines) {
        public OcrBlock {
            lines = List.copyOf(lines);
        }
    }

    record OcrLine(Box box, double confidence, List<OcrWord> words) {
        public OcrLine {
            words = List.copyOf(words);
        }
    }

    /** @param confidence 0–1 */
    record OcrWord(String text, Box box, double confidence) {
    }
}
