package dev.readout.vqa.qa;

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

/** A one-page OCR'd form made in a test: printed lines of 20 px words, 10 px a character, one space between words. */
final class TestForm {
    private final List<Word> words = new ArrayList<>();
    private final List<Line> lines = new ArrayList<>();

    /** A line of {@code text} starting at (x, y); word ids w0, w1, … in the order the words are added. */
    TestForm line(int x, int y, String text) {
        List<String> ids = new ArrayList<>();
        int cx = x;
        for (String w : text.split(" ")) {
            String id = "w" + words.size();
            words.add(new Word(id, w, new Box(cx, y, cx + 10 * w.length(), y + 20), 0.9, "test"));
            ids.add(id);
            cx += 10 * (w.length() + 1);
        }
        lines.add(new Line("l" + lines.size(), new Box(x, y, cx - 10, y + 20), ids, 0.9, "test"));
        return this;
    }

    Document document() {
        Page p = new Page(1, 1000, 1000, 200, TextSource.OCR, 0, 0, words, lines, List.of(),
                lines.stream().map(Line::id).toList(), null, List.of(), List.of());
        return new Document(Document.SCHEMA_VERSION, new SourceInfo("form.png", "image/png", "0", 1, 1),
                DocumentStatus.SUCCEEDED, List.of(p), List.of(), List.of());
    }
}
