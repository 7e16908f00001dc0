package dev.readout.ingest.opencv;

import dev.readout.core.model.Box;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Cuts a page image into blocks of text and printed rules before OCR, for pages whose layout the OCR engine's own
 * analysis gets wrong (old newspapers: narrow columns, bleeding ink, speckle, rules between columns and articles).
 * <ol>
 * <li>Otsu binarisation; the text glyph height h is the ink-weighted median height of the connected components
 * ({@link #weightedCharHeightPx}), so that thousands of specks do not pull it down.</li>
 * <li>Thin rules: morphological opening of the ink with a 1 px wide kernel {@value #RULE_LENGTH} h long (vertical rules;
 * horizontal ones likewise, {@value #RULE_LENGTH_H} h long), after widening the ink by one pixel across the rule
 * direction so that a rule drifting by a pixel still forms one run. A run counts as a rule when the mean thickness of
 * the ink within h/2 of it is at most {@value #RULE_THICKNESS} h, so that the stems of masthead letters are not rules,
 * and it does not touch the image border.</li>
 * <li>Text ink: the ink without rules, specks (components under {@value #SPECK} h both ways), frames (components over
 * {@value #FRAME} h both ways that fill less than {@value #FRAME_FILL} of their box) and components that touch the image
 * border and are larger than {@value #BORDER} h (the dark edges of a scan).</li>
 * <li>Recursive XY-cut over the text ink's projection profiles (a position whose ink count is at most {@value #FAINT} of
 * the median inked position's, and at most h/2, is blank: show-through and stray marks do not close a gutter). At each level it cuts at every vertical gutter if
 * there is one, else at every horizontal gap, else the block is a leaf. A vertical gutter is a run of blank columns
 * at least {@value #GUTTER} h wide (in a block of many lines the gaps between words fill each other's columns, so
 * its blank runs are gutters);
 * a horizontal gap is a run of blank rows at least {@value #BREAK_ABS} h high, or at least {@value #BREAK_MIN} h and
 * {@value #BREAK_REL} times the block's median blank run between rows. A block of at most {@value #FEW_LINES} lines
 * (a title or masthead) is cut vertically only at a gap {@value #TITLE_GUTTER} times its tallest line's height and
 * {@value #GUTTER_REL} times its median blank run between ink columns, so that a letter-spaced title stays whole. A gap that holds a rule spanning half the block is always cut.</li>
 * </ol>
 * Thresholds are relative to h; they were tuned on the 10 NZZ ground-truth pages (1785–1918), the only newspaper
 * ground truth available. Stateless and thread-safe; every {@link Mat} made here is released here.
 */
public final class ColumnSegmenter {
    static final double RULE_LENGTH = 5;
    static final double RULE_LENGTH_H = 6;
    static final double RULE_THICKNESS = 0.5;
    static final double SPECK = 0.3;
    static final double FRAME = 4;
    static final double FRAME_FILL = 0.15;
    static final double BORDER = 3;
    static final double GUTTER = 0.7;
    static final double GUTTER_REL = 1.5;
    static final double BREAK_ABS = 1.2;
    static final double BREAK_MIN = 0.5;
    static final double BREAK_REL = 1.5;
    static final int FEW_LINES = 3;
    static final double TITLE_GUTTER = 1.5;
    static final double PAD = 0.2;
    static final double FAINT = 0.25;
    private static final int MAX_DEPTH = 40;

    /** A printed rule: its box in page pixels; vertical rules separate columns, horizontal ones articles. */
    public record Rule(Box box, boolean vertical) {
    }

    /**
     * Blocks of text in reading order (XY-cut order: columns left to right, parts top to bottom), the rules, and the
     * text glyph height h in pixels.
     */
    public record Layout(List<Box> blocks, List<Rule> rules, double glyphHeightPx) {
        public Layout {
            blocks = List.copyOf(blocks);
            rules = List.copyOf(rules);
        }
    }

    public ColumnSegmenter() {
        OpenCvPreprocessor.load();
    }

    public Layout segment(BufferedImage gray) {
        int w = gray.getWidth();
        int hImg = gray.getHeight();
        Mat src = OpenCvPreprocessor.toMat(gray);
        Mat bin = new Mat();
        Mat labels = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat();
        try {
            Imgproc.threshold(src, bin, 0, 255, Imgproc.THRESH_BINARY_INV | Imgproc.THRESH_OTSU);
            int n = Imgproc.connectedComponentsWithStats(bin, labels, stats, centroids, 8, CvType.CV_32S);
            int[][] st = new int[n][5];
            for (int i = 0; i < n; i++) {
                stats.get(i, 0, st[i]);
            }
            double h = weightedCharHeightPx(st, w, hImg);
            if (h <= 0) {
                return new Layout(List.of(), List.of(), 0);
            }
            List<Rule> rules = new ArrayList<>();
            rules.addAll(rules(bin, labels, st, h, true));
            rules.addAll(rules(bin, labels, st, h, false));
            byte[] mask = textInk(labels, st, w, hImg, h);
            for (Rule r : rules) {
                erase(mask, w, hImg, r.box(), 2);
            }
            List<Box> blocks = new ArrayList<>();
            new Cutter(mask, w, hImg, h, rules).cut(0, 0, w, hImg, 0, blocks);
            return new Layout(blocks, rules, h);
        } finally {
            src.release();
            bin.release();
            labels.release();
            stats.release();
            centroids.release();
        }
    }

    /**
     * The ink-weighted median height of character-sized connected components (stats rows as OpenCV gives them, row 0
     * the background): each component counts with its ink, so specks, however many, weigh little.
     */
    static double weightedCharHeightPx(int[][] stats, int pageW, int pageH) {
        List<double[]> hw = new ArrayList<>();
        double total = 0;
        for (int i = 1; i < stats.length; i++) {
            int cw = stats[i][Imgproc.CC_STAT_WIDTH];
            int ch = stats[i][Imgproc.CC_STAT_HEIGHT];
            int area = stats[i][Imgproc.CC_STAT_AREA];
            if (area > 2 && ch >= 4 && ch < pageH / 10 && cw < pageW / 10) {
                hw.add(new double[] {ch, area});
                total += area;
            }
        }
        if (hw.isEmpty()) {
            return 0;
        }
        hw.sort((a, b) -> Double.compare(a[0], b[0]));
        double acc = 0;
        for (double[] e : hw) {
            acc += e[1];
            if (acc >= total / 2) {
                return e[0];
            }
        }
        return hw.get(hw.size() - 1)[0];
    }

    /** Thin straight runs of ink at least RULE_LENGTH h long, at most RULE_THICKNESS h thick on average. */
    private static List<Rule> rules(Mat bin, Mat inkLabels, int[][] st, double h, boolean vertical) {
        int len = (int) Math.max(15, Math.round((vertical ? RULE_LENGTH : RULE_LENGTH_H) * h));
        Mat widened = new Mat();
        Mat open = new Mat();
        Mat labels = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat();
        Mat widen = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, vertical ? new Size(3, 1) : new Size(1, 3));
        Mat line = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, vertical ? new Size(1, len) : new Size(len, 1));
        try {
            Imgproc.dilate(bin, widened, widen);
            Imgproc.morphologyEx(widened, open, Imgproc.MORPH_OPEN, line);
            int n = Imgproc.connectedComponentsWithStats(open, labels, stats, centroids, 8, CvType.CV_32S);
            List<Rule> out = new ArrayList<>();
            int[] row = new int[5];
            int across = (int) Math.ceil(0.5 * h);
            for (int i = 1; i < n; i++) {
                stats.get(i, 0, row);
                int x = row[Imgproc.CC_STAT_LEFT];
                int y = row[Imgproc.CC_STAT_TOP];
                int cw = row[Imgproc.CC_STAT_WIDTH];
                int ch = row[Imgproc.CC_STAT_HEIGHT];
                double length = vertical ? ch : cw;
                if (length < len || x == 0 || y == 0 || x + cw >= bin.cols() || y + ch >= bin.rows()) {
                    continue;   // too short, or the edge of the scan
                }
                // thickness from the original ink within h/2 across the run: a stem of a bold letter is thick even
                // where only a hairline of it is straight enough to survive the opening
                int bx0 = vertical ? Math.max(0, x - across) : x;
                int bx1 = vertical ? Math.min(bin.cols(), x + cw + across) : x + cw;
                int by0 = vertical ? y : Math.max(0, y - across);
                int by1 = vertical ? y + ch : Math.min(bin.rows(), y + ch + across);
                Mat band = bin.submat(by0, by1, bx0, bx1);
                double thickness = Core.countNonZero(band) / length;
                band.release();
                if (thickness <= RULE_THICKNESS * h && !partOfGlyph(inkLabels, st, x, y, cw, ch, h)) {
                    out.add(new Rule(new Box(x, y, x + cw, y + ch), vertical));
                }
            }
            return out;
        } finally {
            widened.release();
            open.release();
            labels.release();
            stats.release();
            centroids.release();
            widen.release();
            line.release();
        }
    }

    /**
     * Whether the run [x, x+cw) × [y, y+ch) is a stroke of a large letter (a masthead's hairline): the ink component
     * it lies on is more than 2 h wide and tall and fills more than {@value #FRAME_FILL} of its box. A rule that
     * touches another rule or a frame lies on a component that fills little of its box.
     */
    private static boolean partOfGlyph(Mat inkLabels, int[][] st, int x, int y, int cw, int ch, double h) {
        int cy = y + ch / 2;
        int[] row = new int[cw];
        inkLabels.get(cy, x, row);
        for (int label : row) {
            if (label > 0) {
                int[] c = st[label];
                int w = c[Imgproc.CC_STAT_WIDTH];
                int hh = c[Imgproc.CC_STAT_HEIGHT];
                return w > 2 * h && hh > 2 * h && c[Imgproc.CC_STAT_AREA] > FRAME_FILL * w * (double) hh;
            }
        }
        return false;
    }

    /** The ink of text: 1 where a kept component has ink, 0 elsewhere (specks, frames and border blotches dropped). */
    private static byte[] textInk(Mat labels, int[][] st, int w, int hImg, double h) {
        boolean[] keep = new boolean[st.length];
        for (int i = 1; i < st.length; i++) {
            int x = st[i][Imgproc.CC_STAT_LEFT];
            int y = st[i][Imgproc.CC_STAT_TOP];
            int cw = st[i][Imgproc.CC_STAT_WIDTH];
            int ch = st[i][Imgproc.CC_STAT_HEIGHT];
            int area = st[i][Imgproc.CC_STAT_AREA];
            boolean speck = cw < SPECK * h && ch < SPECK * h;
            boolean frame = cw > FRAME * h && ch > FRAME * h && area < FRAME_FILL * cw * (double) ch;
            boolean touches = x == 0 || y == 0 || x + cw >= w || y + ch >= hImg;
            boolean border = touches && (cw > BORDER * h || ch > BORDER * h);
            keep[i] = !speck && !frame && !border;
        }
        byte[] mask = new byte[w * hImg];
        int[] row = new int[w];
        for (int y = 0; y < hImg; y++) {
            labels.get(y, 0, row);
            int off = y * w;
            for (int x = 0; x < w; x++) {
                if (row[x] != 0 && keep[row[x]]) {
                    mask[off + x] = 1;
                }
            }
        }
        return mask;
    }

    private static void erase(byte[] mask, int w, int hImg, Box b, int pad) {
        int x0 = Math.max(0, (int) b.x0() - pad);
        int x1 = Math.min(w, (int) Math.ceil(b.x1()) + pad);
        int y0 = Math.max(0, (int) b.y0() - pad);
        int y1 = Math.min(hImg, (int) Math.ceil(b.y1()) + pad);
        for (int y = y0; y < y1; y++) {
            Arrays.fill(mask, y * w + x0, y * w + Math.max(x0, x1), (byte) 0);
        }
    }

    /** The recursive XY-cut over one page's text ink. */
    private static final class Cutter {
        private final byte[] mask;
        private final int w;
        private final int hImg;
        private final double h;
        private final List<Rule> rules;

        Cutter(byte[] mask, int w, int hImg, double h, List<Rule> rules) {
            this.mask = mask;
            this.w = w;
            this.hImg = hImg;
            this.h = h;
            this.rules = rules;
        }

        /** Cuts the rectangle [x0, x1) × [y0, y1) and appends its leaf blocks in reading order. */
        void cut(int x0, int y0, int x1, int y1, int depth, List<Box> out) {
            int[] cols = new int[x1 - x0];
            int[] rows = new int[y1 - y0];
            long ink = 0;
            for (int y = y0; y < y1; y++) {
                int off = y * w;
                int c = 0;
                for (int x = x0; x < x1; x++) {
                    if (mask[off + x] != 0) {
                        cols[x - x0]++;
                        c++;
                    }
                }
                rows[y - y0] = c;
                ink += c;
            }
            if (ink < 0.5 * h * h) {
                return;
            }
            // tighten to the ink
            int tx0 = first(cols, 0);
            int tx1 = last(cols, 0) + 1;
            int ty0 = first(rows, 0);
            int ty1 = last(rows, 0) + 1;
            if (tx0 > 0 || ty0 > 0 || tx1 < cols.length || ty1 < rows.length) {
                cut(x0 + tx0, y0 + ty0, x0 + tx1, y0 + ty1, depth, out);
                return;
            }
            int bw = x1 - x0;
            int bh = y1 - y0;
            if (depth < MAX_DEPTH) {
                List<int[]> rowRuns = blankRuns(rows, tolerance(rows, h));
                List<int[]> bands = inkRuns(rows, rowRuns);
                int lines = 0;
                List<Double> bandHeights = new ArrayList<>();
                for (int[] b : bands) {
                    if (b[1] - b[0] >= 0.4 * h) {
                        lines++;
                        bandHeights.add((double) (b[1] - b[0]));
                    }
                }
                double tallest = bandHeights.stream().mapToDouble(Double::doubleValue).max().orElse(h);
                List<int[]> colRuns = blankRuns(cols, tolerance(cols, h));
                double medCol = median(colRuns.stream().map(r -> (double) (r[1] - r[0])).toList());
                List<int[]> vcuts = new ArrayList<>();
                for (int[] r : colRuns) {
                    int gap = r[1] - r[0];
                    boolean ruled = ruled(true, x0 + r[0], x0 + r[1], y0, y1);
                    // in a block of many lines the gaps between words fill each other's columns: blank runs are gutters
                    boolean wide = lines <= FEW_LINES
                            ? gap >= Math.max(TITLE_GUTTER * tallest, Math.max(GUTTER * h, GUTTER_REL * medCol))
                            : gap >= GUTTER * h;
                    if (ruled || wide) {
                        vcuts.add(r);
                    }
                }
                if (!vcuts.isEmpty()) {
                    int start = 0;
                    for (int[] r : vcuts) {
                        cut(x0 + start, y0, x0 + r[0], y1, depth + 1, out);
                        start = r[1];
                    }
                    cut(x0 + start, y0, x1, y1, depth + 1, out);
                    return;
                }
                double medRow = median(rowRuns.stream().map(r -> (double) (r[1] - r[0])).toList());
                List<int[]> hcuts = new ArrayList<>();
                for (int[] r : rowRuns) {
                    int gap = r[1] - r[0];
                    boolean ruled = ruled(false, y0 + r[0], y0 + r[1], x0, x1);
                    boolean wide = gap >= BREAK_ABS * h
                            || rowRuns.size() >= 3 && gap >= BREAK_MIN * h && gap >= BREAK_REL * medRow;
                    if (ruled || wide) {
                        hcuts.add(r);
                    }
                }
                if (!hcuts.isEmpty()) {
                    int start = 0;
                    for (int[] r : hcuts) {
                        cut(x0, y0 + start, x1, y0 + r[0], depth + 1, out);
                        start = r[1];
                    }
                    cut(x0, y0 + start, x1, y1, depth + 1, out);
                    return;
                }
            }
            if (bh < 0.4 * h) {
                return;
            }
            double pad = PAD * h;
            out.add(new Box(Math.max(0, x0 - pad), Math.max(0, y0 - pad), Math.min(this.w, x1 + pad), Math.min(hImg, y1 + pad)));
        }

        /** Whether a rule lies in the blank run [a, b) (x for vertical rules, y for horizontal) over half of [c0, c1). */
        private boolean ruled(boolean vertical, int a, int b, int c0, int c1) {
            double covered = 0;
            for (Rule r : rules) {
                if (r.vertical() != vertical) {
                    continue;
                }
                Box rb = r.box();
                double mid = vertical ? rb.centerX() : rb.centerY();
                if (mid < a - 3 || mid > b + 3) {
                    continue;
                }
                double s0 = vertical ? rb.y0() : rb.x0();
                double s1 = vertical ? rb.y1() : rb.x1();
                covered += Math.max(0, Math.min(s1, c1) - Math.max(s0, c0));
            }
            return covered >= 0.5 * (c1 - c0);
        }
    }

    /**
     * Ink counts up to this are blank: {@value #FAINT} of the median count of the inked positions, so that show-through
     * from the back of the sheet and stray marks do not close a gutter, but at most h/2 (a letter's stroke across a
     * gutter, such as a masthead's, closes it).
     */
    static int tolerance(int[] profile, double h) {
        int[] pos = Arrays.stream(profile).filter(v -> v > 0).sorted().toArray();
        return pos.length == 0 ? 0 : (int) Math.min(0.5 * h, FAINT * pos[pos.length / 2]);
    }

    /** Interior runs [start, end) of values at most {@code tol} (not touching either end). */
    static List<int[]> blankRuns(int[] profile, int tol) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        int n = profile.length;
        while (i < n && profile[i] <= tol) {
            i++;
        }
        int start = -1;
        for (; i < n; i++) {
            if (profile[i] <= tol) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                out.add(new int[] {start, i});
                start = -1;
            }
        }
        return out;
    }

    /** The runs of ink between the blank runs of a profile (its first to its last inked position). */
    private static List<int[]> inkRuns(int[] profile, List<int[]> blanks) {
        List<int[]> out = new ArrayList<>();
        int start = first(profile, 0);
        int end = last(profile, 0) + 1;
        for (int[] b : blanks) {
            out.add(new int[] {start, b[0]});
            start = b[1];
        }
        if (end > start) {
            out.add(new int[] {start, end});
        }
        return out;
    }

    private static int first(int[] v, int tol) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] > tol) {
                return i;
            }
        }
        return v.length;
    }

    private static int last(int[] v, int tol) {
        for (int i = v.length - 1; i >= 0; i--) {
            if (v[i] > tol) {
                return i;
            }
        }
        return -1;
    }

    private static double median(List<Double> v) {
        if (v.isEmpty()) {
            return 0;
        }
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s[s.length / 2];
    }
}
