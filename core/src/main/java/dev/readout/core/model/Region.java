package dev.readout.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A block of lines (a paragraph, a column segment, a table cell group).
 *
 * @param id      {@code p<page>-r<n>}
 * @param type    {@code text} for now; later stages may add {@code table}, {@code figure}, {@code separator}
 * @param lineIds the lines of this region in reading order
 */
public record Region(String id, String type, Box box, List<String> lineIds, double confidence, String source) {
    public Region {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(source, "source");
        lineIds = List.copyOf(lineIds);
        confidence = Math.round(confidence * 10000.0) / 10000.0;
    }
}
