package dev.readout.layout.decode;

import dev.readout.core.model.Box;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * BIO decoding of word logits and chunking of tag sequences, as {@code training/metrics.py}.
 * Labels are {@code O}, {@code B-X}, {@code I-X}. Immutable and thread-safe.
 */
public final class Bio {
    private static final double NEG = -1e9;

    private final List<String> labels;
    private final boolean[][] allowed;
    private final boolean[] start;

    public Bio(List<String> labels) {
        this.labels = List.copyOf(labels);
        int n = labels.size();
        allowed = new boolean[n][n];
        start = new boolean[n];
        for (int j = 0; j < n; j++) {
            String tj = labels.get(j);
            start[j] = !tj.startsWith("I-");
            for (int i = 0; i < n; i++) {
                String ti = labels.get(i);
                allowed[i][j] = !tj.startsWith("I-") || (!ti.equals("O") && type(ti).equals(type(tj)));
            }
        }
    }

    public List<String> labels() {
        return labels;
    }

    /** Whether tag {@code next} may follow tag {@code prev} (label indices). */
    public boolean allowed(int prev, int next) {
        return allowed[prev][next];
    }

    /** Whether tag {@code j} may be the first of a page. */
    public boolean allowedFirst(int j) {
        return start[j];
    }

    /** The best label of each word (first maximum on ties). */
    public int[] argmax(float[][] logits) {
        int[] out = new int[logits.length];
        for (int t = 0; t < logits.length; t++) {
            int best = 0;
            for (int j = 1; j < logits[t].length; j++) {
                if (logits[t][j] > logits[t][best]) {
                    best = j;
                }
            }
            out[t] = best;
        }
        return out;
    }

    /**
     * The label sequence maximising Σ log-softmax(logits) under the BIO constraints ({@code I-X} only after
     * {@code B-X} or {@code I-X}, never first). Ties: the first index, as numpy's argmax.
     */
    public int[] viterbi(float[][] logits) {
        int n = logits.length;
        if (n == 0) {
            return new int[0];
        }
        int m = labels.size();
        double[] score = new double[m];
        double[] lp0 = logSoftmax(logits[0]);
        for (int j = 0; j < m; j++) {
            score[j] = start[j] ? lp0[j] : NEG;
        }
        int[][] back = new int[n][m];
        for (int t = 1; t < n; t++) {
            double[] lp = logSoftmax(logits[t]);
            double[] next = new double[m];
            for (int j = 0; j < m; j++) {
                int best = 0;
                double bv = score[0] + (allowed[0][j] ? 0.0 : NEG);
                for (int i = 1; i < m; i++) {
                    double v = score[i] + (allowed[i][j] ? 0.0 : NEG);
                    if (v > bv) {
                        bv = v;
                        best = i;
                    }
                }
                back[t][j] = best;
                next[j] = bv + lp[j];
            }
            score = next;
        }
        int[] path = new int[n];
        int last = 0;
        for (int j = 1; j < m; j++) {
            if (score[j] > score[last]) {
                last = j;
            }
        }
        path[n - 1] = last;
        for (int t = n - 1; t > 0; t--) {
            path[t - 1] = back[t][path[t]];
        }
        return path;
    }

    /**
     * Segment decoding: each run of consecutive words sharing a segment box ({@code boxes[t]}, equal arrays) takes
     * one type, the type (or O) with the largest summed probability over the run's words (P(B-X) + P(I-X) for X;
     * the first in label order on ties). A run of type X starts an entity ({@code B-X}) unless the previous run is
     * also of type X, {@code viterbi} (the BIO Viterbi path) continued the entity into the run's first word
     * ({@code I-X} there), and the run sits where a continuation can ({@link #follows}); its other words are
     * {@code I-X}. Words of an O run are O. The runs follow from the box grouping of the input (segments of a
     * line, split at wide gaps), never from labels.
     *
     * @param logits  per word, one logit per label
     * @param viterbi the Viterbi path of the same logits
     * @param boxes   per word, the (segment) box every token of the word was given
     * @param pixels  per word, its own box in page pixels (for {@link #follows})
     */
    public int[] segmentVote(float[][] logits, int[] viterbi, int[][] boxes, Box[] pixels) {
        return segmentVote(logits, viterbi, boxes, pixels, null, null);
    }

    /**
     * Segment decoding as {@link #segmentVote(float[][], int[], int[][], Box[])}, except that where
     * {@code continuation} is given it decides whether a run of type X continues the run before it (also X), instead of
     * Viterbi and {@link #follows}.
     *
     * @param continuation the learned decision, or null for Viterbi and {@link #follows}
     * @param texts        per word, its text (needed with a continuation)
     */
    public int[] segmentVote(float[][] logits, int[] viterbi, int[][] boxes, Box[] pixels, Continuation continuation,
                             String[] texts) {
        return segmentVote(logits, viterbi, boxes, pixels, continuation, null, texts);
    }

    /**
     * Segment decoding as {@link #segmentVote(float[][], int[], int[][], Box[], Continuation, String[])}, except that
     * where {@code typer} is given it chooses each run's type (from the network's probabilities of the run and of its
     * neighbours, its text and place) instead of the largest summed probability.
     *
     * @param typer the learned run types, or null
     * @param texts per word, its text (needed with a continuation or a typer)
     */
    public int[] segmentVote(float[][] logits, int[] viterbi, int[][] boxes, Box[] pixels, Continuation continuation,
                             RunTyper typer, String[] texts) {
        int n = logits.length;
        if (viterbi.length != n || boxes.length != n || pixels.length != n) {
            throw new IllegalArgumentException("logits, path and boxes differ in length");
        }
        if ((continuation != null || typer != null) && (texts == null || texts.length != n)) {
            throw new IllegalArgumentException("a continuation model or a run typer needs one text per word");
        }
        List<String> types = new ArrayList<>();
        int[] typeOf = new int[labels.size()];
        for (int j = 0; j < labels.size(); j++) {
            String ty = type(labels.get(j));
            int k = types.indexOf(ty);
            if (k < 0) {
                k = types.size();
                types.add(ty);
            }
            typeOf[j] = k;
        }
        // the runs: consecutive words sharing a segment box
        List<Span> spans = new ArrayList<>();
        int t = 0;
        while (t < n) {
            int end = t + 1;
            while (end < n && Arrays.equals(boxes[end], boxes[t])) {
                end++;
            }
            Box runBox = pixels[t];
            double h = pixels[t].height();
            for (int p = t + 1; p < end; p++) {
                runBox = runBox.union(pixels[p]);
                h = Math.min(h, pixels[p].height());
            }
            double[] first = softmax(logits[t]);
            double[] mass = new double[types.size()];
            for (int p = t; p < end; p++) {
                double[] pr = p == t ? first : softmax(logits[p]);
                for (int j = 0; j < pr.length; j++) {
                    mass[typeOf[j]] += pr[j];
                }
            }
            String text = texts == null ? "" : String.join(" ", Arrays.asList(texts).subList(t, end));
            spans.add(new Span(t, end, new Continuation.Run(runBox, h, text), mass, first));
            t = end;
        }
        int[] chosen = typer == null ? null : typer.types(typerRuns(spans, types, typeOf, boxes));
        int[] out = new int[n];
        String prevType = null;
        Continuation.Run prev = null;
        for (int r = 0; r < spans.size(); r++) {
            Span sp = spans.get(r);
            String ty = chosen != null ? RunTyper.TYPES.get(chosen[r]) : types.get(largest(sp.mass()));
            Continuation.Run run = sp.run();
            if (ty.isEmpty()) {
                Arrays.fill(out, sp.start(), sp.end(), labels.indexOf("O"));
            } else {
                int b = labels.indexOf("B-" + ty);
                int i = labels.indexOf("I-" + ty);
                run = new Continuation.Run(run.box(), run.h(), run.text(), i < 0 ? 0 : sp.first()[i], b < 0 ? 0 : sp.first()[b]);
                boolean continues = ty.equals(prevType) && (continuation != null
                        ? continuation.continues(prev, run, ty)
                        : labels.get(viterbi[sp.start()]).equals("I-" + ty) && follows(prev.box(), run.box(), run.h()));
                out[sp.start()] = continues || b < 0 ? i : b;
                Arrays.fill(out, sp.start() + 1, sp.end(), i < 0 ? b : i);
            }
            prevType = ty;
            prev = run;
        }
        return out;
    }

    /**
     * A run of segment decoding: words {@code [start, end)}, its box, height and text, the summed probability of each
     * type over its words, and its first word's label probabilities.
     */
    private record Span(int start, int end, Continuation.Run run, double[] mass, double[] first) {
    }

    private static int largest(double[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) {
            if (v[k] > v[best]) {
                best = k;
            }
        }
        return best;
    }

    /** The runs as the typer takes them: mean and first-word probabilities in {@link RunTyper#TYPES} order. */
    private static List<RunTyper.Run> typerRuns(List<Span> spans, List<String> types, int[] typeOf, int[][] boxes) {
        int[] toTyper = new int[types.size()];
        for (int k = 0; k < types.size(); k++) {
            toTyper[k] = RunTyper.TYPES.indexOf(types.get(k));
            if (toTyper[k] < 0) {
                throw new IllegalArgumentException("the run typer knows types " + RunTyper.TYPES + ", not " + types.get(k));
            }
        }
        List<RunTyper.Run> out = new ArrayList<>(spans.size());
        for (Span sp : spans) {
            double[] mean = new double[RunTyper.TYPES.size()];
            double[] first = new double[RunTyper.TYPES.size()];
            for (int k = 0; k < types.size(); k++) {
                mean[toTyper[k]] = sp.mass()[k] / (sp.end() - sp.start());
            }
            for (int j = 0; j < typeOf.length; j++) {
                first[toTyper[typeOf[j]]] += sp.first()[j];
            }
            Continuation.Run r = sp.run();
            out.add(new RunTyper.Run(r.box(), r.h(), r.text(), boxes[sp.start()], mean, first));
        }
        return out;
    }

    /**
     * Whether a run (box {@code c}, smallest word height {@code h}, at least 1) can continue the entity of the run
     * before it (box {@code p}): on the same line to its right (vertical overlap over 0.3 h, starting no more than
     * h left of p's end), or on the next line (starting below p's bottom less 0.3 h, less than 1 h below it) and
     * either overlapping p horizontally or left-aligned with it within 0.5 h. Fitted on the training forms of
     * FUNSD (training/metrics.py {@code follows}); it vetoes Viterbi's continuations across unrelated lines.
     */
    static boolean follows(Box p, Box c, double h) {
        h = Math.max(1.0, h);
        boolean sameLine = Math.min(p.y1(), c.y1()) - Math.max(p.y0(), c.y0()) > 0.3 * h && c.x0() >= p.x1() - h;
        double xOverlap = Math.min(p.x1(), c.x1()) - Math.max(p.x0(), c.x0());
        boolean below = c.y0() >= p.y1() - 0.3 * h && (c.y0() - p.y1()) / h < 1.0
                && (xOverlap > 0 || Math.abs(c.x0() - p.x0()) < 0.5 * h);
        return sameLine || below;
    }

    /** Decodes with {@code viterbi} or {@code argmax}. */
    public int[] decode(float[][] logits, boolean viterbi) {
        return viterbi ? viterbi(logits) : argmax(logits);
    }

    /** Softmax probabilities (double precision). */
    public static double[] softmax(float[] logits) {
        double[] lp = logSoftmax(logits);
        for (int j = 0; j < lp.length; j++) {
            lp[j] = Math.exp(lp[j]);
        }
        return lp;
    }

    static double[] logSoftmax(float[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : x) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : x) {
            sum += Math.exp(v - max);
        }
        double log = Math.log(sum);
        double[] out = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            out[j] = x[j] - max - log;
        }
        return out;
    }

    /** A chunk: entity type (the X of B-X), first word, one past the last word. */
    public record Chunk(String type, int start, int end) {
    }

    /**
     * Chunks of a tag sequence with seqeval's default (non-strict) semantics: a chunk starts at {@code B-X}, or
     * at {@code I-X} when the previous tag is not {@code B-X}/{@code I-X}; it continues over following {@code I-X};
     * anything else ends it. In order of their start.
     */
    public static List<Chunk> chunks(List<String> tags) {
        List<Chunk> out = new ArrayList<>();
        int st = -1;
        String typ = null;
        for (int i = 0; i <= tags.size(); i++) {
            String t = i < tags.size() ? tags.get(i) : "O";
            String prefix = prefix(t);
            String ty = type(t);
            if (st >= 0 && !(prefix.equals("I") && ty.equals(typ))) {
                out.add(new Chunk(typ, st, i));
                st = -1;
                typ = null;
            }
            if (prefix.equals("B") || (prefix.equals("I") && st < 0)) {
                st = i;
                typ = ty;
            }
        }
        return out;
    }

    private static String prefix(String tag) {
        int dash = tag.indexOf('-');
        return dash < 0 ? tag : tag.substring(0, dash);
    }

    /** The X of {@code B-X} / {@code I-X}; empty for {@code O}. */
    public static String type(String tag) {
        int dash = tag.indexOf('-');
        return dash < 0 ? "" : tag.substring(dash + 1);
    }
}
