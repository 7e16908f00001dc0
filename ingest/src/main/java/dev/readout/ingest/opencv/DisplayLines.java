package dev.readout.ingest.opencv;

import dev.readout.core.model.Box;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opencv.imgproc.Imgproc;

/**
 * Lines of display type: a masthead title ("Neue Zürcher Zeitung") or a heading set many times taller than the body
 * text. OCR reads such letters poorly at their own size (a 500 px blackletter capital reads as a few fragments or not
 * at all) but well when the line is scaled down to body size, so ingest reads these lines on their own
 * ({@code ColumnReading}). Found from the connected components of the page's ink, with h the body glyph height:
 * <ol>
 * <li>Letter-like components: at least {@value #SMALL} h tall (at most a quarter of the page), at least h wide and
 * at most three times as wide as tall (rules are not letters), filling at least {@value #MIN_FILL} of their box
 * (frames do not), not a picture (over {@value #PICTURE} h both ways with over {@value #PICTURE_AREA} h² of ink) and
 * not touching the image's border.</li>
 * <li>Seeds, those at least {@value #SEED} h tall, are joined left to right into rows: a seed joins a row it overlaps
 * vertically by {@value #ROW_OVERLAP} of the smaller height and follows within {@value #GAP} times the taller of its
 * own and the row's median height.</li>
 * <li>A row of at least two seeds takes in smaller letter-like components that lie within its band (by
 * {@value #BAND_OVERLAP} of their height) and within {@value #GAP} of its median height sideways (the lower-case
 * letters of a title whose capitals were the seeds).</li>
 * <li>A row taller than {@value #MAX_ROW_HEIGHT} times its tallest seed is a column of stacked things, not a line,
 * and is dropped; rows that overlap, or lie side by side in one row within {@value #GAP} of the taller one's median
 * height, are merged (a capital after a run of lower case), as long as one of them has two seeds; a display line has
 * at least {@value #MIN_LETTERS} components and is at least {@value #MIN_ASPECT} times as wide as tall.</li>
 * </ol>
 * Thresholds relative to h, chosen on the 10 NZZ ground-truth pages (the titles of 1805–1918 and the
 * "Schweizerisches Handelsblatt" heading). Stateless.
 */
public final class DisplayLines {
    static final double SMALL = 1.5;
    static final double SEED = 3.5;
    static final double MIN_FILL = 0.08;
    static final double PICTURE = 12;
    static final double PICTURE_AREA = 90;
    static final double ROW_OVERLAP = 0.4;
    static final double BAND_OVERLAP = 0.8;
    static final double GAP = 1.0;
    static final double MAX_ROW_HEIGHT = 1.8;
    static final int MIN_LETTERS = 3;
    static final double MIN_ASPECT = 2.5;

    private DisplayLines() {
    }

    /** A row being built: its box, its seeds' heights, and every member's top and bottom. */
    private static final class Row {
        double x0;
        double y0;
        double x1;
        double y1;
        final List<Double> heights = new ArrayList<>();
        final List<Double> tops = new ArrayList<>();
        final List<Double> bottoms = new ArrayList<>();

        Row(double[] seed) {
            x0 = seed[0];
            y0 = seed[1];
            x1 = seed[2];
            y1 = seed[3];
            add(seed, true);
        }

        void add(double[] c, boolean seed) {
            x0 = Math.min(x0, c[0]);
            y0 = Math.min(y0, c[1]);
            x1 = Math.max(x1, c[2]);
            y1 = Math.max(y1, c[3]);
            tops.add(c[1]);
            bottoms.add(c[3]);
            if (seed) {
                heights.add(c[3] - c[1]);
            }
        }

        void absorb(Row o) {
            x0 = Math.min(x0, o.x0);
            y0 = Math.min(y0, o.y0);
            x1 = Math.max(x1, o.x1);
            y1 = Math.max(y1, o.y1);
            heights.addAll(o.heights);
            tops.addAll(o.tops);
            bottoms.addAll(o.bottoms);
        }

        /** Takes in, until none is left, the smaller components in its band and within reach sideways. */
        void takeIn(List<double[]> small) {
            boolean grew = true;
            while (grew) {
                grew = false;
                for (int k = 0; k < small.size(); k++) {
                    double[] c = small.get(k);
                    double overlap = Math.min(c[3], y1) - Math.max(c[1], y0);
                    double gap = Math.max(c[0] - x1, x0 - c[2]);
                    if (overlap >= BAND_OVERLAP * (c[3] - c[1]) && gap <= GAP * medianHeight()) {
                        add(c, false);
                        small.remove(k--);
                        grew = true;
                    }
                }
            }
        }

        int seeds() {
            return heights.size();
        }

        int members() {
            return tops.size();
        }

        double medianHeight() {
            return median(heights);
        }

        double tallest() {
            return heights.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }

        Display display() {
            double top = median(tops);
            return new Display(new Box(x0, y0, x1, y1), new Box(x0, top, x1, Math.max(top, median(bottoms))));
        }
    }

    /** Overlapping, or in one row (as seeds join one) within {@value #GAP} of the taller row's median height. */
    private static boolean sideBySide(Row a, Row b) {
        double overlapY = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
        double gap = Math.max(a.x0, b.x0) - Math.min(a.x1, b.x1);
        if (gap < 0 && overlapY > 0) {
            return true;
        }
        return overlapY >= ROW_OVERLAP * Math.min(a.y1 - a.y0, b.y1 - b.y0) && gap <= GAP * Math.max(a.medianHeight(), b.medianHeight());
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /**
     * A display line: {@code box} encloses all its letters; {@code band} spans it left to right and, top to bottom, the
     * median of its letters' tops and bottoms (the body of the letters, without the capitals and descenders that reach
     * into the lines above and below), as ordinary lines' boxes take the median of their words'.
     */
    public record Display(Box box, Box band) {
        public Display scale(double f) {
            return new Display(box.scale(f), band.scale(f));
        }
    }

    /**
     * @param stats components as OpenCV's {@code connectedComponentsWithStats} gives them (row 0 the background)
     * @param h     the body glyph height in pixels
     * @return display lines in pixels, top to bottom
     */
    public static List<Display> find(int[][] stats, double h, int pageW, int pageH) {
        if (h <= 0) {
            return List.of();
        }
        List<double[]> seeds = new ArrayList<>();
        List<double[]> small = new ArrayList<>();
        for (int i = 1; i < stats.length; i++) {
            int x = stats[i][Imgproc.CC_STAT_LEFT];
            int y = stats[i][Imgproc.CC_STAT_TOP];
            int cw = stats[i][Imgproc.CC_STAT_WIDTH];
            int ch = stats[i][Imgproc.CC_STAT_HEIGHT];
            double area = stats[i][Imgproc.CC_STAT_AREA];
            boolean letterLike = ch >= SMALL * h && ch <= pageH / 4.0 && cw >= h && cw <= 3.0 * ch
                    && area >= MIN_FILL * cw * ch && !(ch > PICTURE * h && cw > PICTURE * h && area > PICTURE_AREA * h * h)
                    && x > 2 && y > 2 && x + cw < pageW - 2 && y + ch < pageH - 2;
            if (letterLike) {
                (ch >= SEED * h ? seeds : small).add(new double[] {x, y, x + cw, y + ch});
            }
        }
        seeds.sort(Comparator.comparingDouble((double[] c) -> c[0]).thenComparingDouble(c -> c[1]));
        List<Row> rows = new ArrayList<>();
        for (double[] c : seeds) {
            double ch = c[3] - c[1];
            Row into = null;
            for (Row r : rows) {
                double overlap = Math.min(c[3], r.y1) - Math.max(c[1], r.y0);
                if (overlap >= ROW_OVERLAP * Math.min(ch, r.y1 - r.y0) && c[0] - r.x1 <= GAP * Math.max(ch, r.medianHeight())) {
                    into = r;
                    break;
                }
            }
            if (into != null) {
                into.add(c, true);
            } else {
                rows.add(new Row(c));
            }
        }
        for (Row r : rows) {
            if (r.seeds() >= 2) {
                r.takeIn(small);
            }
        }
        rows.removeIf(r -> r.y1 - r.y0 > MAX_ROW_HEIGHT * r.tallest());
        boolean merged = true;
        while (merged) {
            merged = false;
            outer:
            for (Row a : rows) {
                for (Row b : rows) {
                    if (a != b && (a.seeds() >= 2 || b.seeds() >= 2) && sideBySide(a, b)) {
                        a.absorb(b);
                        rows.remove(b);
                        merged = true;
                        break outer;
                    }
                }
            }
        }
        return rows.stream().filter(r -> r.members() >= MIN_LETTERS && r.x1 - r.x0 >= MIN_ASPECT * (r.y1 - r.y0))
                .map(Row::display).sorted(Comparator.comparingDouble(d -> d.box().y0())).toList();
    }
}
