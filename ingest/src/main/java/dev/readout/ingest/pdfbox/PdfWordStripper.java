package dev.readout.ingest.pdfbox;

import dev.readout.core.model.Box;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Reads the words of one PDF page from its text layer, with boxes in PDF points from the top-left of the
 * (rotated) crop box. Glyph heights come from the font's ascent and descent, since PDFBox's own
 * {@code getHeight()} is unreliable. Not thread-safe: one instance per thread.
 */
final class PdfWordStripper extends PDFTextStripper {

    /** A word in PDF points, origin top-left of the page as displayed. */
    record PdfWord(String text, Box boxPt) {
    }

    private final List<PdfWord> words = new ArrayList<>();
    private final StringBuilder cur = new StringBuilder();
    private double x0, y0, x1, y1;
    private double lastX1 = Double.NaN;
    private double lastFontSize;

    PdfWordStripper() {
        setSortByPosition(true);
        // PDFBox's own duplicate suppression costs more than the rest of the extraction; fake-bold text
        // (the same word drawn twice, slightly offset) is dropped cheaply in dedupe() instead.
        setSuppressDuplicateOverlappingText(false);
    }

    /** Words of page {@code number} (from 1). */
    List<PdfWord> words(PDDocument doc, int number) throws IOException {
        words.clear();
        setStartPage(number);
        setEndPage(number);
        writeText(doc, new StringWriter());
        flush();
        return dedupe(words);
    }

    /** Drops a word drawn again over itself with the same text (fake bold, shadows). */
    static List<PdfWord> dedupe(List<PdfWord> words) {
        java.util.Map<String, List<Box>> seen = new java.util.HashMap<>();
        List<PdfWord> out = new ArrayList<>(words.size());
        for (PdfWord w : words) {
            List<Box> same = seen.computeIfAbsent(w.text(), k -> new ArrayList<>(2));
            boolean dup = false;
            for (Box b : same) {
                if (b.iou(w.boxPt()) > 0.6) {
                    dup = true;
                    break;
                }
            }
            if (!dup) {
                same.add(w.boxPt());
                out.add(w);
            }
        }
        return out;
    }

    @Override
    protected void writeString(String text, List<TextPosition> positions) {
        for (TextPosition tp : positions) {
            String u = tp.getUnicode();
            if (u == null || u.isBlank()) {
                flush();
                continue;
            }
            double fs = fontSize(tp);
            if (isOverdrawn(tp, u, fs)) {
                continue;
            }
            double gx0 = tp.getX();
            double gx1 = gx0 + Math.max(tp.getWidth(), 0.01);
            double base = tp.getY();
            double[] ad = ascentDescent(tp.getFont());
            double gy0 = base - ad[0] * fs;
            double gy1 = base + ad[1] * fs;
            boolean gap = cur.length() > 0 && (gx0 - lastX1 > 0.25 * Math.max(fs, lastFontSize)
                    || gx0 < lastX1 - 0.5 * fs || Math.abs(gy1 - y1) > 0.5 * fs);
            if (gap) {
                flush();
            }
            if (cur.length() == 0) {
                x0 = gx0;
                y0 = gy0;
                x1 = gx1;
                y1 = gy1;
            } else {
                x0 = Math.min(x0, gx0);
                y0 = Math.min(y0, gy0);
                x1 = Math.max(x1, gx1);
                y1 = Math.max(y1, gy1);
            }
            cur.append(u);
            lastX1 = gx1;
            lastFontSize = fs;
        }
        flush();
    }

    /** The last glyphs seen: a glyph drawn again almost on top of one of them (fake bold) is skipped. */
    private final TextPosition[] recent = new TextPosition[4];
    private int recentNext;

    private boolean isOverdrawn(TextPosition tp, String u, double fs) {
        for (TextPosition r : recent) {
            if (r != null && u.equals(r.getUnicode()) && Math.abs(r.getX() - tp.getX()) < 0.2 * fs
                    && Math.abs(r.getY() - tp.getY()) < 0.2 * fs) {
                return true;
            }
        }
        recent[recentNext] = tp;
        recentNext = (recentNext + 1) % recent.length;
        return false;
    }

    private void flush() {
        if (cur.length() > 0) {
            String t = cur.toString().strip();
            if (!t.isEmpty() && x1 >= x0 && y1 >= y0) {
                words.add(new PdfWord(t, new Box(x0, y0, x1, y1)));
            }
            cur.setLength(0);
        }
        lastX1 = Double.NaN;
    }

    private static double fontSize(TextPosition tp) {
        double fs = tp.getFontSizeInPt();
        if (!(fs > 0.5)) {
            fs = Math.abs(tp.getYScale());
        }
        if (!(fs > 0.5)) {
            fs = Math.max(tp.getHeight() * 1.4, 1);
        }
        return fs;
    }

    private static double[] ascentDescent(PDFont font) {
        double a = 0.75;
        double d = 0.22;
        if (font != null) {
            PDFontDescriptor fd = font.getFontDescriptor();
            if (fd != null) {
                float asc = fd.getAscent();
                float desc = fd.getDescent();
                if (asc > 300 && asc < 1200) {
                    a = asc / 1000.0;
                }
                if (desc < 0 && desc > -500) {
                    d = -desc / 1000.0;
                }
            }
        }
        return new double[] {a, d};
    }
}
