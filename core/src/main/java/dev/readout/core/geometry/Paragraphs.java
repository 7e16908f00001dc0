package dev.readout.core.geometry;

import dev.readout.core.model.Box;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a block of text lines (in reading order) into paragraphs, from the lines' boxes alone, by the typographic
 * cues a reader uses. A line that is neither beside the previous one on its row nor under that row (a jump back up, or
 * less than a third of the narrower width in common: another column an OCR engine merged into the block) starts a
 * new run; within
 * a run, with h its median line height, its left edge L and right edge R (lower and upper quartile of the line ends,
 * so that a few indented or short lines do not move them) and its leading (the median blank between consecutive
 * lines), a new paragraph starts at a line (never at a line beside the previous one on the same row) when:
 * <ul>
 * <li>the blank above it is more than the leading plus {@value #GAP} h (a blank line or more);</li>
 * <li>it is indented (starts more than {@value #INDENT} h right of L) and the line above is not;</li>
 * <li>the line above stops short of R by more than {@value #SHORT} h (a paragraph's last line) and this one does not
 * start at L exactly (it is indented even slightly), or the line above stops short by more than
 * {@value #VERY_SHORT} h;</li>
 * <li>it is {@value #HEIGHT_RATIO} times taller or shorter than the line above (a heading, a caption);</li>
 * <li>it or the line above is centred: more than {@value #CENTRED} h from both edges, the two margins equal within h or
 * {@value #BALANCE} of their sum (a heading, a dateline, a line of verse stands alone).</li>
 * </ul>
 * The indent, short-line and centring cues apply only to running text, a run where at least half the lines reach its
 * right edge; elsewhere (a form, an address block) only blank space and a change of height split. The thresholds are typographic priors, not fitted to a data set. Stateless.
 */
public final class Paragraphs {
    static final double GAP = 0.8;
    static final double INDENT = 0.8;
    static final double SHORT = 1.5;
    static final double VERY_SHORT = 6;
    static final double HEIGHT_RATIO = 1.6;
    static final double CENTRED = 2.0;
    static final double BALANCE = 0.2;

    private Paragraphs() {
    }

    /** Indices into {@code lines} (in reading order), one list per paragraph, in order. */
    public static List<List<Integer>> split(List<Box> lines) {
        List<List<Integer>> out = new ArrayList<>();
        // first the runs of lines stacked under each other (the measures of one column must not mix with another's)
        for (List<Integer> run : runs(lines)) {
            splitRun(lines, run, out);
        }
        return out;
    }

    /**
     * Runs of lines (in reading order) stacked under each other: a line starts a new run unless it is beside the
     * previous one on its row or under that row sharing a third of the narrower width. Indices into {@code lines}.
     */
    public static List<List<Integer>> runs(List<Box> lines) {
        List<List<Integer>> runs = new ArrayList<>();
        Box row = null;     // the lines of the current row, united
        for (int i = 0; i < lines.size(); i++) {
            Box b = lines.get(i);
            if (row != null && sameRow(lines.get(i - 1), b)) {
                row = row.union(b);
            } else {
                if (row == null || !under(row, b)) {
                    runs.add(new ArrayList<>());
                }
                row = b;
            }
            runs.get(runs.size() - 1).add(i);
        }
        return runs;
    }

    /** {@code b} sits under the row {@code a} in the same column: not above it, sharing a third of the narrower width. */
    private static boolean under(Box a, Box b) {
        double overlap = Math.min(a.x1(), b.x1()) - Math.max(a.x0(), b.x0());
        return b.y0() >= a.y0() && overlap >= 0.3 * Math.min(a.width(), b.width());
    }

    /** Half the smaller height in common: side by side on one row, as a form's key and its value. */
    public static boolean sameRow(Box a, Box b) {
        double v = Math.min(a.y1(), b.y1()) - Math.max(a.y0(), b.y0());
        return v >= 0.5 * Math.min(a.height(), b.height());
    }

    /**
     * The measures of one run of lines: its median line height {@code h}, its left and right edges (lower and upper
     * quartile of the line ends, from 4 lines on; else the extremes), its leading (the median blank between
     * consecutive lines not on one row; 0 without such) and how many of its lines reach the right edge (within
     * {@value #SHORT} h). Medians are upper medians.
     */
    public record Measures(double h, double left, double right, double lead, int full, int lines) {
        public static Measures of(List<Box> lines) {
            int n = lines.size();
            double h = median(lines.stream().mapToDouble(Box::height).toArray());
            double[] x0 = lines.stream().mapToDouble(Box::x0).sorted().toArray();
            double[] x1 = lines.stream().mapToDouble(Box::x1).sorted().toArray();
            double left = n >= 4 ? x0[n / 4] : x0[0];
            double right = n >= 4 ? x1[(3 * n) / 4] : x1[n - 1];
            List<Double> gaps = new ArrayList<>();    // between consecutive lines not on the same row
            for (int i = 1; i < n; i++) {
                if (!sameRow(lines.get(i - 1), lines.get(i))) {
                    gaps.add(lines.get(i).y0() - lines.get(i - 1).y1());
                }
            }
            double lead = median(gaps.stream().mapToDouble(Double::doubleValue).toArray());
            int full = 0;
            for (Box l : lines) {
                if (right - l.x1() <= SHORT * h) {
                    full++;
                }
            }
            return new Measures(h, left, right, lead, full, n);
        }
    }

    private static void splitRun(List<Box> all, List<Integer> run, List<List<Integer>> out) {
        int n = run.size();
        out.add(new ArrayList<>(List.of(run.get(0))));
        if (n == 1) {
            return;
        }
        List<Box> lines = run.stream().map(all::get).toList();
        Measures m = Measures.of(lines);
        double h = m.h();
        double left = m.left();
        double right = m.right();
        double lead = m.lead();
        // the indent, short-line and centring cues hold in running text: at least half the lines reach the right edge
        boolean prose = 2 * m.full() >= n;
        for (int i = 1; i < n; i++) {
            Box a = lines.get(i - 1);
            Box b = lines.get(i);
            boolean starts = !sameRow(a, b) && (prose ? startsParagraph(a, b, h, left, right, lead)
                    : b.y0() - a.y1() > lead + GAP * h || heightJump(a, b));
            if (starts) {
                out.add(new ArrayList<>());
            }
            out.get(out.size() - 1).add(run.get(i));
        }
    }

    private static boolean startsParagraph(Box a, Box b, double h, double left, double right, double lead) {
        if (b.y0() - a.y1() > lead + GAP * h) {
            return true;
        }
        boolean aIndented = a.x0() - left > INDENT * h;
        boolean bIndented = b.x0() - left > INDENT * h;
        if (bIndented && !aIndented) {
            return true;
        }
        double aShort = right - a.x1();
        if (aShort > VERY_SHORT * h || aShort > SHORT * h && b.x0() - left > 0.3 * h) {
            return true;
        }
        if (heightJump(a, b)) {
            return true;
        }
        return centred(a, h, left, right) || centred(b, h, left, right);
    }

    private static boolean heightJump(Box a, Box b) {
        return Math.max(a.height(), b.height()) / Math.max(1e-9, Math.min(a.height(), b.height())) > HEIGHT_RATIO;
    }

    /** More than CENTRED h in from both edges, with about equal margins (within h or a fifth of the two together). */
    static boolean centred(Box l, double h, double left, double right) {
        double ml = l.x0() - left;
        double mr = right - l.x1();
        return ml > CENTRED * h && mr > CENTRED * h && Math.abs(ml - mr) <= Math.max(h, BALANCE * (ml + mr));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? 0 : s[s.length / 2];
    }
}
