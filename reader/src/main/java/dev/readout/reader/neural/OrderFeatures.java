package dev.readout.reader.neural;

import dev.readout.core.export.PageView;
import dev.readout.core.model.Box;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.Region;
import java.util.Arrays;
import java.util.List;

/**
 * Inputs of the learned reading-order model for one page, lines in XY-cut order. Must compute exactly what
 * {@code training/order_model.py} ({@code features}, {@code text_flags}) computes: the model was trained on that.
 *
 * @param boxes [n][4] x0, y0, x1, y1 on the 0–1000 grid (rounded half away from zero, clamped)
 * @param feats [n][5] relative-height bucket, text-length bucket, text flags, XY-cut block start, XY-cut block
 */
public record OrderFeatures(long[][] boxes, long[][] feats) {
    static final int GRID = 1000;
    static final int H_BUCKETS = 32;
    static final int LEN_BUCKETS = 16;
    static final int N_FEATS = 5;

    /** Features of {@code blocks} (the XY-cut blocks of {@code page}, in order). */
    public static OrderFeatures of(Page page, List<List<Line>> blocks) {
        int n = blocks.stream().mapToInt(List::size).sum();
        double[] hs = new double[n];
        int k = 0;
        for (List<Line> b : blocks) {
            for (Line l : b) {
                hs[k++] = Math.max(1e-3, l.box().y1() - l.box().y0());
            }
        }
        double[] sorted = hs.clone();
        Arrays.sort(sorted);
        double med = n == 0 ? 1 : sorted[n / 2];
        PageView view = new PageView(page);
        long[][] boxes = new long[n][4];
        long[][] feats = new long[n][N_FEATS];
        k = 0;
        for (int bi = 0; bi < blocks.size(); bi++) {
            boolean first = true;
            for (Line l : blocks.get(bi)) {
                Box b = l.box();
                boxes[k] = new long[] {grid(b.x0(), page.width()), grid(b.y0(), page.height()),
                    grid(b.x1(), page.width()), grid(b.y1(), page.height())};
                String text = view.text(l);
                double r = hs[k] / med;
                long hb = Math.min(H_BUCKETS - 1, Math.max(0, pyRound(8 * log2(r)) + 16));
                long lb = Math.min(LEN_BUCKETS - 1, Math.max(0, (long) Math.floor(2 * log2(text.codePointCount(0, text.length()) + 1))));
                feats[k] = new long[] {hb, lb, textFlags(text), first ? 1 : 0, bi};
                first = false;
                k++;
            }
        }
        return new OrderFeatures(boxes, feats);
    }

    /**
     * Pair features from the page's printed rules ({@link Region#SEPARATOR} regions), lines in
     * the order of {@code lines}, exactly as {@code training/order_model.rule_pairs}: [n][n][2] flattened, element
     * {@code (a * n + b) * 2 + k}. k = 0: +1 when a horizontal rule (at least as wide as tall) lies between the
     * centres of lines a and b, a above it, and overlaps both horizontally; −1 the other way round. k = 1: the same
     * for a vertical rule, a left of it, overlapping both vertically. 0 elsewhere.
     */
    public static float[] rulePairs(Page page, List<Line> lines) {
        int n = lines.size();
        float[] out = new float[n * n * 2];
        for (Region r : page.regions()) {
            if (!r.isSeparator()) {
                continue;
            }
            Box rb = r.box();
            boolean horizontal = rb.x1() - rb.x0() >= rb.y1() - rb.y0();
            double c = horizontal ? (rb.y0() + rb.y1()) / 2 : (rb.x0() + rb.x1()) / 2;
            boolean[] first = new boolean[n];
            boolean[] second = new boolean[n];
            for (int i = 0; i < n; i++) {
                Box b = lines.get(i).box();
                boolean overlaps = horizontal ? Math.min(b.x1(), rb.x1()) - Math.max(b.x0(), rb.x0()) > 0
                        : Math.min(b.y1(), rb.y1()) - Math.max(b.y0(), rb.y0()) > 0;
                double centre = horizontal ? (b.y0() + b.y1()) / 2 : (b.x0() + b.x1()) / 2;
                first[i] = overlaps && centre < c;
                second[i] = overlaps && centre > c;
            }
            int k = horizontal ? 0 : 1;
            for (int a = 0; a < n; a++) {
                if (!first[a]) {
                    continue;
                }
                for (int b = 0; b < n; b++) {
                    if (second[b]) {
                        out[(a * n + b) * 2 + k] = 1f;
                        out[(b * n + a) * 2 + k] = -1f;
                    }
                }
            }
        }
        return out;
    }

    /** Bit 0: ends with a hyphen; 1: ends with . : ! ?; 2: starts upper-case; 3: no letters; 4: starts with a digit. */
    static long textFlags(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return 8;
        }
        long f = 0;
        int last = t.codePointBefore(t.length());
        int first = t.codePointAt(0);
        if (last == '-' || last == '\u00ac' || last == '\u2010' || last == '\u2011') {
            f |= 1;
        }
        if (last == '.' || last == ':' || last == '!' || last == '?') {
            f |= 2;
        }
        if (Character.isUpperCase(first)) {
            f |= 4;
        }
        if (t.codePoints().noneMatch(Character::isLetter)) {
            f |= 8;
        }
        if (Character.isDigit(first)) {
            f |= 16;
        }
        return f;
    }

    static long grid(double v, int size) {
        return Math.min(GRID, Math.max(0, pyRound(v / Math.max(1, size) * GRID)));
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    /** Python's round(): half to even. */
    static long pyRound(double v) {
        return (long) Math.rint(v);
    }
}
