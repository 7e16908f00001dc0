package dev.readout.layout.input;

import dev.readout.core.model.Box;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The geometric line grouping and segment splitting of {@code training/funsd_data.group_lines}, reproduced
 * exactly (it is not core's {@code LineGrouper}):
 * <ol>
 *   <li>Visit words sorted by (vertical centre, x0, input index); heights are {@code max(y1 - y0, 1)}. For each
 *   existing line (in creation order) {@code ov = (min(y1, L.y1) - max(y0, L.y0)) / min(h_word, h_line)}; the
 *   word joins the line with the largest {@code ov} (first on ties) if {@code ov ≥ lineOverlap} and the line's
 *   extent grows to the union; otherwise it starts a new line.</li>
 *   <li>Words of a line are sorted by (x0, input index); lines by (min y0 of their words, x0 of their first
 *   word).</li>
 *   <li>Segments: a new one starts where {@code x0(next) - x1(prev) > segmentGap × m}, m = the line's median
 *   word height (sorted ascending, element n / 2); {@code segmentGap ≤ 0}: no split.</li>
 * </ol>
 *
 * @param lineOf    line index of each word (input index)
 * @param segmentOf segment index of each word
 * @param lines     input indices of the words of each line, left to right; lines top to bottom
 * @param segments  input indices of the words of each segment; by line, then left to right
 */
public record LineGrouping(int[] lineOf, int[] segmentOf, List<int[]> lines, List<int[]> segments) {

    public static LineGrouping of(List<Box> boxes, double lineOverlap, double segmentGap) {
        int n = boxes.size();
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> (boxes.get(i).y0() + boxes.get(i).y1()) / 2.0)
                .thenComparingDouble(i -> boxes.get(i).x0()).thenComparingInt(i -> i));
        List<List<Integer>> lines = new ArrayList<>();
        List<double[]> ext = new ArrayList<>();
        for (int i : order) {
            Box b = boxes.get(i);
            double h = Math.max(b.y1() - b.y0(), 1);
            int best = -1;
            double bestOv = 0.0;
            for (int li = 0; li < ext.size(); li++) {
                double[] e = ext.get(li);
                double ov = (Math.min(b.y1(), e[1]) - Math.max(b.y0(), e[0])) / Math.min(h, Math.max(e[1] - e[0], 1));
                if (ov > bestOv) {
                    best = li;
                    bestOv = ov;
                }
            }
            if (best >= 0 && bestOv >= lineOverlap) {
                lines.get(best).add(i);
                double[] e = ext.get(best);
                e[0] = Math.min(e[0], b.y0());
                e[1] = Math.max(e[1], b.y1());
            } else {
                List<Integer> ln = new ArrayList<>();
                ln.add(i);
                lines.add(ln);
                ext.add(new double[] {b.y0(), b.y1()});
            }
        }
        for (List<Integer> ln : lines) {
            ln.sort(Comparator.<Integer>comparingDouble(i -> boxes.get(i).x0()).thenComparingInt(i -> i));
        }
        lines.sort(Comparator.<List<Integer>>comparingDouble(ln -> ln.stream().mapToDouble(i -> boxes.get(i).y0()).min().orElseThrow())
                .thenComparingDouble(ln -> boxes.get(ln.get(0)).x0()));
        int[] lineOf = new int[n];
        int[] segOf = new int[n];
        List<int[]> lineArrays = new ArrayList<>();
        List<int[]> segments = new ArrayList<>();
        for (int li = 0; li < lines.size(); li++) {
            List<Integer> ln = lines.get(li);
            double[] hs = ln.stream().mapToDouble(i -> Math.max(boxes.get(i).y1() - boxes.get(i).y0(), 1)).sorted().toArray();
            double med = hs[hs.length / 2];
            List<Integer> cur = new ArrayList<>();
            cur.add(ln.get(0));
            for (int k = 1; k < ln.size(); k++) {
                int prev = ln.get(k - 1);
                int next = ln.get(k);
                if (segmentGap > 0 && boxes.get(next).x0() - boxes.get(prev).x1() > segmentGap * med) {
                    segments.add(toArray(cur));
                    cur = new ArrayList<>();
                }
                cur.add(next);
            }
            segments.add(toArray(cur));
            for (int i : ln) {
                lineOf[i] = li;
            }
            lineArrays.add(toArray(ln));
        }
        for (int si = 0; si < segments.size(); si++) {
            for (int i : segments.get(si)) {
                segOf[i] = si;
            }
        }
        return new LineGrouping(lineOf, segOf, List.copyOf(lineArrays), List.copyOf(segments));
    }

    /** Input indices in geometric order: segments in order (lines top to bottom, words left to right). */
    public int[] geometricOrder() {
        return segments.stream().flatMapToInt(java.util.Arrays::stream).toArray();
    }

    private static int[] toArray(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }
}
