package dev.readout.layout.onnx;

import dev.readout.core.model.Box;
import dev.readout.core.model.Entity;
import dev.readout.core.model.Relation;
import dev.readout.layout.LayoutModelConfig;
import dev.readout.layout.decode.LinkGeometry;
import dev.readout.layout.input.EncodedPage;
import dev.readout.layout.input.Window;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the layout model made of one page: the words in model input order, their BIO tags, the entities and
 * relations built from them, and the window outputs, kept so that links between any word groups (for
 * example gold entities, in evaluation) can be scored without running the model again. Immutable.
 */
public final class PageAnalysis {
    private final LayoutModelConfig config;
    private final EncodedPage encoded;
    private final List<WindowOutput> outputs;
    private final List<String> wordIds;
    private final Map<String, Box> wordBoxes;
    private final List<String> tags;
    private final List<Entity> entities;
    private final List<Relation> relations;
    private final Map<String, Integer> position = new HashMap<>();

    PageAnalysis(LayoutModelConfig config, EncodedPage encoded, List<WindowOutput> outputs, List<String> wordIds,
                 Map<String, Box> wordBoxes, List<String> tags, List<Entity> entities, List<Relation> relations) {
        this.wordBoxes = Map.copyOf(wordBoxes);
        this.config = config;
        this.encoded = encoded;
        this.outputs = List.copyOf(outputs);
        this.wordIds = List.copyOf(wordIds);
        this.tags = List.copyOf(tags);
        this.entities = List.copyOf(entities);
        this.relations = List.copyOf(relations);
        for (int p = 0; p < this.wordIds.size(); p++) {
            position.put(this.wordIds.get(p), p);
        }
    }

    /** Ids of the words fed to the model, in model input order. */
    public List<String> wordIds() {
        return wordIds;
    }

    /** The decoded tag of each word of {@link #wordIds()} ({@code O}, {@code B-QUESTION}, …). */
    public List<String> tags() {
        return tags;
    }

    public List<Entity> entities() {
        return entities;
    }

    public List<Relation> relations() {
        return relations;
    }

    public EncodedPage encoded() {
        return encoded;
    }

    public List<WindowOutput> outputs() {
        return outputs;
    }

    /**
     * The link score {@code sigmoid(dot(mean_q(question), mean_a(answer)) / sqrt(D) + bias + weight × prior)},
     * pooled over all sub-tokens of the groups' words in the first window that holds every word of both, with the
     * layout prior of {@code link.geometry} ({@link LinkGeometry}, 0 without one); NaN when no window holds both,
     * or a group is empty or names a word the model did not see.
     */
    public double linkScore(Collection<String> questionWordIds, Collection<String> answerWordIds) {
        int[] q = positions(questionWordIds);
        int[] a = positions(answerWordIds);
        if (q == null || a == null) {
            return Double.NaN;
        }
        for (int wi = 0; wi < encoded.windows().size(); wi++) {
            Window w = encoded.windows().get(wi);
            if (inside(w, q) && inside(w, a)) {
                WindowOutput o = outputs.get(wi);
                double[] mq = pool(w, q, o.linkQ(), o.dim());
                double[] ma = pool(w, a, o.linkA(), o.dim());
                double dot = 0;
                for (int d = 0; d < mq.length; d++) {
                    dot += mq[d] * ma[d];
                }
                return sigmoid(dot / Math.sqrt(o.dim()) + config.linkBias() + geometryBonus(questionWordIds, answerWordIds));
            }
        }
        return Double.NaN;
    }

    /** {@link #linkScore} for every (question, answer) pair: {@code [q][a]}. */
    public double[][] linkScores(List<? extends Collection<String>> questions, List<? extends Collection<String>> answers) {
        double[][] s = new double[questions.size()][answers.size()];
        for (int qi = 0; qi < questions.size(); qi++) {
            for (int ai = 0; ai < answers.size(); ai++) {
                s[qi][ai] = linkScore(questions.get(qi), answers.get(ai));
            }
        }
        return s;
    }

    /**
     * The linking rule of the model's config applied to scores {@code [q][a]}: a pair is linked when its score
     * is at least {@code link.threshold} and, with {@code link.one_question_per_answer}, the question is the
     * best-scoring linked question of the answer (the first on ties). NaN scores are never linked.
     */
    public static boolean[][] decideLinks(double[][] scores, double threshold, boolean onePerAnswer) {
        int nq = scores.length;
        int na = nq == 0 ? 0 : scores[0].length;
        boolean[][] linked = new boolean[nq][na];
        for (int ai = 0; ai < na; ai++) {
            int best = -1;
            for (int qi = 0; qi < nq; qi++) {
                double s = scores[qi][ai];
                if (Double.isNaN(s) || s < threshold) {
                    continue;
                }
                if (onePerAnswer) {
                    if (best < 0 || s > scores[best][ai]) {
                        best = qi;
                    }
                } else {
                    linked[qi][ai] = true;
                }
            }
            if (best >= 0) {
                linked[best][ai] = true;
            }
        }
        return linked;
    }

    /** {@link #decideLinks} with this model's threshold and rule, over groups of word ids. */
    public boolean[][] links(List<? extends Collection<String>> questions, List<? extends Collection<String>> answers) {
        return decideLinks(linkScores(questions, answers), config.linkThreshold(), config.onePerAnswer());
    }

    private double geometryBonus(Collection<String> q, Collection<String> a) {
        LinkGeometry g = config.linkGeometry();
        if (g.weight() == 0) {
            return 0;
        }
        return g.logitBonus(extent(q), extent(a));
    }

    private LinkGeometry.Extent extent(Collection<String> ids) {
        List<Box> boxes = new ArrayList<>(ids.size());
        for (String id : ids) {
            boxes.add(wordBoxes.get(id));
        }
        return LinkGeometry.Extent.of(boxes);
    }

    private int[] positions(Collection<String> ids) {
        if (ids.isEmpty()) {
            return null;
        }
        List<Integer> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            Integer p = position.get(id);
            if (p == null) {
                return null;
            }
            out.add(p);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean inside(Window w, int[] positions) {
        for (int p : positions) {
            if (!w.contains(p)) {
                return false;
            }
        }
        return true;
    }

    private static double[] pool(Window w, int[] words, float[] vectors, int dim) {
        double[] sum = new double[dim];
        int n = 0;
        for (int p : words) {
            int from = w.tokenStart()[p - w.start()];
            int to = w.tokenEnd()[p - w.start()];
            for (int t = from; t < to; t++) {
                int off = t * dim;
                for (int d = 0; d < dim; d++) {
                    sum[d] += vectors[off + d];
                }
                n++;
            }
        }
        for (int d = 0; d < dim; d++) {
            sum[d] /= n;
        }
        return sum;
    }

    static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }
}
