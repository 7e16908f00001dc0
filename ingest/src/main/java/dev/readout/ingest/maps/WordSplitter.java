package dev.readout.ingest.maps;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits one recognised text strip into words, since the detector often boxes several words of a map label
 * together: at every space (or slash) the recogniser emitted; between two characters whose distance is over
 * {@value #GAP_FACTOR} × the strip's median character pitch (words set far apart without a space read); where a
 * lower-case letter is followed by a capital ({@code FortPeck}: the recogniser, trained mostly on Chinese, often drops
 * the space between words); and between an abbreviation's full stop and a digit ({@code B.M.126.4}, {@code A.D.1712}; not in {@code 126.4}). Each word's
 * extent runs half a pitch beyond its outer characters; the first word starts at 0 and the last ends at the strip's
 * length, where the detector's box edges are better than a guess.
 */
final class WordSplitter {
    static final double GAP_FACTOR = 2.0;
    static final double DOCUMENT_GAP_FACTOR = 1.6;

    /** A word: text, its start and end along the strip in pixels, and the mean probability of its characters. */
    record Word(String text, double fromPx, double toPx, double score) {
    }

    private WordSplitter() {
    }

    static List<Word> split(List<CtcTextRecognizer.Glyph> glyphs, double lengthPx) {
        return split(glyphs, lengthPx, true);
    }

    /**
     * As {@link #split(List, double)}; with {@code slashSplits} false (documents) a slash stays inside its word and
     * a gap over {@value #DOCUMENT_GAP_FACTOR} pitches splits: in evenly set print a dropped space leaves a gap of two
     * pitches exactly, which the map factor does not catch.
     */
    static List<Word> split(List<CtcTextRecognizer.Glyph> glyphs, double lengthPx, boolean slashSplits) {
        List<List<CtcTextRecognizer.Glyph>> words = new ArrayList<>();
        List<CtcTextRecognizer.Glyph> cur = new ArrayList<>();
        double pitch = medianPitch(glyphs);
        double gapFactor = slashSplits ? GAP_FACTOR : DOCUMENT_GAP_FACTOR;
        CtcTextRecognizer.Glyph prev = null;
        CtcTextRecognizer.Glyph before = null;
        for (CtcTextRecognizer.Glyph g : glyphs) {
            boolean space = g.text().isBlank() || slashSplits && g.text().equals("/");
            // in documents the tighter gap applies between letters only: digits and marks of an amount
            // ("343.95") are set unevenly and must not fall apart
            double factor = slashSplits || prev == null || !letters(prev.text(), g.text()) ? GAP_FACTOR : gapFactor;
            boolean gap = prev != null && pitch > 0 && g.centrePx() - prev.centrePx() > factor * pitch;
            boolean joint = prev != null && !space && boundary(before == null ? "" : before.text(), prev.text(), g.text());
            if ((space || gap || joint) && !cur.isEmpty()) {
                words.add(cur);
                cur = new ArrayList<>();
            }
            if (!space) {
                cur.add(g);
                before = prev;
                prev = g;
            }
        }
        if (!cur.isEmpty()) {
            words.add(cur);
        }
        List<Word> out = new ArrayList<>();
        double half = pitch > 0 ? pitch / 2 : lengthPx / Math.max(1, glyphs.size()) / 2;
        for (int i = 0; i < words.size(); i++) {
            List<CtcTextRecognizer.Glyph> w = words.get(i);
            StringBuilder sb = new StringBuilder();
            double sum = 0;
            for (CtcTextRecognizer.Glyph g : w) {
                sb.append(g.text());
                sum += g.prob();
            }
            double from = i == 0 ? 0 : Math.max(0, w.get(0).centrePx() - half);
            double to = i == words.size() - 1 ? lengthPx : Math.min(lengthPx, w.get(w.size() - 1).centrePx() + half);
            out.add(new Word(sb.toString(), from, to, sum / w.size()));
        }
        return out;
    }

    private static boolean letters(String a, String b) {
        return !a.isEmpty() && !b.isEmpty() && Character.isLetter(a.codePointAt(a.length() - 1)) && Character.isLetter(b.codePointAt(0));
    }

    /** A word boundary between characters {@code a} and {@code b} read without a space ({@code before} precedes a). */
    static boolean boundary(String before, String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        int x = a.codePointAt(a.length() - 1);
        int y = b.codePointAt(0);
        boolean abbreviation = !before.isEmpty() && Character.isLetter(before.codePointAt(before.length() - 1));
        return (Character.isLowerCase(x) && Character.isUpperCase(y)) || (x == '.' && Character.isDigit(y) && abbreviation);
    }

    /** Median distance between neighbouring non-space characters; 0 with fewer than two. */
    private static double medianPitch(List<CtcTextRecognizer.Glyph> glyphs) {
        List<Double> d = new ArrayList<>();
        CtcTextRecognizer.Glyph prev = null;
        CtcTextRecognizer.Glyph before = null;
        for (CtcTextRecognizer.Glyph g : glyphs) {
            if (g.text().isBlank()) {
                prev = null;
                continue;
            }
            if (prev != null) {
                d.add(g.centrePx() - prev.centrePx());
            }
            prev = g;
        }
        if (d.isEmpty()) {
            return 0;
        }
        double[] a = d.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a[a.length / 2];
    }
}
