package dev.readout.eval.ocr;

import dev.readout.core.model.Box;
import java.util.Objects;

/** A word (gold or predicted): its text, stripped of surrounding white space, and its box in image pixels. */
public record TextBox(String text, Box box) {
    public TextBox {
        Objects.requireNonNull(box, "box");
        text = text == null ? "" : text.strip();
    }
}
