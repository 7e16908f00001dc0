package dev.readout.layout.decode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readout.core.model.Box;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The learned type of each run of segment decoding ({@link Bio#segmentVote}): a multinomial logistic regression over
 * {@link #FEATURES} of the run — the network's mean type probabilities over its words and its first word's, those of
 * the runs before and after it in the input and of the nearest runs left and right of it on its row and above it
 * (with their distances), its text (words, length, a closing colon, capitals, digits) and its place and height.
 * Trained by {@code training/run_typer.py} on out-of-fold predictions of the FUNSD training forms (a parity test
 * holds the two together); a layout model names it in its config ({@code decoding_typer}). Without it a run takes
 * the type with the largest summed probability. Immutable and thread-safe.
 */
public final class RunTyper {
    public static final String FORMAT = "readout-run-typer/1";
    /** The types it chooses between; "" is O. The mass of type X is P(B-X) + P(I-X). */
    public static final List<String> TYPES = List.of("", "HEADER", "QUESTION", "ANSWER");
    private static final List<String> SIDES = List.of("before", "after", "left", "right", "above");
    static final List<String> FEATURES;

    static {
        List<String> f = new ArrayList<>(List.of("m_o", "m_header", "m_question", "m_answer", "f_o", "f_header",
                "f_question", "f_answer", "words", "length", "colon", "caps", "digits", "upper_first", "height",
                "x0", "y0", "x1", "y1"));
        for (String s : SIDES) {
            for (String t : List.of("o", "header", "question", "answer", "far")) {
                f.add(s + "_" + t);
            }
        }
        f.add("left_colon");
        FEATURES = List.copyOf(f);
    }

    /**
     * A run of words sharing a segment box.
     *
     * @param box     the union of its words' boxes in page pixels
     * @param h       its smallest word height
     * @param text    its words' texts joined by a space, without white space at the ends
     * @param segment its segment box on the 0–1000 grid (x0, y0, x1, y1)
     * @param mean    the mean over its words of the probabilities of the {@link #TYPES}
     * @param first   the same for its first word alone
     */
    public record Run(Box box, double h, String text, int[] segment, double[] mean, double[] first) {
        public Run {
            text = text.strip();
            if (segment.length != 4 || mean.length != TYPES.size() || first.length != TYPES.size()) {
                throw new IllegalArgumentException("a run needs a 4-value segment box and one probability per type");
            }
        }
    }

    private final double rowOverlap;
    private final double sideSlack;
    private final double[] mean;
    private final double[] scale;
    private final double[][] weights;
    private final double[] bias;

    private RunTyper(double rowOverlap, double sideSlack, double[] mean, double[] scale, double[][] weights, double[] bias) {
        this.rowOverlap = rowOverlap;
        this.sideSlack = sideSlack;
        this.mean = mean;
        this.scale = scale;
        this.weights = weights;
        this.bias = bias;
    }

    /** Reads a file of {@code run_typer.py}; fails naming the file and what is wrong. */
    public static RunTyper read(Path file) {
        return parse(DecodingFile.read(file, "run typer"), "run typer " + file);
    }

    static RunTyper parse(JsonNode j, String what) {
        DecodingFile.requireFormat(j, FORMAT, what);
        List<String> names = DecodingFile.strings(j, "features");
        if (!names.equals(FEATURES)) {
            throw new IllegalArgumentException(what + ": features " + names + " differ from this code's " + FEATURES);
        }
        List<String> types = DecodingFile.strings(j, "types");
        if (!types.equals(TYPES)) {
            throw new IllegalArgumentException(what + ": types " + types + " differ from this code's " + TYPES);
        }
        int f = FEATURES.size();
        double[] mean = vector(j, "mean", f, what);
        double[] scale = vector(j, "scale", f, what);
        double[] bias = vector(j, "bias", TYPES.size(), what);
        JsonNode w = j.path("weights");
        if (w.size() != TYPES.size()) {
            throw new IllegalArgumentException(what + ": 'weights' needs " + TYPES.size() + " rows");
        }
        double[][] weights = new double[TYPES.size()][];
        for (int k = 0; k < weights.length; k++) {
            weights[k] = vector(w.get(k), null, f, what);
        }
        for (double s : scale) {
            if (!(s > 0)) {
                throw new IllegalArgumentException(what + ": 'scale' values must be positive");
            }
        }
        if (!j.path("row_overlap").isNumber() || !j.path("side_slack").isNumber()) {
            throw new IllegalArgumentException(what + ": 'row_overlap' or 'side_slack' is missing");
        }
        return new RunTyper(j.get("row_overlap").asDouble(), j.get("side_slack").asDouble(), mean, scale, weights, bias);
    }

    private static double[] vector(JsonNode j, String key, int n, String what) {
        JsonNode v = key == null ? j : j.path(key);
        if (!v.isArray() || v.size() != n) {
            throw new IllegalArgumentException(what + ": '" + (key == null ? "weights" : key) + "' needs " + n + " numbers");
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            if (!v.get(i).isNumber()) {
                throw new IllegalArgumentException(what + ": '" + (key == null ? "weights" : key) + "' holds a non-number");
            }
            out[i] = v.get(i).asDouble();
        }
        return out;
    }

    /** The type (an index into {@link #TYPES}) of each of a page's runs, given in input order. */
    public int[] types(List<Run> runs) {
        double[][] p = probabilities(runs);
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            for (int k = 1; k < p[i].length; k++) {
                if (p[i][k] > p[i][out[i]]) {
                    out[i] = k;
                }
            }
        }
        return out;
    }

    /** Per run, the regression's probability of each of the {@link #TYPES}. */
    public double[][] probabilities(List<Run> runs) {
        double[][] out = new double[runs.size()][];
        double unit = unit(runs);
        for (int i = 0; i < runs.size(); i++) {
            double[] x = features(runs, i, unit);
            double[] s = new double[TYPES.size()];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < s.length; k++) {
                s[k] = bias[k];
                for (int f = 0; f < x.length; f++) {
                    s[k] += weights[k][f] * (x[f] - mean[f]) / scale[f];
                }
                max = Math.max(max, s[k]);
            }
            double sum = 0;
            for (int k = 0; k < s.length; k++) {
                s[k] = Math.exp(s[k] - max);
                sum += s[k];
            }
            for (int k = 0; k < s.length; k++) {
                s[k] /= sum;
            }
            out[i] = s;
        }
        return out;
    }

    /** The page's line height: the median (element n / 2 of the sorted) of its runs' smallest word heights, ≥ 1. */
    static double unit(List<Run> runs) {
        if (runs.isEmpty()) {
            return 1;
        }
        double[] hs = runs.stream().mapToDouble(Run::h).sorted().toArray();
        return Math.max(1.0, hs[hs.length / 2]);
    }

    /** Run i's {@link #FEATURES} among the page's runs (as {@code run_typer.features}). */
    double[] features(List<Run> runs, int i, double unit) {
        Run r = runs.get(i);
        String tx = r.text();
        int len = tx.codePointCount(0, tx.length());
        int first = tx.isEmpty() ? -1 : tx.codePointAt(0);
        double[] f = new double[FEATURES.size()];
        int k = 0;
        for (double v : r.mean()) {
            f[k++] = v;
        }
        for (double v : r.first()) {
            f[k++] = v;
        }
        f[k++] = tx.isEmpty() ? 0 : tx.split("\\s+").length;
        f[k++] = len;
        f[k++] = tx.endsWith(":") ? 1 : 0;
        f[k++] = tx.codePoints().anyMatch(Character::isUpperCase) && tx.codePoints().noneMatch(Character::isLowerCase) ? 1 : 0;
        f[k++] = tx.codePoints().filter(Character::isDigit).count() / (double) Math.max(1, len);
        f[k++] = first >= 0 && Character.isUpperCase(first) ? 1 : 0;
        f[k++] = r.h() / unit;
        for (int v : r.segment()) {
            f[k++] = v;
        }
        for (int j : new int[] {i - 1, i + 1}) {
            if (j >= 0 && j < runs.size()) {
                for (double v : runs.get(j).mean()) {
                    f[k++] = v;
                }
            } else {
                k += TYPES.size();
            }
            f[k++] = 0;
        }
        Box b = r.box();
        int left = -1;
        int right = -1;
        int above = -1;
        for (int j = 0; j < runs.size(); j++) {
            if (j == i) {
                continue;
            }
            Box c = runs.get(j).box();
            double ov = Math.min(b.y1(), c.y1()) - Math.max(b.y0(), c.y0());
            if (ov > rowOverlap * Math.min(b.y1() - b.y0(), c.y1() - c.y0())) {
                if (c.x1() <= b.x0() + sideSlack * unit && (left < 0 || c.x1() > runs.get(left).box().x1())) {
                    left = j;
                }
                if (c.x0() >= b.x1() - sideSlack * unit && (right < 0 || c.x0() < runs.get(right).box().x0())) {
                    right = j;
                }
            } else if (c.y1() <= b.y0() && Math.min(b.x1(), c.x1()) - Math.max(b.x0(), c.x0()) > 0) {
                if (above < 0 || c.y1() > runs.get(above).box().y1()) {
                    above = j;
                }
            }
        }
        int[] side = {left, right, above};
        for (int s = 0; s < side.length; s++) {
            int j = side[s];
            if (j < 0) {
                k += TYPES.size();
                f[k++] = -1;
                continue;
            }
            for (double v : runs.get(j).mean()) {
                f[k++] = v;
            }
            Box c = runs.get(j).box();
            double d = s == 0 ? b.x0() - c.x1() : s == 1 ? c.x0() - b.x1() : b.y0() - c.y1();
            f[k++] = d / unit;
        }
        f[k++] = left >= 0 && runs.get(left).text().endsWith(":") ? 1 : 0;
        assert k == f.length;
        return f;
    }
}
