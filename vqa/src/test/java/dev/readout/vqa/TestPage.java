package dev.readout.vqa;

import dev.readout.core.model.Box;
import dev.readout.core.model.Document;
import dev.readout.core.model.DocumentStatus;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.SourceInfo;
import dev.readout.core.model.TextSource;
import dev.readout.core.model.Word;
import java.util.ArrayList;
import java.util.List;

/**
 * A one-page OCR'd document made in a test (a form, a receipt): printed lines of 20 px words, 10 px a character, one
 * space between words; each word gets its line's confidence.
 */
public final class TestPage {
    private final int width;
    private final int height;
    private final String fileName;
    private final List<Word> words = new ArrayList<>();
    private final List<Line> lines = new ArrayList<>();

    public TestPage(int width, int height, String fileName) {
        this.width = width;
        this.height = height;
        this.fileName = fileName;
    }

    /** A line of {@code text} starting at (x, y), confidence 0.9; word ids w0, w1, … in the order the words are added. */
    public TestPage line(int x, int y, String text) {
        return line(x, y, text, 0.9);
    }

    /** As {@link #line(int, int, String)} with the words' confidence; a doubled space leaves a gap of one character. */
    public TestPage line(int x, int y, String text, double confidence) {
        List<String> ids = new ArrayList<>();
        int cx = x;
        for (String w : text.split(" ")) {
            if (!w.isEmpty()) {
                String id = "w" + words.size();
                words.add(new Word(id, w, new Box(cx, y, cx + 10 * w.length(), y + 20), confidence, "test"));
                ids.add(id);
            }
            cx += 10 * (w.length() + 1);
        }
        lines.add(new Line("l" + lines.size(), new Box(x, y, Math.max(x + 1, cx - 10), y + 20), ids, confidence, "test"));
        return this;
    }

    public Document document() {
        Page p = new Page(1, width, height, 200, TextSource.OCR, 0, 0, words, lines, List.of(),
                lines.stream().map(Line::id).toList(), null, List.of(), List.of());
        return new Document(Document.SCHEMA_VERSION, new SourceInfo(fileName, "image/png", "0", 1, 1),
                DocumentStatus.SUCCEEDED, List.of(p), List.of(), List.of());
    }
}
