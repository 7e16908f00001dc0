package dev.readout.reader.xycut;

import dev.readout.core.model.Box;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.Region;
import dev.readout.core.stage.ReadingOrderModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Recursive XY-cut over line boxes with column detection. At each level it cuts, in this order of
 * preference: at a wide horizontal gap (a section break, at least {@value #SECTION_GAP} × the median
 * line height); at a vertical gutter between two text columns (both sides with at least two lines whose
 * median width is {@value #COLUMN_LINE_WIDTH} × the line height, so that key/value pairs and table cells
 * are not mistaken for columns); otherwise the lines form one block, read row by row, left to right.
 * Blocks become regions when the page has none. Stateless and thread-safe.
 */
public final class XyCutReadingOrder implements ReadingOrderModel {
    static final double SECTION_GAP = 1.2;
    static final double COLUMN_GAP = 0.8;
    static final double COLUMN_LINE_WIDTH = 8;

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
        if (page.regions().isEmpty() && !blocks.isEmpty()) {
            List<Region> regions = new ArrayList<>();
            for (List<Line> b : blocks) {
                regions.add(new Region("p" + page.number() + "-r" + (regions.size() + 1), "text",
                        Box.unionOf(b.stream().map(Line::box).toList()), b.stream().map(Line::id).toList(), 1.0, name()));
            }
            p = p.withRegions(regions);
        }
        return p;
    }

    /** The page's lines in blocks, blocks and the lines within them in reading order. */
    public List<List<Line>> blocks(Page page) {
        List<List<Line>> out = new ArrayList<>();
        if (page.lines().isEmpty()) {
            return out;
        }
        double[] hs = page.lines().stream().mapToDouble(l -> l.box().height()).sorted().toArray();
        double medH = Math.max(1, hs[hs.length / 2]);
        cut(new ArrayList<>(page.lines()), medH, out);
        return out;
    }

    private void cut(List<Line> lines, double medH, List<List<Line>> out) {
        if (lines.size() <= 1) {
            out.add(lines);
            return;
        }
        Gap h = widestGap(lines, true);
        if (h != null && h.size >= SECTION_GAP * medH) {
            split(lines, h, true, medH, out);
            return;
        }
        Gap v = widestGap(lines, false);
        if (v != null && v.size >= COLUMN_GAP * medH && isColumnSplit(lines, v, medH)) {
            split(lines, v, false, medH, out);
            return;
        }
        out.add(rowsThenColumns(lines));
    }

    private void split(List<Line> lines, Gap g, boolean horizontal, double medH, List<List<Line>> out) {
        List<Line> first = new ArrayList<>();
        List<Line> second = new ArrayList<>();
        for (Line l : lines) {
            double c = horizontal ? l.box().centerY() : l.box().centerX();
            (c < g.at ? first : second).add(l);
        }
        cut(first, medH, out);
        cut(second, medH, out);
    }

    private static boolean isColumnSplit(List<Line> lines, Gap g, double medH) {
        List<Double> left = new ArrayList<>();
        List<Double> right = new ArrayList<>();
        for (Line l : lines) {
            (l.box().centerX() < g.at ? left : right).add(l.box().width());
        }
        return left.size() >= 2 && right.size() >= 2
                && median(left) >= COLUMN_LINE_WIDTH * medH && median(right) >= COLUMN_LINE_WIDTH * medH;
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(Comparator.naturalOrder());
        return s.get(s.size() / 2);
    }

    /** Lines grouped into rows by vertical overlap, rows top to bottom, each row left to right. */
    static List<Line> rowsThenColumns(List<Line> lines) {
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
        List<Line> out = new ArrayList<>();
        for (List<Line> row : rows) {
            row.sort(Comparator.comparingDouble(l -> l.box().x0()));
            out.addAll(row);
        }
        return out;
    }

    private static boolean overlapsRow(List<Line> row, Line l) {
        Box r = Box.unionOf(row.stream().map(Line::box).toList());
        double ov = Math.min(r.y1(), l.box().y1()) - Math.max(r.y0(), l.box().y0());
        return ov >= 0.5 * Math.min(l.box().height(), row.get(0).box().height());
    }

    private record Gap(double at, double size) {
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
