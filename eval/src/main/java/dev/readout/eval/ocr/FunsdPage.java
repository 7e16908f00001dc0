package dev.readout.eval.ocr;

import java.nio.file.Path;
import java.util.List;

/**
 * One FUNSD form: its id (the file name without extension), the image and the gold words.
 *
 * @param words every {@code form[].words[]} entry with non-blank text, in file order
 */
public record FunsdPage(String id, Path image, List<TextBox> words) {
    public FunsdPage {
        words = List.copyOf(words);
    }
}
