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

/**
 * Plain text (e.g. a DocVQA OCR transcription without its image) laid out as a one-page document, deterministically
 * and exactly as {@code training/qa_data.text_page}: the text is split on white space; words fill lines of at most
 * {@value #LINE_CHARS} characters (code points; a longer word gets a line of its own); a character is
 * {@value #CHAR_W} px wide, a line {@value #LINE_H} px high with word boxes {@value #WORD_H} px high, margins
 * {@value #MARGIN} px; the page is {@code 2·MARGIN + LINE_CHARS·CHAR_W} px wide and
 * {@code max(MIN_H, 2·MARGIN + lines·LINE_H)} px high.
 */
public final class TextPage {
    public static final int LINE_CHARS = 100;
    public static final int CHAR_W = 10;
    public static final int LINE_H = 30;
    public static final int WORD_H = 20;
    public static final int MARGIN = 50;
    public static final int MIN_H = 1400;
    private static final String SOURCE = "text-layout";
    /** The media type of {@link #document}: text without a layout of its own. */
    public static final String MEDIA_TYPE = "text/plain";

    private TextPage() {
    }

    /** The page (number 1, ids {@code p1-wN}, {@code p1-lN} from 1). */
    public static Page page(String text) {
        String[] tokens = text.strip().isEmpty() ? new String[0] : text.strip().split("\\s+");
        List<Word> words = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        List<Word> cur = new ArrayList<>();
        int line = 0;
        int col = 0;
        for (String t : tokens) {
            int n = t.codePointCount(0, t.length());
            if (col > 0 && col + 1 + n > LINE_CHARS) {
                lines.add(line(lines.size() + 1, cur));
                cur = new ArrayList<>();
                line++;
                col = 0;
            }
            int x = col == 0 ? 0 : col + 1;
            double x0 = MARGIN + x * CHAR_W;
            double y0 = MARGIN + line * LINE_H;
            Word w = new Word("p1-w" + (words.size() + 1), t, new Box(x0, y0, x0 + n * CHAR_W, y0 + WORD_H), 1.0, SOURCE);
            words.add(w);
            cur.add(w);
            col = x + n;
        }
        if (!cur.isEmpty()) {
            lines.add(line(lines.size() + 1, cur));
        }
        int width = 2 * MARGIN + LINE_CHARS * CHAR_W;
        int height = Math.max(MIN_H, 2 * MARGIN + lines.size() * LINE_H);
        return new Page(1, width, height, 72, words.isEmpty() ? TextSource.NONE : TextSource.TEXT_LAYER, 0, 0, words, lines, List.of());
    }

    /** A document of that one page. */
    public static Document document(String name, String text) {
        Page p = page(text);
        return new Document(Document.SCHEMA_VERSION, new SourceInfo(name, MEDIA_TYPE, null, text.length(), 1),
                DocumentStatus.SUCCEEDED, List.of(p), List.of(), List.of());
    }

    private static Line line(int number, List<Word> ws) {
        return new Line("p1-l" + number, Box.unionOf(ws.stream().map(Word::box).toList()), ws.stream().map(Word::id).toList(), 1.0, SOURCE);
    }
}
