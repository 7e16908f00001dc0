package dev.readout.core.geometry;

import dev.readout.core.model.Box;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Groups word boxes into text lines: words whose vertical extents overlap by at least half the smaller
 * height form a row; a row is split where the horizontal gap between neighbours exceeds
 * {@code gapFactor} × the row's median word height (so that columns and table cells stay apart).
 * Works on boxes only, for engines (such as a PDF text layer) that give words but no lines.
 */
public final class LineGrouper {
    private final double gapFactor;

    public LineGrouper(double gapFactor) {
        this.gapFactor = gapFactor;
    }

    /** Indices into {@code boxes}, one list per line, each sorted left to right; lines sorted top to bottom. */
    public List<List<Integer>> group(List<Box> boxes) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            idx.add(i);
        }
        idx.sort(Comparator.comparingDouble((Integer i) -> boxes.get(i).centerY()).thenComparingDouble(i -> boxes.get(i).x0()));
        List<List<Integer>> rows = new ArrayList<>();
        List<double[]> rowSpan = new ArrayList<>();
        for (int i : idx) {
            Box b = boxes.get(i);
            int best = -1;
            double bestOverlap = 0;
            for (int r = Math.max(0, rows.size() - 8); r < rows.size(); r++) {
                double[] s = rowSpan.get(r);
                double ov = Math.min(s[1], b.y1()) - Math.max(s[0], b.y0());
                double minH = Math.min(s[1] - s[0], b.height());
                if (minH > 0 && ov / minH >= 0.5 && ov > bestOverlap) {
                    best = r;
                    bestOverlap = ov;
                }
            }
            if (best < 0) {
                rows.add(new ArrayList<>(List.of(i)));
                rowSpan.add(new double[] {b.y0(), b.y1()});
            } else {
                rows.get(best).add(i);
                double[] s = rowSpan.get(best);
                // keep the row's span from drifting: use the running median-ish (min of extents grows slowly)
                s[0] = (s[0] * (rows.get(best).size() - 1) + b.y0()) / rows.get(best).size();
                s[1] = (s[1] * (rows.get(best).size() - 1) + b.y1()) / rows.get(best).size();
            }
        }
        List<List<Integer>> lines = new ArrayList<>();
        for (List<Integer> row : rows) {
            row.sort(Comparator.comparingDouble(i -> boxes.get(i).x0()));
            double[] hs = row.stream().mapToDouble(i -> boxes.get(i).height()).sorted().toArray();
            double medianH = hs[hs.length / 2];
            List<Integer> cur = new ArrayList<>();
            double lastX1 = Double.NEGATIVE_INFINITY;
            for (int i : row) {
                Box b = boxes.get(i);
                if (!cur.isEmpty() && b.x0() - lastX1 > gapFactor * medianH) {
                    lines.add(cur);
                    cur = new ArrayList<>();
                }
                cur.add(i);
                lastX1 = Math.max(lastX1, b.x1());
            }
            lines.add(cur);
        }
        lines.sort(Comparator.comparingDouble((List<Integer> l) -> boxes.get(l.get(0)).y0())
                .thenComparingDouble(l -> boxes.get(l.get(0)).x0()));
        return lines;
    }
}
