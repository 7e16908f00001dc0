package dev.readout.eval.maps;

import dev.readout.core.geometry.Polygons;
import dev.readout.eval.funsd.Prf;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Word-level scores of map text against gold words. Detection: a predicted polygon matches a gold polygon when
 * their IoU is at least {@value #MIN_IOU}; one-to-one, greedy by decreasing IoU. The gold follows its annotators'
 * convention: where a gold word is an axis-aligned rectangle (most are, rotated words included), it is compared with
 * the axis-aligned box around our polygon; where it is a rotated quadrilateral, with our polygon itself. End to end: the same, over the
 * pairs whose texts are also equal ignoring case (after Unicode-aware lower-casing and trimming).
 */
public final class MapMetrics {
    public static final double MIN_IOU = 0.5;

    /** A predicted word: polygon in image pixels (convex, e.g. a rotated rectangle) and text. */
    public record Predicted(double[] polygon, String text) {
    }

    /** Scores of one map. */
    public record Scores(Prf detection, Prf endToEnd) {
        public Scores plus(Scores o) {
            return new Scores(detection.plus(o.detection), endToEnd.plus(o.endToEnd));
        }
    }

    private MapMetrics() {
    }

    public static Scores score(List<Predicted> predicted, List<MapGroundTruth.GoldWord> gold) {
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < predicted.size(); i++) {
            for (int j = 0; j < gold.size(); j++) {
                double iou = iou(predicted.get(i).polygon(), gold.get(j).polygon());
                if (iou >= MIN_IOU) {
                    pairs.add(new double[] {i, j, iou});
                }
            }
        }
        pairs.sort(Comparator.comparingDouble((double[] p) -> -p[2]));
        int det = match(pairs, predicted.size(), gold.size(), null, null);
        int e2e = match(pairs, predicted.size(), gold.size(), predicted, gold);
        return new Scores(new Prf(det, predicted.size(), gold.size()), new Prf(e2e, predicted.size(), gold.size()));
    }

    private static int match(List<double[]> pairs, int np, int ng, List<Predicted> pred, List<MapGroundTruth.GoldWord> gold) {
        boolean[] usedP = new boolean[np];
        boolean[] usedG = new boolean[ng];
        int n = 0;
        for (double[] p : pairs) {
            int i = (int) p[0];
            int j = (int) p[1];
            if (usedP[i] || usedG[j]) {
                continue;
            }
            if (pred != null && !sameText(pred.get(i).text(), gold.get(j).text())) {
                continue;
            }
            usedP[i] = true;
            usedG[j] = true;
            n++;
        }
        return n;
    }

    /** One line per predicted word: its text, the gold word it overlaps most, their IoU (for --verbose). */
    public static List<String> explain(List<Predicted> predicted, List<MapGroundTruth.GoldWord> gold) {
        List<String> out = new ArrayList<>();
        for (Predicted p : predicted) {
            double best = 0;
            String text = "-";
            for (MapGroundTruth.GoldWord g : gold) {
                double iou = iou(p.polygon(), g.polygon());
                if (iou > best) {
                    best = iou;
                    text = g.text();
                }
            }
            out.add(String.format(Locale.ROOT, "%-4s iou %.2f  ours %-20s gold %s", best >= MIN_IOU && sameText(p.text(), text) ? "OK" : best >= MIN_IOU ? "TXT" : "BOX",
                    best, p.text(), text));
        }
        return out;
    }

    /** IoU of a prediction with a gold polygon under the gold's convention (see the class comment). */
    static double iou(double[] predicted, double[] gold) {
        if (axisAligned(gold)) {
            var b = Polygons.bounds(predicted);
            return Polygons.iou(gold, new double[] {b.x0(), b.y0(), b.x1(), b.y0(), b.x1(), b.y1(), b.x0(), b.y1()});
        }
        return Polygons.iou(gold, predicted);
    }

    /** Four corners, every edge horizontal or vertical (within 0.5 px). */
    static boolean axisAligned(double[] p) {
        if (p.length != 8) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            int j = (i + 1) % 4;
            if (Math.abs(p[2 * i] - p[2 * j]) > 0.5 && Math.abs(p[2 * i + 1] - p[2 * j + 1]) > 0.5) {
                return false;
            }
        }
        return true;
    }

    static boolean sameText(String a, String b) {
        return a.strip().toLowerCase(Locale.ROOT).equals(b.strip().toLowerCase(Locale.ROOT));
    }
}
