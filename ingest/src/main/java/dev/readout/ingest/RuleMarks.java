package dev.readout.ingest;

import dev.readout.core.model.Box;
import dev.readout.core.stage.OcrEngine.OcrLine;
import dev.readout.core.stage.OcrEngine.OcrWord;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The printed rules of forms as OCR reads them: fill lines (the rule printed to write on: {@code Name: ________}) as
 * runs of underscores, alone or glued to the words written on them ({@code per___Phyllis}, {@code ON___2/29/69},
 * {@code _1989-29}), and the sides of boxes and table cells as vertical bars ({@code |}, {@code |$19,750.}). They are
 * not text: a word is cut at every run of two or more underscores, underscores and vertical bars at the ends of its
 * pieces are dropped, and a piece with nothing left is dropped; each piece keeps the share of the word's box its
 * characters take. A single underscore or bar inside a word ({@code file_name}) stays.
 */
final class RuleMarks {
    private static final Pattern RUN = Pattern.compile("_{2,}");

    private RuleMarks() {
    }

    /** The line with its words cleaned; its box shrinks to the words left when any changed; null when none is left. */
    static OcrLine clean(OcrLine line) {
        List<OcrWord> words = new ArrayList<>();
        boolean changed = false;
        for (OcrWord w : line.words()) {
            List<OcrWord> pieces = clean(w);
            changed |= pieces.size() != 1 || pieces.get(0) != w;
            words.addAll(pieces);
        }
        if (!changed) {
            return line;
        }
        if (words.isEmpty()) {
            return null;
        }
        return new OcrLine(Box.unionOf(words.stream().map(OcrWord::box).toList()), line.confidence(), words);
    }

    /** The word's pieces between fill lines, without rule marks at their ends (the word itself when it has none). */
    static List<OcrWord> clean(OcrWord w) {
        String t = w.text();
        if (t.indexOf('_') < 0 && t.indexOf('|') < 0) {
            return List.of(w);
        }
        List<OcrWord> out = new ArrayList<>();
        Matcher m = RUN.matcher(t);
        int from = 0;
        while (m.find()) {
            piece(w, from, m.start(), out);
            from = m.end();
        }
        piece(w, from, t.length(), out);
        if (out.size() == 1 && out.get(0).text().equals(t)) {
            return List.of(w);
        }
        return out;
    }

    /** An underscore, a vertical bar or white space: dropped at the ends of a word's pieces. */
    private static boolean mark(char c) {
        return c == '_' || c == '|' || Character.isWhitespace(c);
    }

    private static void piece(OcrWord w, int start, int end, List<OcrWord> out) {
        String t = w.text();
        while (start < end && mark(t.charAt(start))) {
            start++;
        }
        while (end > start && mark(t.charAt(end - 1))) {
            end--;
        }
        String text = t.substring(start, end);
        if (text.isEmpty()) {
            return;
        }
        Box b = w.box();
        double per = b.width() / t.length();
        out.add(new OcrWord(text, new Box(b.x0() + start * per, b.y0(), b.x0() + end * per, b.y1()), w.confidence()));
    }
}
