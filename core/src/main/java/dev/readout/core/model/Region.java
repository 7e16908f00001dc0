package dev.readout.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A block of lines (a paragraph, a column segment, a table cell group), or a non-text element of the layout.
 *
 * @param id      {@code p<page>-r<n>}
 * @param type    {@value #TEXT} (lines of text) or {@value #SEPARATOR} (a printed rule between columns or articles, no
 *                lines); later stages may add {@code table}, {@code figure}
 * @param lineIds the lines of this region in reading order (empty for a separator)
 */
public record Region(String id, String type, Box box, List<String> lineIds, double confidence, String source) {
    public static final String TEXT = "text";
    public static final String SEPARATOR = "separator";

    public Region {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(source, "source");
        lineIds = List.copyOf(lineIds);
        confidence = Math.round(confidence * 10000.0) / 10000.0;
    }

    /** Whether this region holds text lines (not a separator or another graphical element). Not part of the JSON. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isText() {
        return TEXT.equals(type);
    }

    /** Whether this region is a printed rule ({@value #SEPARATOR}). Not part of the JSON. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isSeparator() {
        return SEPARATOR.equals(type);
    }
}
