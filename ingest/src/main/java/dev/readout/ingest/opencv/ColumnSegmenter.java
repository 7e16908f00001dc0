package dev.readout.ingest.opencv;

import dev.readout.core.model.Box;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Cuts a page image into blocks of text and printed rules before OCR, for pages whose layout the OCR engine's own
 * analysis gets wrong (old newspapers: narrow columns, bleeding ink, speckle, rules between columns and articles).
 * <ol>
 * <li>Otsu binarisation; the text glyph height h is the ink-weighted median height of the connected components
 * ({@link #weightedCharHeightPx}), so that thousands of specks do not pull it down.</li>
 * <li>Thin rules: morphological opening of the ink with a 1 px wide kernel {@value #RULE_LENGTH} h long (vertical;
 * {@value #RULE_LENGTH_H} h for horizontal rules), after widening the ink by one pixel across the rule direction so
 * that a rule drifting by a pixel still forms one run. A vertical run is a rule when the ink within h/2 of its pixels
 * is at most {@value #RULE_THICKNESS} h thick on average and it is not a stroke of a large letter, so that the stems
 * of masthead letters are not rules; a horizontal run when the ink within h/4 is at most {@value #RULE_THICKNESS_H} h
 * thick (no letter has a horizontal stroke that long, and the double rule under a masthead is heavy).</li>
 * <li>Text ink: the darker class of the ink (a second Otsu threshold over the ink's gray levels), without rules,
 * show-through (components without a pixel in that class), specks (components under {@value #SPECK} h both ways, or
 * under twice that with less than {@value #DUST} h² of ink), frames (components over {@value #FRAME} h both ways that
 * fill less than {@value #FRAME_FILL} of their box), pictures (a woodcut in a masthead: components over {@value #PICTURE} h
 * both ways with more than {@value #PICTURE_AREA} h² of ink; the largest letters of a masthead title stay under 60 h²)
 * and components that touch the image border and are larger than
 * {@value #BORDER} h (the dark edges of a scan).</li>
 * <li>Recursive XY-cut over the text ink's projection profiles. A position whose ink count is at most {@value #FAINT}
 * of the median inked position's, and at most h/2, is blank (show-through and stray marks do not close a gutter);
 * blank runs under {@value #MIN_GAP} h are breaks in strokes, not gaps. A vertical gutter is a blank run at least
 * {@value #GUTTER} h wide (in a block of many lines the gaps between words fill each other's columns, so its blank
 * runs are gutters). A block of at most {@value #FEW_LINES} lines (a title or masthead; lines are counted in the
 * strip {@value #STRIP} h wide with the most ink) is cut vertically only at a gap {@value #TITLE_GUTTER} times its
 * tallest line and {@value #GUTTER_REL} times its median blank run, so that a letter-spaced title stays whole. A
 * horizontal gap is a blank run at least the block's median blank run between rows plus {@value #BREAK_MIN} h (more
 * than the leading) and either {@value #BREAK_ABS} h or {@value #BREAK_REL} times that median. A gap that holds a rule
 * spanning half the block is always a cut, and so is such a rule that no ink crosses outside its own extent (text may
 * run up to a rule). Each level cuts at every vertical gutter, else at every horizontal gap, else the block is a leaf;
 * but a ruled horizontal cut comes before gutters that no rule backs (the rule under a masthead).</li>
 * </ol>
 * Thresholds are relative to h; they were tuned on the 10 NZZ ground-truth pages (1785–1918), the only newspaper
 * ground truth available. Stateless and thread-safe; every {@link Mat} made here is released here.
 */
public final class ColumnSegmenter {
    static final double RULE_LENGTH = 5;
    static final double RULE_LENGTH_H = 6;
    static final double RULE_THICKNESS = 0.5;
    static final double RULE_THICKNESS_H = 0.75;
    static final double SPECK = 0.3;
    static final double FRAME = 4;
    static final double FRAME_FILL = 0.15;
    static final double PICTURE = 12;
    static final double PICTURE_AREA = 90;
    static final double BORDER = 3;
    static final double GUTTER = 0.5;
    static final double GUTTER_REL = 1.5;
    /** A rule over this share (in thousandths) of a block's extent runs across the whole block. */
    static final int FULL_RULE = 800;
    static final double BREAK_ABS = 1.2;
    static final double BREAK_MIN = 0.5;
    static final double BREAK_REL = 1.5;
    static final int FEW_LINES = 3;
    static final double TITLE_GUTTER = 2.0;
    static final double PAD = 0.2;
    static final double FAINT = 0.25;
    static final double STRIP = 8;
    static final double MIN_GAP = 0.15;
    static final double DUST = 0.1;
    static final double EDGE = 0.01;
    private static final int MAX_DEPTH = 40;

    /** A printed rule: its box in page pixels; vertical rules separate columns, horizontal ones articles. */
    public record Rule(Box box, boolean vertical) {
    }

    /**
     * Blocks of text in reading order (XY-cut order: columns left to right, parts top to bottom), the printed rules
     * (not those along the edge of the scanned sheet, within {@value #EDGE} of the image's extent), and the text glyph
     * height h in pixels; and the lines of display type ({@link DisplayLines}), top to bottom, for OCR to read on their
     * own.
     */
    public record Layout(List<Box> blocks, List<Rule> rules, double glyphHeightPx, List<DisplayLines.Display> displayLines) {
        public Layout {
            blocks = List.copyOf(blocks);
            rules = List.copyOf(rules);
            displayLines = List.copyOf(displayLines);
        }
    }

    public ColumnSegmenter() {
        OpenCvPreprocessor.load();
    }

    public Layout segment(BufferedImage gray) {
        int w = gray.getWidth();
        int hImg = gray.getHeight();
        try (OtsuComponents cc = OtsuComponents.of(gray)) {
            int[][] st = cc.stats;
            double h = weightedCharHeightPx(st, w, hImg);
            if (h <= 0) {
                return new Layout(List.of(), List.of(), 0, List.of());
            }
            List<Rule> rules = new ArrayList<>();
            rules.addAll(rules(cc.bin, cc.labels, st, h, true));
            rules.addAll(rules(cc.bin, cc.labels, st, h, false));
            byte[] mask = textInk(cc.gray, cc.threshold, cc.labels, st, w, hImg, h);
            for (Rule r : rules) {
                erase(mask, w, hImg, r.box(), 2);
            }
            List<Box> blocks = new ArrayList<>();
            new Cutter(mask, w, hImg, h, rules).cut(0, 0, w, hImg, 0, blocks);
            // the cuts use every rule; the layout reports those that are not the edge of the scanned sheet
            List<Rule> printed = rules.stream().filter(r -> !alongEdge(r, w, hImg)).toList();
            return new Layout(blocks, printed, h, DisplayLines.find(st, h, w, hImg));
        }
    }

    /** A rule whose centre line lies within {@value #EDGE} of the image's extent from its edge: the sheet's edge. */
    static boolean alongEdge(Rule r, int w, int hImg) {
        double mid = r.vertical() ? r.box().centerX() : r.box().centerY();
        double extent = r.vertical() ? w : hImg;
        return mid < EDGE * extent || mid > (1 - EDGE) * extent;
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
            // vertical: h/2 each side, so that a bold stem of a masthead letter counts whole; horizontal rules have no
            // such neighbours (no letter has a stroke 6 h long), and a double rule under a masthead is one separator
            int across = (int) Math.ceil((vertical ? 0.5 : 0.25) * h);
            for (int i = 1; i < n; i++) {
                stats.get(i, 0, row);
                int x = row[Imgproc.CC_STAT_LEFT];
                int y = row[Imgproc.CC_STAT_TOP];
                int cw = row[Imgproc.CC_STAT_WIDTH];
                int ch = row[Imgproc.CC_STAT_HEIGHT];
                double length = vertical ? ch : cw;
                if (length < len) {
                    continue;
                }
                // thickness from the original ink within h/2 across the run: a stem of a bold letter is thick even
                // where only a hairline of it is straight enough to survive the opening
                int bx0 = vertical ? Math.max(0, x - across) : x;
                int bx1 = vertical ? Math.min(bin.cols(), x + cw + across) : x + cw;
                int by0 = vertical ? y : Math.max(0, y - across);
                int by1 = vertical ? y + ch : Math.min(bin.rows(), y + ch + across);
                double thickness = inkNear(bin.submat(by0, by1, bx0, bx1), labels.submat(by0, by1, bx0, bx1), i, across, vertical) / length;
                if (thickness <= (vertical ? RULE_THICKNESS : RULE_THICKNESS_H) * h && !(vertical && partOfGlyph(inkLabels, st, x, y, cw, ch, h))) {
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
     * The ink of {@code bin} within {@code across} pixels, across the rule's direction, of the pixels labelled
     * {@code label} (a drifting rule's box is tall, and the text beside it must not count). Releases both views.
     */
    private static int inkNear(Mat bin, Mat labels, int label, int across, boolean vertical) {
        Mat run = new Mat();
        Mat near = new Mat();
        Mat ink = new Mat();
        Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT,
                vertical ? new Size(2 * across + 1, 1) : new Size(1, 2 * across + 1));
        try {
            Core.compare(labels, new Scalar(label), run, Core.CMP_EQ);
            Imgproc.dilate(run, near, kernel);
            Core.bitwise_and(near, bin, ink);
            return Core.countNonZero(ink);
        } finally {
            for (Mat m : new Mat[] {run, near, ink, kernel, bin, labels}) {
                m.release();
            }
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
    private static byte[] textInk(Mat gray, double otsu, Mat labels, int[][] st, int w, int hImg, double h) {
        boolean[] keep = new boolean[st.length];
        for (int i = 1; i < st.length; i++) {
            int x = st[i][Imgproc.CC_STAT_LEFT];
            int y = st[i][Imgproc.CC_STAT_TOP];
            int cw = st[i][Imgproc.CC_STAT_WIDTH];
            int ch = st[i][Imgproc.CC_STAT_HEIGHT];
            int area = st[i][Imgproc.CC_STAT_AREA];
            boolean speck = cw < SPECK * h && ch < SPECK * h || cw <= 2 * SPECK * h && ch <= 2 * SPECK * h && area <= DUST * h * h;
            boolean frame = cw > FRAME * h && ch > FRAME * h && area < FRAME_FILL * cw * (double) ch;
            boolean picture = cw > PICTURE * h && ch > PICTURE * h && area > PICTURE_AREA * h * h;
            boolean touches = x == 0 || y == 0 || x + cw >= w || y + ch >= hImg;
            boolean border = touches && (cw > BORDER * h || ch > BORDER * h);
            keep[i] = !speck && !frame && !picture && !border;
        }
        // show-through from the back of the sheet is gray, print is black: a component without a pixel of the darker
        // class of the ink (Otsu again, over the ink's gray levels) is not print, and of print only that class counts
        byte[] g = new byte[w];
        long[] hist = new long[256];
        for (int y = 0; y < hImg; y++) {
            gray.get(y, 0, g);
            for (int x = 0; x < w; x++) {
                int v = g[x] & 0xff;
                if (v <= otsu) {
                    hist[v]++;
                }
            }
        }
        int core = otsuLevel(hist, (int) otsu);
        boolean[] dark = new boolean[st.length];
        byte[] mask = new byte[w * hImg];
        int[] row = new int[w];
        for (int y = 0; y < hImg; y++) {
            labels.get(y, 0, row);
            gray.get(y, 0, g);
            for (int x = 0; x < w; x++) {
                if (row[x] != 0 && (g[x] & 0xff) <= core) {
                    dark[row[x]] = true;
                }
            }
        }
        for (int y = 0; y < hImg; y++) {
            labels.get(y, 0, row);
            gray.get(y, 0, g);
            int off = y * w;
            for (int x = 0; x < w; x++) {
                if (row[x] != 0 && keep[row[x]] && dark[row[x]] && (g[x] & 0xff) <= core) {
                    mask[off + x] = 1;
                }
            }
        }
        return mask;
    }

    /** Otsu's threshold over the histogram bins 0..{@code last}. */
    static int otsuLevel(long[] hist, int last) {
        double total = 0;
        double sum = 0;
        for (int t = 0; t <= last; t++) {
            total += hist[t];
            sum += t * (double) hist[t];
        }
        double wb = 0;
        double sb = 0;
        double best = -1;
        int level = last;
        for (int t = 0; t <= last; t++) {
            wb += hist[t];
            if (wb == 0 || wb == total) {
                continue;
            }
            sb += t * (double) hist[t];
            double mb = sb / wb;
            double mf = (sum - sb) / (total - wb);
            double v = wb * (total - wb) * (mb - mf) * (mb - mf);
            if (v > best) {
                best = v;
                level = t;
            }
        }
        return level;
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
                List<int[]> rowRuns = gaps(blankRuns(rows, tolerance(rows, h)));
                List<int[]> bands = lineBands(cols, x0, y0, y1);
                int lines = 0;
                List<Double> bandHeights = new ArrayList<>();
                for (int[] b : bands) {
                    if (b[1] - b[0] >= 0.4 * h) {
                        lines++;
                        bandHeights.add((double) (b[1] - b[0]));
                    }
                }
                double tallest = bandHeights.stream().mapToDouble(Double::doubleValue).max().orElse(h);
                List<int[]> colRuns = gaps(blankRuns(cols, tolerance(cols, h)));
                double medCol = median(colRuns.stream().map(r -> (double) (r[1] - r[0])).toList());
                List<int[]> vcuts = new ArrayList<>();
                for (int[] r : colRuns) {
                    int gap = r[1] - r[0];
                    double cover = ruleCover(true, x0 + r[0], x0 + r[1], y0, y1);
                    boolean ruled = cover >= 0.5;
                    // in a block of many lines the gaps between words fill each other's columns: blank runs are gutters
                    boolean wide = lines <= FEW_LINES
                            ? gap >= Math.max(TITLE_GUTTER * tallest, Math.max(GUTTER * h, GUTTER_REL * medCol))
                            : gap >= GUTTER * h;
                    if (ruled || wide) {
                        vcuts.add(new int[] {r[0], r[1], ruled ? permille(cover) : 0});
                    }
                }
                vcuts = withRuleCuts(vcuts, true, x0, y0, x1, y1);
                double medRow = median(rowRuns.stream().map(r -> (double) (r[1] - r[0])).toList());
                List<int[]> hcuts = new ArrayList<>();
                for (int[] r : rowRuns) {
                    int gap = r[1] - r[0];
                    double cover = ruleCover(false, y0 + r[0], y0 + r[1], x0, x1);
                    boolean ruled = cover >= 0.5;
                    boolean wide = gap >= medRow + BREAK_MIN * h
                            && (gap >= BREAK_ABS * h || rowRuns.size() >= 3 && gap >= BREAK_REL * medRow);
                    if (ruled || wide) {
                        hcuts.add(new int[] {r[0], r[1], ruled ? permille(cover) : 0});
                    }
                }
                hcuts = withRuleCuts(hcuts, false, x0, y0, x1, y1);
                // a rule across the block (under a masthead) comes before a gutter that only blank space makes
                // and so does a rule across the whole block before column rules that stop short of its height (the
                // rule under a masthead, with the column rules starting below it)
                boolean rowsFirst = hcuts.stream().anyMatch(c -> c[2] > 0) && vcuts.stream().noneMatch(c -> c[2] > 0)
                        || hcuts.stream().anyMatch(c -> c[2] >= FULL_RULE) && vcuts.stream().noneMatch(c -> c[2] >= FULL_RULE);
                if (!vcuts.isEmpty() && !rowsFirst) {
                    int start = 0;
                    for (int[] r : vcuts) {
                        cut(x0 + start, y0, x0 + r[0], y1, depth + 1, out);
                        start = r[1];
                    }
                    cut(x0 + start, y0, x1, y1, depth + 1, out);
                    return;
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

        /** Blank runs of at least {@value #MIN_GAP} h: thinner ones are breaks in the strokes of letters, not gaps. */
        private List<int[]> gaps(List<int[]> runs) {
            return runs.stream().filter(r -> r[1] - r[0] >= MIN_GAP * h).toList();
        }

        /**
         * The text lines of a block, as runs of rows relative to its top: counted in the strip {@value #STRIP} h wide
         * where the block has the most ink (the row profile of the whole block mixes the lines of its columns, which
         * do not line up), at the valleys of that strip's row profile ({@value #FAINT} of the median row's ink: lines of
         * old print touch each other, so that blank rows between them are rare).
         */
        private List<int[]> lineBands(int[] cols, int x0, int y0, int y1) {
            int sw = (int) Math.min(cols.length, Math.max(1, STRIP * h));
            long run = 0;
            long best = -1;
            int at = 0;
            for (int i = 0; i < cols.length; i++) {
                run += cols[i];
                if (i >= sw) {
                    run -= cols[i - sw];
                }
                if (i >= sw - 1 && run > best) {
                    best = run;
                    at = i - sw + 1;
                }
            }
            int[] rows = new int[y1 - y0];
            for (int y = y0; y < y1; y++) {
                int off = y * w + x0 + at;
                int c = 0;
                for (int x = 0; x < sw; x++) {
                    c += mask[off + x];
                }
                rows[y - y0] = c;
            }
            int[] positive = Arrays.stream(rows).filter(v -> v > 0).sorted().toArray();
            int valley = positive.length == 0 ? 0 : (int) (FAINT * positive[positive.length / 2]);
            return inkRuns(rows, blankRuns(rows, valley));
        }

        /**
         * {@code cuts} (runs relative to the block, sorted) with a cut added at every rule across the block's interior
         * that spans half the block and that no ink crosses outside the rule's own extent (within it, letters that
         * touch the rule do not count): a ruled gutter is cut even where the text runs up to the rule.
         */
        private List<int[]> withRuleCuts(List<int[]> cuts, boolean vertical, int x0, int y0, int x1, int y1) {
            int a0 = vertical ? x0 : y0;    // along the cut direction's axis
            int a1 = vertical ? x1 : y1;
            int c0 = vertical ? y0 : x0;    // across
            int c1 = vertical ? y1 : x1;
            List<int[]> out = new ArrayList<>(cuts);
            for (Rule r : rules) {
                if (r.vertical() != vertical) {
                    continue;
                }
                // the rule with its pieces in line with it (a rule broken, or drifting by a few pixels)
                List<Box> family = new ArrayList<>();
                for (Rule o : rules) {
                    if (o.vertical() == vertical && near(r.box(), o.box(), vertical, 0.5 * h)) {
                        family.add(o.box());
                    }
                }
                Box rb = Box.unionOf(family);
                int p0 = (int) (vertical ? rb.x0() : rb.y0()) - 2;
                int p1 = (int) Math.ceil(vertical ? rb.x1() : rb.y1()) + 2;
                double covered = 0;
                for (Box f : family) {
                    covered += Math.max(0, Math.min(vertical ? f.y1() : f.x1(), c1) - Math.max(vertical ? f.y0() : f.x0(), c0));
                }
                if (p0 <= a0 + h || p1 >= a1 - h || covered < 0.5 * (c1 - c0)) {
                    continue;
                }
                int rel0 = p0 - a0;
                int rel1 = p1 - a0;
                if (out.stream().anyMatch(c -> c[0] <= rel1 && c[1] >= rel0)) {
                    continue;
                }
                boolean[] onRule = new boolean[c1 - c0];
                for (Box f : family) {
                    int f0 = Math.max(c0, (int) (vertical ? f.y0() : f.x0()) - 2);
                    int f1 = Math.min(c1, (int) Math.ceil(vertical ? f.y1() : f.x1()) + 3);
                    for (int q = f0; q < f1; q++) {
                        onRule[q - c0] = true;
                    }
                }
                int least = Integer.MAX_VALUE;
                for (int p = p0; p < p1; p++) {
                    int ink = 0;
                    for (int q = c0; q < c1; q++) {
                        if (!onRule[q - c0] && mask[vertical ? q * w + p : p * w + q] != 0) {
                            ink++;
                        }
                    }
                    least = Math.min(least, ink);
                }
                if (least <= 0.5 * h) {
                    out.add(new int[] {rel0, rel1, Math.max(1, permille(covered / (c1 - c0)))});
                }
            }
            out.sort((u, v) -> Integer.compare(u[0], v[0]));
            return out;
        }

        /** A share of a block's extent covered by rules, in thousandths (how a cut records its rule). */
        private static int permille(double share) {
            return (int) Math.round(1000 * Math.min(1, share));
        }

        /** Whether two rules of one direction lie in line: across the direction within {@code slack} of each other. */
        private static boolean near(Box a, Box b, boolean vertical, double slack) {
            return vertical ? a.x0() - slack <= b.x1() && b.x0() - slack <= a.x1() : a.y0() - slack <= b.y1() && b.y0() - slack <= a.y1();
        }

        /** The share of [c0, c1) covered by rules lying in the blank run [a, b) (x for vertical rules, y for horizontal). */
        private double ruleCover(boolean vertical, int a, int b, int c0, int c1) {
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
            return covered / Math.max(1, c1 - c0);
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
