package dev.readout.layout.decode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readout.core.ml.Forest;
import dev.readout.core.model.Box;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The learned decision of segment decoding ({@link Bio#segmentVote}) whether a run of words of type X continues the
 * entity of the run before it, also of type X: a random forest over {@link #FEATURES} of the two runs (their
 * geometry in units of the smaller word height, their texts' ends and starts, {@link Bio#follows}, the type), none
 * of them from the model — and, in a forest trained on out-of-fold predictions ({@code continuation_forest.py --oof}),
 * {@link #NET_FEATURES}: the network's probabilities of {@code I-X} and {@code B-X} at the second run's first word.
 * Trained on the gold runs of the FUNSD training forms by {@code training/continuation_forest.py}, which computes the
 * same features (a parity test holds them together); a layout model names it in its config
 * ({@code decoding_continuation}). Immutable and thread-safe.
 */
public final class Continuation {
    public static final String FORMAT = "readout-continuation-forest/1";
    static final List<String> FEATURES = List.of("gap", "voverlap", "xoverlap", "dx0", "dx_end", "dx1", "wratio",
            "hratio", "ha", "hb", "follows", "a_colon", "a_joiner", "a_dot", "b_lower", "b_upper", "b_digit",
            "a_words", "b_words", "a_caps", "b_caps", "a_len", "b_len", "type");
    /** The network's inputs a forest may take after {@link #FEATURES}. */
    static final List<String> NET_FEATURES = List.of("p_inside", "p_begin");

    /**
     * A run of words sharing a segment box.
     *
     * @param box  the union of its words' boxes in page pixels
     * @param h    its smallest word height
     * @param text its words' texts joined by a space, without white space at the ends
     * @param pInside the network's probability of {@code I-X} at its first word, X its type (NaN: not known)
     * @param pBegin  the same for {@code B-X}
     */
    public record Run(Box box, double h, String text, double pInside, double pBegin) {
        public Run {
            text = text.strip();
        }

        /** A run without the network's probabilities. */
        public Run(Box box, double h, String text) {
            this(box, h, text, Double.NaN, Double.NaN);
        }
    }

    private final Forest forest;
    private final List<String> types;
    private final double threshold;
    private final boolean net;

    Continuation(Forest forest, List<String> types, double threshold, boolean net) {
        this.forest = forest;
        this.types = List.copyOf(types);
        this.threshold = threshold;
        this.net = net;
    }

    /** Reads a forest file of {@code continuation_forest.py}; fails naming the file and what is wrong. */
    public static Continuation read(Path file) {
        return parse(DecodingFile.read(file, "continuation model"), "continuation model " + file);
    }

    static Continuation parse(JsonNode j, String what) {
        DecodingFile.requireFormat(j, FORMAT, what);
        List<String> names = DecodingFile.strings(j, "features");
        List<String> withNet = new ArrayList<>(FEATURES);
        withNet.addAll(NET_FEATURES);
        if (!names.equals(FEATURES) && !names.equals(withNet)) {
            throw new IllegalArgumentException(what + ": features " + names + " differ from this code's " + FEATURES
                    + " (and " + NET_FEATURES + ")");
        }
        List<String> types = DecodingFile.strings(j, "types");
        if (types.isEmpty() || !j.path("threshold").isNumber()) {
            throw new IllegalArgumentException(what + ": 'types' or 'threshold' is missing");
        }
        return new Continuation(Forest.read(j.get("trees"), names.size(), what), types, j.get("threshold").asDouble(),
                names.size() > FEATURES.size());
    }

    /** The entity types the forest was trained on (a run of another type never continues). */
    public List<String> types() {
        return types;
    }

    /** Whether {@code run} continues the entity of {@code prev}, both of entity type {@code type}. */
    public boolean continues(Run prev, Run run, String type) {
        return types.contains(type) && probability(prev, run, type) >= threshold;
    }

    /** Whether the forest takes the network's probabilities ({@link #NET_FEATURES}) of the second run. */
    public boolean usesNetwork() {
        return net;
    }

    /** The forest's probability that {@code run} continues the entity of {@code prev}. */
    public double probability(Run prev, Run run, String type) {
        return forest.probability(features(prev, run, type));
    }

    /**
     * The pair's features, in {@link #FEATURES} order, then {@link #NET_FEATURES} where the forest takes them (as
     * {@code continuation_forest.features}).
     */
    double[] features(Run prev, Run run, String type) {
        double[] base = baseFeatures(prev, run, type);
        if (!net) {
            return base;
        }
        if (Double.isNaN(run.pInside()) || Double.isNaN(run.pBegin())) {
            throw new IllegalArgumentException("this continuation model needs the network's probabilities of the run");
        }
        double[] f = Arrays.copyOf(base, base.length + 2);
        f[base.length] = run.pInside();
        f[base.length + 1] = run.pBegin();
        return f;
    }

    private double[] baseFeatures(Run prev, Run run, String type) {
        Box p = prev.box();
        Box c = run.box();
        double h = Math.max(1.0, Math.min(prev.h(), run.h()));
        String tp = prev.text();
        String tc = run.text();
        int first = tc.isEmpty() ? -1 : tc.codePointAt(0);
        return new double[] {
            (c.y0() - p.y1()) / h,
            (Math.min(p.y1(), c.y1()) - Math.max(p.y0(), c.y0())) / h,
            (Math.min(p.x1(), c.x1()) - Math.max(p.x0(), c.x0())) / h,
            (c.x0() - p.x0()) / h, (c.x0() - p.x1()) / h, (c.x1() - p.x1()) / h,
            (c.x1() - c.x0()) / Math.max(1.0, p.x1() - p.x0()),
            run.h() / Math.max(1.0, prev.h()),
            (p.y1() - p.y0()) / h, (c.y1() - c.y0()) / h,
            Bio.follows(p, c, run.h()) ? 1 : 0,
            tp.endsWith(":") ? 1 : 0,
            tp.endsWith(",") || tp.endsWith("-") || tp.endsWith("&") ? 1 : 0,
            tp.endsWith(".") ? 1 : 0,
            first >= 0 && Character.isLowerCase(first) ? 1 : 0,
            first >= 0 && Character.isUpperCase(first) ? 1 : 0,
            first >= 0 && Character.isDigit(first) ? 1 : 0,
            words(tp), words(tc),
            caps(tp) ? 1 : 0, caps(tc) ? 1 : 0,
            tp.codePointCount(0, tp.length()), tc.codePointCount(0, tc.length()),
            1 + types.indexOf(type),
        };
    }

    private static int words(String t) {
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    /** A cased letter and no lower-case one. */
    private static boolean caps(String t) {
        return t.codePoints().anyMatch(Character::isUpperCase) && t.codePoints().noneMatch(Character::isLowerCase);
    }
}
