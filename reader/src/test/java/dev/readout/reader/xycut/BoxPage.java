package dev.readout.reader.xycut;

import dev.readout.core.model.Box;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.TextSource;
import dev.readout.core.model.Word;
import java.util.ArrayList;
import java.util.List;

/** A test page built line by line from boxes: each line one word, {@code <id>-w}, with the line's box. */
final class BoxPage {
    private final List<Word> words = new ArrayList<>();
    private final List<Line> lines = new ArrayList<>();
    private final int width;
    private final int height;

    BoxPage(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** Adds a line; returns its id. */
    String line(String id, double x0, double y0, double x1, double y1) {
        return line(id, "text", x0, y0, x1, y1);
    }

    /** Adds a line of one word with the given text; returns its id. */
    String line(String id, String text, double x0, double y0, double x1, double y1) {
        words.add(new Word(id + "-w", text, new Box(x0, y0, x1, y1), 1, "test"));
        lines.add(new Line(id, new Box(x0, y0, x1, y1), List.of(id + "-w"), 1, "test"));
        return id;
    }

    Page page() {
        return new Page(1, width, height, 300, TextSource.TEXT_LAYER, 0, 0, words, lines, List.of());
    }
}
