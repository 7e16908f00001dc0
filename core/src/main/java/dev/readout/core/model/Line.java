package dev.readout.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A text line: words in their left-to-right order.
 *
 * @param id      {@code p<page>-l<n>}
 * @param wordIds ids of the words on this line, in reading order within the line
 * @param source  the engine that grouped the words (e.g. {@code tesseract-5.3.0} or {@code readout-lines})
 */
public record Line(String id, Box box, List<String> wordIds, double confidence, String source) {
    public Line {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(source, "source");
        wordIds = List.copyOf(wordIds);
        confidence = Math.round(confidence * 10000.0) / 10000.0;
    }
}
