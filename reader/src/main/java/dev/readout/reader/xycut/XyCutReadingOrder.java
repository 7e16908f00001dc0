package dev.readout.reader.xycut;

import dev.readout.core.export.PageView;
import dev.readout.core.geometry.Paragraphs;
import dev.readout.core.model.Box;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.Region;
import dev.readout.core.stage.ReadingOrderModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recursive XY-cut over line boxes with column detection. Two page-wide measures scale every threshold: the
 * median line height h and the leading, the median distance from a line to the next line below it in the same
 * column (negative where line boxes overlap, as in OCR of tightly set newspapers). At each level it cuts, in
 * this order of preference:
 * <ol>
 * <li>at the widest horizontal gap that spans the whole block if it is a break: at least
 * {@value #SECTION_GAP} × h, or at least the leading plus {@value #BREAK_GAP} × h (most of a blank line), so
 * that tiers of columns stacked on a page are read tier by tier — unless the block splits cleanly into text
 * columns (next step), every column has lines above the gap and some have none below it: then the gap is not
 * between tiers but a paragraph break level with the foot of another column (a paper's last page), and the columns
 * are read first; likewise when above the gap every column holds a caption and below it every column has lines
 * (a paper's floats at the heads of its columns: {@link #floatHeads});</li>
 * <li>at every vertical gutter at once, columns left to right. A gutter needs only {@value #COLUMN_GAP} × h of
 * empty space (newspaper gutters are narrower than a line is tall) because the columns must be text columns:
 * at least two rows of lines (lines that overlap vertically: the pieces of a justified line count as one, unless
 * they stand in sub-columns) whose median width is {@value #COLUMN_LINE_WIDTH} × h, so that key/value pairs and
 * table cells are not mistaken for columns. A side that fails this test is merged with its neighbour across the
 * narrower gutter;</li>
 * <li>when some gutter is not between text columns, or when one line blocks every gutter (a page number in
 * the gutter, a masthead or a headline spanning the columns), at the horizontal gap above or below which the
 * lines do split cleanly into text columns, choosing the gap that leaves the most lines on the column side;</li>
 * <li>otherwise at the gutters between the merged columns, if any are left; otherwise the lines form one block,
 * read row by row, left to right.</li>
 * </ol>
 * Blocks, split into paragraphs, become regions when the page has none. Stateless and thread-safe.
 */
public final class XyCutReadingOrder implements ReadingOrderModel {
    static final double SECTION_GAP = 1.2;
    static final double COLUMN_GAP = 0.2;
    static final double COLUMN_LINE_WIDTH = 8;
    static final double BREAK_GAP = 0.8;
    static final int BANDING_CANDIDATES = 24;

    @Override
    public String name() {
        return "xycut";
    }

    @Override
    public List<String> order(Page page) {
        List<String> out = new ArrayList<>();
        for (List<Line> block : blocks(page)) {
            block.forEach(l -> out.add(l.id()));
        }
        return out;
    }

    @Override
    public Page apply(Page page) {
        List<List<Line>> blocks = blocks(page);
        List<String> order = new ArrayList<>();
        blocks.forEach(b -> b.forEach(l -> order.add(l.id())));
        Page p = page.withReadingOrder(order, name());
        return needsTextRegions(page, blocks) ? p.withRegions(regions(page, blocks, name())) : p;
    }

    /** Whether a page read from {@code blocks} should get text regions made from them: it has lines but none yet. */
    public static boolean needsTextRegions(Page page, List<List<Line>> blocks) {
        return !blocks.isEmpty() && page.regions().stream().noneMatch(Region::isText);
    }

    /**
     * The text regions of blocks of lines: each block split into paragraphs ({@link Paragraphs}), in the given order,
     * ids {@code p<page>-r<k>}, recorded as made by {@code source}; the page's other regions (printed rules) follow,
     * as they were.
     */
    public static List<Region> regions(Page page, List<List<Line>> blocks, String source) {
        List<Region> regions = new ArrayList<>();
        for (List<Line> b : blocks) {
            for (List<Integer> para : Paragraphs.split(b.stream().map(Line::box).toList())) {
                List<Line> ls = para.stream().map(b::get).toList();
                regions.add(new Region("p" + page.number() + "-r" + (regions.size() + 1), "text",
                        Box.unionOf(ls.stream().map(Line::box).toList()), ls.stream().map(Line::id).toList(), 1.0, source));
            }
        }
        regions.addAll(page.regions());
        return regions;
    }

    /**
     * The page's lines in blocks, blocks and the lines within them in reading order. Page numbers at the foot of
     * the page ({@link #footPageNumbers}) are taken out first and read last, as a block of their own, before only the
     * blocks wholly below them (a proceedings footer under the page number): printed in the gutter under two columns
     * they would otherwise be read between the columns, and block every vertical cut.
     */
    public List<List<Line>> blocks(Page page) {
        List<List<Line>> out = new ArrayList<>();
        if (page.lines().isEmpty()) {
            return out;
        }
        List<Line> foot = footPageNumbers(page);
        List<Line> body = new ArrayList<>(page.lines());
        body.removeAll(foot);
        if (body.isEmpty()) {
            body = new ArrayList<>(page.lines());
            foot = List.of();
        }
        double[] hs = body.stream().mapToDouble(l -> l.box().height()).sorted().toArray();
        double medH = Math.max(1, hs[hs.length / 2]);
        double breakGap = Math.min(SECTION_GAP * medH, leading(body) + BREAK_GAP * medH);
        PageView view = new PageView(page);
        Set<Line> captions = new HashSet<>();
        for (Line l : body) {
            if (CAPTION.matcher(view.text(l).strip()).lookingAt()) {
                captions.add(l);
            }
        }
        cut(body, medH, breakGap, captions, out);
        if (!foot.isEmpty()) {
            // read last, but before blocks wholly below it (a proceedings footer printed under the page number)
            double bottom = foot.stream().mapToDouble(l -> l.box().y1()).max().orElse(0);
            int at = out.size();
            while (at > 0 && out.get(at - 1).stream().allMatch(l -> l.box().y0() >= bottom)) {
                at--;
            }
            out.add(at, foot.stream().sorted(Comparator.comparingDouble((Line l) -> l.box().y0()).thenComparingDouble(l -> l.box().x0())).toList());
        }
        return out;
    }

    /**
     * The text of a page number: digits or a lower-case roman numeral (front matter; an upper-case "X" is a form's
     * tick), perhaps between dashes, or after "page"/"Seite", or "3 of 12".
     */
    static final java.util.regex.Pattern PAGE_NUMBER = java.util.regex.Pattern.compile(
            "(?i)^\\W{0,2}((page|p\\.|seite|s\\.)\\s*)?(\\d{1,4}|(?-i:[ivxlc]{1,7}))(\\s*(/|of|von)\\s*\\d{1,4})?\\W{0,2}$");
    /** Page numbers sit in the lowest {@value}: of the page's height. */
    static final double FOOT = 0.15;

    /**
     * The page's page numbers at its foot: at most two lines whose whole text is a page number ({@link #PAGE_NUMBER}),
     * in the lowest {@value #FOOT} of the page, no taller than twice the median line and narrower than a tenth of the
     * page.
     */
    static List<Line> footPageNumbers(Page page) {
        if (page.lines().size() < 3) {
            return List.of();
        }
        PageView view = new PageView(page);
        double[] hs = page.lines().stream().mapToDouble(l -> l.box().height()).sorted().toArray();
        double medH = Math.max(1, hs[hs.length / 2]);
        List<Line> out = new ArrayList<>();
        for (Line l : page.lines()) {
            if (l.box().y0() >= (1 - FOOT) * page.height() && l.box().height() <= 2 * medH && l.box().width() < 0.1 * page.width()
                    && PAGE_NUMBER.matcher(view.text(l).strip()).matches()) {
                out.add(l);
            }
        }
        return out.size() <= 2 ? out : List.of();
    }

    /**
     * The median vertical distance from a line to the next line below it in the same column (the nearest line
     * below that overlaps it horizontally by half the narrower width); negative where line boxes overlap.
     */
    static double leading(List<Line> lines) {
        List<Double> d = new ArrayList<>();
        for (Line a : lines) {
            Box ab = a.box();
            double best = Double.POSITIVE_INFINITY;
            for (Line b : lines) {
                Box bb = b.box();
                if (b == a || bb.y0() <= ab.centerY()) {
                    continue;
                }
                double ov = Math.min(ab.x1(), bb.x1()) - Math.max(ab.x0(), bb.x0());
                if (ov >= 0.5 * Math.min(ab.width(), bb.width()) && bb.y0() - ab.y1() < best) {
                    best = bb.y0() - ab.y1();
                }
            }
            if (best != Double.POSITIVE_INFINITY) {
                d.add(best);
            }
        }
        return d.isEmpty() ? 0 : median(d);
    }

    /** The start of a float's caption: "Figure 3:", "Fig. 3.", "Table 2:", "Tab. 1", "Figure 4a:". */
    static final java.util.regex.Pattern CAPTION = java.util.regex.Pattern.compile(
            "(?i)(figure|fig\\.|table|tab\\.)\\s*\\d{1,3}[a-z]?\\s*[:.]");

    private void cut(List<Line> lines, double medH, double breakGap, Set<Line> captions, List<List<Line>> out) {
        if (lines.size() <= 1) {
            out.add(lines);
            return;
        }
        List<Gap> gutters = gaps(lines, false, COLUMN_GAP * medH);
        List<List<Line>> columns = columns(lines, gutters, medH);
        boolean cleanColumns = columns.size() == gutters.size() + 1 && columns.size() > 1;
        Gap h = widestGap(lines, true);
        if (h != null && h.size >= breakGap) {
            if (cleanColumns && (partialTier(columns, h) || floatHeads(columns, h, captions))) {
                columns.forEach(c -> cut(c, medH, breakGap, captions, out));
                return;
            }
            split(lines, h, true, medH, breakGap, captions, out);
            return;
        }
        if (cleanColumns) {
            columns.forEach(c -> cut(c, medH, breakGap, captions, out));
            return;
        }
        // some gutter did not separate text columns: first try to set a page number or headline apart
        Gap band = bandingGap(lines, medH);
        if (band != null) {
            split(lines, band, true, medH, breakGap, captions, out);
            return;
        }
        if (columns.size() > 1) {
            columns.forEach(c -> cut(c, medH, breakGap, captions, out));
            return;
        }
        out.add(rowsThenColumns(lines));
    }

    /**
     * Whether the horizontal gap {@code h} ends some of the {@code columns} early: every column has lines above it,
     * but some have none below (a column running on past the foot of another). Lines above that fill only some
     * columns (a masthead's side blocks, a heading over one column) do not count: those are read first.
     */
    private static boolean partialTier(List<List<Line>> columns, Gap h) {
        boolean aboveAll = true;
        boolean belowAll = true;
        for (List<Line> c : columns) {
            aboveAll &= c.stream().anyMatch(l -> l.box().centerY() < h.at);
            belowAll &= c.stream().anyMatch(l -> l.box().centerY() >= h.at);
        }
        return aboveAll && !belowAll;
    }

    /**
     * Whether the horizontal gap {@code h} closes floats at the heads of the {@code columns}: every column has lines
     * above and below it, and above it every column holds a caption ({@link #CAPTION}). A paper sets its figures and
     * tables at the tops of its columns, each in the flow of its own column: read column by column, not as a tier.
     */
    private static boolean floatHeads(List<List<Line>> columns, Gap h, Set<Line> captions) {
        if (captions.isEmpty()) {
            return false;
        }
        for (List<Line> c : columns) {
            boolean caption = false;
            boolean below = false;
            for (Line l : c) {
                if (l.box().centerY() < h.at) {
                    caption |= captions.contains(l);
                } else {
                    below = true;
                }
            }
            if (!caption || !below) {
                return false;
            }
        }
        return true;
    }

    private void split(List<Line> lines, Gap g, boolean horizontal, double medH, double breakGap, Set<Line> captions, List<List<Line>> out) {
        List<Line> first = new ArrayList<>();
        List<Line> second = new ArrayList<>();
        for (Line l : lines) {
            double c = horizontal ? l.box().centerY() : l.box().centerX();
            (c < g.at ? first : second).add(l);
        }
        cut(first, medH, breakGap, captions, out);
        cut(second, medH, breakGap, captions, out);
    }

    /**
     * The lines split at every one of the {@code gutters} (vertical gaps), columns left
     * to right; neighbouring columns that do not look like text columns are merged back across the narrower
     * gutter. One list when there is no column split.
     */
    private static List<List<Line>> columns(List<Line> lines, List<Gap> gutters, double medH) {
        if (gutters.isEmpty()) {
            return List.of(lines);
        }
        List<List<Line>> cols = new ArrayList<>();
        for (int i = 0; i <= gutters.size(); i++) {
            cols.add(new ArrayList<>());
        }
        for (Line l : lines) {
            int i = 0;
            while (i < gutters.size() && l.box().centerX() >= gutters.get(i).at) {
                i++;
            }
            cols.get(i).add(l);
        }
        List<Gap> gs = new ArrayList<>(gutters);
        while (cols.size() > 1) {
            int bad = -1;
            for (int i = 0; i < cols.size(); i++) {
                if (!isColumn(cols.get(i), medH)) {
                    bad = i;
                    break;
                }
            }
            if (bad < 0) {
                break;
            }
            // merge the failing column with its neighbour across the narrower gutter
            int g;
            if (bad == 0) {
                g = 0;
            } else if (bad == cols.size() - 1) {
                g = bad - 1;
            } else {
                g = gs.get(bad - 1).size <= gs.get(bad).size ? bad - 1 : bad;
            }
            cols.get(g).addAll(cols.remove(g + 1));
            gs.remove(g);
        }
        return cols;
    }

    /** Whether every vertical gutter of the lines separates text columns. */
    private static boolean isCleanColumnSplit(List<Line> lines, double medH) {
        List<Gap> gutters = gaps(lines, false, COLUMN_GAP * medH);
        return !gutters.isEmpty() && columns(lines, gutters, medH).size() == gutters.size() + 1;
    }

    /**
     * A text column: at least two rows whose median width is {@value #COLUMN_LINE_WIDTH} × h. A row is the lines that
     * overlap vertically ({@link #rows}), so that a justified line our ingest split into pieces at its wide word gaps
     * counts at its full width — unless the lines stand in sub-columns of their own (a gutter runs through the
     * whole column, as between a table's quantity, price and amount cells): then each line counts at its own width.
     */
    private static boolean isColumn(List<Line> col, double medH) {
        List<List<Line>> rows = gaps(col, false, COLUMN_GAP * medH).isEmpty() ? rows(col) : col.stream().map(List::of).toList();
        return rows.size() >= 2 && median(rows.stream().map(r -> Box.unionOf(r.stream().map(Line::box).toList()).width()).toList())
                >= COLUMN_LINE_WIDTH * medH;
    }

    /**
     * A horizontal gap above or below which the lines split cleanly into text columns while the whole block does
     * not (a page number, a masthead or a headline that sits in or spans the gutter between columns): of those
     * gaps, the one that leaves the most lines on its column side, then the widest. Only the
     * {@value #BANDING_CANDIDATES} gaps with the largest sides are tried, which bounds the cost on pages full of
     * table cells. Null when there is none.
     */
    private static Gap bandingGap(List<Line> lines, double medH) {
        List<Line> byY = new ArrayList<>(lines);
        byY.sort(Comparator.comparingDouble(l -> l.box().centerY()));
        List<Gap> gs = gaps(lines, true, 0);
        List<int[]> cand = new ArrayList<>(); // {gap index, lines above}
        int above = 0;
        for (int i = 0; i < gs.size(); i++) {
            while (above < byY.size() && byY.get(above).box().centerY() < gs.get(i).at) {
                above++;
            }
            cand.add(new int[] {i, above});
        }
        int n = lines.size();
        cand.sort(Comparator.comparingInt((int[] c) -> -Math.max(c[1], n - c[1])));
        Gap best = null;
        int bestN = 0;
        for (int[] c : cand.subList(0, Math.min(BANDING_CANDIDATES, cand.size()))) {
            Gap g = gs.get(c[0]);
            List<Line> first = byY.subList(0, c[1]);
            List<Line> second = byY.subList(c[1], n);
            int k = Math.max(first.size() > bestN && isCleanColumnSplit(first, medH) ? first.size() : 0,
                    second.size() > bestN && isCleanColumnSplit(second, medH) ? second.size() : 0);
            if (k > bestN || k == bestN && k > 0 && g.size > best.size) {
                best = g;
                bestN = k;
            }
        }
        return best;
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(Comparator.naturalOrder());
        return s.get(s.size() / 2);
    }

    /** Lines grouped into rows by vertical overlap, rows top to bottom, each row left to right. */
    static List<Line> rowsThenColumns(List<Line> lines) {
        List<Line> out = new ArrayList<>();
        for (List<Line> row : rows(lines)) {
            row.sort(Comparator.comparingDouble(l -> l.box().x0()));
            out.addAll(row);
        }
        return out;
    }

    /** Lines grouped into rows by vertical overlap, rows top to bottom (each in the order of its lines' centres). */
    private static List<List<Line>> rows(List<Line> lines) {
        List<Line> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.comparingDouble((Line l) -> l.box().centerY()));
        List<List<Line>> rows = new ArrayList<>();
        for (Line l : sorted) {
            List<Line> row = rows.isEmpty() ? null : rows.get(rows.size() - 1);
            if (row != null && overlapsRow(row, l)) {
                row.add(l);
            } else {
                rows.add(new ArrayList<>(List.of(l)));
            }
        }
        return rows;
    }

    private static boolean overlapsRow(List<Line> row, Line l) {
        Box r = Box.unionOf(row.stream().map(Line::box).toList());
        double ov = Math.min(r.y1(), l.box().y1()) - Math.max(r.y0(), l.box().y0());
        return ov >= 0.5 * Math.min(l.box().height(), row.get(0).box().height());
    }

    private record Gap(double at, double size) {
    }

    /** Every empty band at least {@code min} wide across the projection of the boxes on one axis, in axis order. */
    private static List<Gap> gaps(List<Line> lines, boolean horizontal, double min) {
        List<Gap> out = new ArrayList<>();
        if (lines.isEmpty()) {
            return out;
        }
        List<double[]> iv = new ArrayList<>();
        for (Line l : lines) {
            Box b = l.box();
            iv.add(horizontal ? new double[] {b.y0(), b.y1()} : new double[] {b.x0(), b.x1()});
        }
        iv.sort(Comparator.comparingDouble(a -> a[0]));
        double end = iv.get(0)[1];
        for (int i = 1; i < iv.size(); i++) {
            double[] cur = iv.get(i);
            if (cur[0] - end >= min && cur[0] > end) {
                out.add(new Gap((cur[0] + end) / 2, cur[0] - end));
            }
            end = Math.max(end, cur[1]);
        }
        return out;
    }

    /** The widest empty band across the projection of the boxes on one axis, or null when there is none. */
    private static Gap widestGap(List<Line> lines, boolean horizontal) {
        List<double[]> iv = new ArrayList<>();
        for (Line l : lines) {
            Box b = l.box();
            iv.add(horizontal ? new double[] {b.y0(), b.y1()} : new double[] {b.x0(), b.x1()});
        }
        iv.sort(Comparator.comparingDouble(a -> a[0]));
        Gap best = null;
        double end = iv.get(0)[1];
        for (int i = 1; i < iv.size(); i++) {
            double[] cur = iv.get(i);
            if (cur[0] > end) {
                double size = cur[0] - end;
                if (best == null || size > best.size) {
                    best = new Gap((cur[0] + end) / 2, size);
                }
            }
            end = Math.max(end, cur[1]);
        }
        return best;
    }
}
