package dev.readout.core.ml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A random forest as {@code training/forest.py} exports it from scikit-learn: each tree as flat node arrays, an
 * inner node sending a row left when its feature (compared as a float, as scikit-learn's trees compare them) is at
 * most the node's threshold, a leaf (feature -1) holding the share of positives among the training rows that reached
 * it. The probability of a row is the mean over the trees of the leaf it reaches. Immutable and thread-safe.
 */
public final class Forest {

    /** One tree as flat node arrays. */
    record Tree(int[] feature, double[] threshold, int[] left, int[] right, double[] p) {
        double leaf(double[] x) {
            int n = 0;
            while (feature[n] >= 0) {
                n = (float) x[feature[n]] <= threshold[n] ? left[n] : right[n];
            }
            return p[n];
        }
    }

    private final List<Tree> trees;
    private final int inputs;

    private Forest(List<Tree> trees, int inputs) {
        this.trees = List.copyOf(trees);
        this.inputs = inputs;
    }

    /**
     * Reads the trees of {@code trees} (a JSON array of {feature, threshold, left, right, p}) for rows of
     * {@code inputs} features; {@code what} names the model in errors. Every node is checked: arrays of one length,
     * features below {@code inputs}, children after their parent and inside the tree, so that a walk always ends.
     */
    public static Forest read(JsonNode trees, int inputs, String what) {
        if (trees == null || !trees.isArray() || trees.isEmpty()) {
            throw new IllegalArgumentException(what + ": no trees");
        }
        List<Tree> out = new ArrayList<>();
        for (JsonNode t : trees) {
            int[] feature = ints(t.get("feature"), what);
            double[] threshold = doubles(t.get("threshold"), what);
            int[] left = ints(t.get("left"), what);
            int[] right = ints(t.get("right"), what);
            double[] p = doubles(t.get("p"), what);
            int n = feature.length;
            if (n == 0 || threshold.length != n || left.length != n || right.length != n || p.length != n) {
                throw new IllegalArgumentException(what + ": a tree's node arrays differ in length");
            }
            for (int i = 0; i < n; i++) {
                if (feature[i] >= inputs || feature[i] >= 0 && (left[i] <= i || right[i] <= i || left[i] >= n || right[i] >= n)) {
                    throw new IllegalArgumentException(what + ": tree node " + i + " is malformed");
                }
            }
            out.add(new Tree(feature, threshold, left, right, p));
        }
        return new Forest(out, inputs);
    }

    /** The number of features a row has. */
    public int inputs() {
        return inputs;
    }

    /** The mean over the trees of the leaf probability {@code x} reaches. */
    public double probability(double[] x) {
        if (x.length != inputs) {
            throw new IllegalArgumentException("a row of " + x.length + " features, the forest takes " + inputs);
        }
        double sum = 0;
        for (Tree t : trees) {
            sum += t.leaf(x);
        }
        return sum / trees.size();
    }

    private static int[] ints(JsonNode a, String what) {
        if (a == null || !a.isArray()) {
            throw new IllegalArgumentException(what + ": a tree lacks a node array");
        }
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asInt();
        }
        return v;
    }

    private static double[] doubles(JsonNode a, String what) {
        if (a == null || !a.isArray()) {
            throw new IllegalArgumentException(what + ": a tree lacks a node array");
        }
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble();
        }
        return v;
    }
}
