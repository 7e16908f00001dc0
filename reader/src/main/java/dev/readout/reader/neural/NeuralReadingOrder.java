package dev.readout.reader.neural;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.readout.core.error.EngineUnavailableException;
import dev.readout.core.model.Box;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.Region;
import dev.readout.core.stage.ModelLocator;
import dev.readout.core.stage.ReadingOrderModel;
import dev.readout.reader.xycut.XyCutReadingOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The learned reading order (LayoutReader-style, one pass): a small layout-aware transformer over the lines of the
 * page, given in XY-cut order with their boxes, scores for every pair of lines the logit that one is read before
 * the other; each pair is decided (keeping the XY-cut order unless the model is confident, by the threshold in the
 * model's config.json), lines are sorted by the pairs they win and neighbours swapped to agree ({@link #decode}).
 * Trained by
 * {@code training/train_order.py}; the model folder is {@code models/order-*} (see {@link ModelLocator},
 * system property {@value #MODEL_PROPERTY}). Pages with more than {@value #MAX_LINES} lines keep the XY-cut order.
 *
 * <p>Found by {@link java.util.ServiceLoader}; without a model it is unavailable and the pipeline uses XY-cut. The
 * model loads on first use. Regions (when the page has none) are the XY-cut blocks, listed in the order of their
 * first line in the predicted order. Thread-safe: one ONNX Runtime session shared by all threads.
 */
public final class NeuralReadingOrder implements ReadingOrderModel, AutoCloseable {
    public static final String MODEL_PROPERTY = "readout.order.model";
    public static final String THREADS_PROPERTY = "readout.order.threads";
    public static final String PREFIX = "order-";
    static final int MAX_LINES = 1024;
    /**
     * Classes of the optional role head: 0 other, 1 head furniture (running head), 2 foot furniture (page number,
     * footer), 3 a band below the line (a newspaper's feuilleton).
     */
    static final int ROLES = 4;
    /** Decoding order of the role groups, as {@code order_model.ROLE_ORDER}. */
    private static final int[] ROLE_ORDER = {1, 0, 3, 2};
    private static final ModelLocator LOCATOR = new ModelLocator(PREFIX);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private final XyCutReadingOrder xycut = new XyCutReadingOrder();
    private final Path modelDir;
    private final String reason;
    /** config.json's {@code rank} (default 10) and {@code decode_tau} (NaN: none), read once with the folder. */
    private final int rank;
    private final double tau;
    /** config.json's {@code role_tau} (NaN: page furniture is not moved, even by a model with a role head). */
    private final double roleTau;
    private final boolean joinPieces;
    private final boolean rulesOnly;
    private volatile OrtSession session;
    private volatile boolean failed;

    /** The ServiceLoader constructor: locates the model and reads its config.json (cheap; the model loads on first use). */
    public NeuralReadingOrder() {
        this(LOCATOR.locate(MODEL_PROPERTY));
    }

    private NeuralReadingOrder(ModelLocator.Located found) {
        modelDir = found.dir().orElse(null);
        reason = found.reason();
        com.fasterxml.jackson.databind.JsonNode config = readConfig();
        rank = config.path("rank").isInt() ? config.path("rank").asInt() : 10;
        tau = config.path("decode_tau").isNumber() ? config.path("decode_tau").asDouble() : Double.NaN;
        roleTau = config.path("role_tau").isNumber() ? config.path("role_tau").asDouble() : Double.NaN;
        joinPieces = config.path("join_pieces").asBoolean(false);
        rulesOnly = config.path("rules_only").asBoolean(false);
    }

    /** A model read from {@code modelDir}, loaded now; throws {@link EngineUnavailableException} if it cannot be. */
    public NeuralReadingOrder(Path modelDir) {
        this(new ModelLocator.Located(java.util.Optional.of(modelDir), ""));
        if (session() == null) {
            throw new EngineUnavailableException("reading-order model " + modelDir + " cannot be loaded");
        }
    }

    @Override
    public String name() {
        return modelDir == null ? "order-unavailable" : modelDir.toAbsolutePath().normalize().getFileName().toString();
    }

    /**
     * The model's own {@code rank} in its config.json (default 10, above XY-cut's 0): the pipeline uses the learned
     * order by default only when its model card shows it beats XY-cut; a model that does not is shipped with a
     * negative rank, still available to {@code readout eval reading-order} and {@code -Dreadout.order=NAME}.
     */
    @Override
    public int rank() {
        return rank;
    }

    @Override
    public boolean available() {
        if (modelDir == null) {
            warnOnce("reading-order model not found, using XY-cut: " + reason);
            return false;
        }
        return !failed;
    }

    @Override
    public List<String> order(Page page) {
        if (!runsOn(page)) {
            return xycut.order(page);
        }
        List<String> out = new ArrayList<>();
        for (Line l : orderedLines(page, xycut.blocks(page))) {
            out.add(l.id());
        }
        return out;
    }

    @Override
    public Page apply(Page page) {
        if (!runsOn(page)) {
            return xycut.apply(page);
        }
        List<List<Line>> blocks = xycut.blocks(page);
        List<Line> lines = orderedLines(page, blocks);
        List<String> order = lines.stream().map(Line::id).toList();
        Page p = page.withReadingOrder(order, name());
        if (XyCutReadingOrder.needsTextRegions(page, blocks)) {
            Map<String, Integer> pos = new HashMap<>();
            for (int i = 0; i < order.size(); i++) {
                pos.put(order.get(i), i);
            }
            List<List<Line>> sorted = new ArrayList<>(blocks);
            sorted.sort(Comparator.comparingInt(b -> b.stream().mapToInt(l -> pos.get(l.id())).min().orElse(0)));
            List<List<Line>> regions = new ArrayList<>();
            for (List<Line> b : sorted) {
                List<Line> inOrder = new ArrayList<>(b);
                inOrder.sort(Comparator.comparingInt(l -> pos.get(l.id())));
                regions.add(inOrder);
            }
            p = p.withRegions(XyCutReadingOrder.regions(page, regions, name()));
        }
        return p;
    }

    /**
     * Whether the model reads this page: not when its config.json says {@code "rules_only": true} and the page has
     * no printed rules ({@link Region#isSeparator() separator} regions): such a model was trained to see rules, and
     * on pages without them it is no better than XY-cut (measured: BLEU-4 0.0004–0.0012 lower on synthetic pages without their rules),
     * so those pages get XY-cut's order and {@code readingOrderSource} says {@code xycut} — at XY-cut's cost.
     */
    boolean runsOn(Page page) {
        return !rulesOnly || page.regions().stream().anyMatch(Region::isSeparator);
    }

    /** The lines of {@code page} in predicted order; {@code blocks} are its XY-cut blocks. */
    List<Line> orderedLines(Page page, List<List<Line>> blocks) {
        List<Line> input = new ArrayList<>();
        blocks.forEach(input::addAll);
        int n = input.size();
        OrtSession s = n < 3 || n > MAX_LINES ? null : session();
        if (s == null) {
            return input;
        }
        List<List<Integer>> groups = joinPieces ? rowGroups(blocks) : null;
        List<List<Line>> units = groups == null ? blocks : joined(blocks, groups);
        List<Line> unitLines = new ArrayList<>();
        units.forEach(unitLines::addAll);
        int m = unitLines.size();
        if (m < 3) {
            return input;
        }
        float[] rules = s.getInputNames().contains("rules") ? OrderFeatures.rulePairs(page, unitLines) : null;
        float[][] outputs = run(s, OrderFeatures.of(page, units), rules, m);
        List<Line> out = new ArrayList<>(n);
        for (int i : decode(outputs[0], outputs[1], m, tau, roleTau)) {
            if (groups == null) {
                out.add(input.get(i));
            } else {
                groups.get(i).forEach(k -> out.add(input.get(k)));
            }
        }
        return out;
    }

    /**
     * The pieces of one printed line, joined: runs of lines that follow each other in XY-cut order within one
     * XY-cut block, on the same row (vertical overlap at least half the smaller height) and each starting right of
     * where the previous one ends. Our text-layer ingest cuts a justified line into such pieces at its wide word
     * gaps; the model orders whole lines and the pieces keep their XY-cut order inside them.
     *
     * @return per unit (in input order) the input positions of its pieces
     */
    static List<List<Integer>> rowGroups(List<List<Line>> blocks) {
        List<List<Integer>> groups = new ArrayList<>();
        int k = 0;
        for (List<Line> b : blocks) {
            Line prev = null;
            for (Line l : b) {
                if (prev != null && sameRowAfter(prev.box(), l.box())) {
                    groups.get(groups.size() - 1).add(k);
                } else {
                    groups.add(new ArrayList<>(List.of(k)));
                }
                prev = l;
                k++;
            }
        }
        return groups;
    }

    private static boolean sameRowAfter(Box a, Box b) {
        double ov = Math.min(a.y1(), b.y1()) - Math.max(a.y0(), b.y0());
        double minH = Math.min(a.height(), b.height());
        return minH > 0 && ov >= 0.5 * minH && b.x0() >= a.x1() - 0.5 * minH;
    }

    /** {@code blocks} with each group's pieces joined into one line (the first piece's id, the union box). */
    private static List<List<Line>> joined(List<List<Line>> blocks, List<List<Integer>> groups) {
        List<Line> flat = new ArrayList<>();
        blocks.forEach(flat::addAll);
        List<List<Line>> out = new ArrayList<>();
        int g = 0;
        int k = 0;
        for (List<Line> b : blocks) {
            List<Line> nb = new ArrayList<>();
            int end = k + b.size();
            while (k < end) {
                List<Integer> grp = groups.get(g++);
                List<Line> pieces = grp.stream().map(flat::get).toList();
                Line first = pieces.get(0);
                List<String> words = new ArrayList<>();
                pieces.forEach(p -> words.addAll(p.wordIds()));
                nb.add(pieces.size() == 1 ? first : new Line(first.id(), Box.unionOf(pieces.stream().map(Line::box).toList()),
                        words, first.confidence(), first.source()));
                k += grp.size();
            }
            out.add(nb);
        }
        return out;
    }

    /**
     * The order (input positions = XY-cut ranks) from pair logits [n × n], exactly as
     * {@code training/order_model.decode}: each pair is decided once — with {@code tau} (0.5 ≤ tau < 1) a pair the
     * XY-cut reads i then j flips only when sigmoid(P[j][i]) > tau, without it (NaN) the model's preference
     * sigmoid(P[i][j]) ≥ sigmoid(P[j][i]) decides; lines are sorted by the pairs they win (ties: input position),
     * then odd-even transposition passes swap neighbours the pair decision orders the other way round, until none
     * is swapped (at most n passes).
     */
    static int[] decode(float[] logits, int n, double tau) {
        return decode(logits, null, n, tau, Double.NaN);
    }

    /**
     * The pair decoding ({@link #decode(float[], int, double)}), then page furniture moved where the conventions put
     * it, exactly as {@code training/order_model.decode_roles}: each line whose role (softmax probability above
     * {@code roleTau}) is head furniture (running head) first, then the other lines, then the lines of a band below
     * the line (feuilleton), then foot furniture (page number, footer); each group in decoded order. Without role logits or with {@code roleTau} NaN, the pair
     * decoding alone.
     *
     * @param roles [n × {@value #ROLES}] role logits (other, head, foot), or null
     */
    static int[] decode(float[] logits, float[] roles, int n, double tau, double roleTau) {
        int[] order = decodePairs(logits, n, tau);
        if (roles == null || Double.isNaN(roleTau)) {
            return order;
        }
        int[] f = furniture(roles, n, roleTau);
        int[] out = new int[n];
        int k = 0;
        for (int role : ROLE_ORDER) {
            for (int i : order) {
                if (f[i] == role) {
                    out[k++] = i;
                }
            }
        }
        return out;
    }

    /** Per line its role class above {@code roleTau}, else 0 (softmax in double over the float logits). */
    static int[] furniture(float[] roles, int n, double roleTau) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < ROLES; c++) {
                m = Math.max(m, roles[i * ROLES + c]);
            }
            double[] e = new double[ROLES];
            double z = 0;
            for (int c = 0; c < ROLES; c++) {
                e[c] = Math.exp(roles[i * ROLES + c] - m);
                z += e[c];
            }
            for (int c = 1; c < ROLES; c++) {
                if (e[c] / z > roleTau) {
                    out[i] = c;
                    break;
                }
            }
        }
        return out;
    }

    private static int[] decodePairs(float[] logits, int n, double tau) {
        boolean[][] before = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                float pij = (float) sigmoid(logits[i * n + j]);
                float pji = (float) sigmoid(logits[j * n + i]);
                boolean ij = Double.isNaN(tau) ? (double) pij - (double) pji >= 0 : !((double) pji > tau);
                before[i][j] = ij;
                before[j][i] = !ij;
            }
        }
        int[] score = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j && before[i][j]) {
                    score[i]++;
                }
            }
        }
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> score[a] != score[b] ? Integer.compare(score[b], score[a]) : Integer.compare(a, b));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = idx[i];
        }
        for (int it = 0; it < n; it++) {
            boolean swapped = false;
            for (int start = 0; start < 2; start++) {
                for (int k = start; k + 1 < n; k += 2) {
                    int a = order[k];
                    int b = order[k + 1];
                    if (before[b][a]) {
                        order[k] = b;
                        order[k + 1] = a;
                        swapped = true;
                    }
                }
            }
            if (!swapped) {
                break;
            }
        }
        return order;
    }

    /** The model's outputs: pair logits [n × n] and, if it has a role head, role logits [n × ROLES] (else null). */
    private static float[][] run(OrtSession s, OrderFeatures f, float[] rules, int n) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        LongBuffer boxes = LongBuffer.allocate(n * 4);
        LongBuffer feats = LongBuffer.allocate(n * OrderFeatures.N_FEATS);
        FloatBuffer mask = FloatBuffer.allocate(n);
        for (int i = 0; i < n; i++) {
            boxes.put(f.boxes()[i]);
            feats.put(f.feats()[i]);
            mask.put(1f);
        }
        boxes.flip();
        feats.flip();
        mask.flip();
        try (OnnxTensor b = OnnxTensor.createTensor(env, boxes, new long[] {1, n, 4});
             OnnxTensor ft = OnnxTensor.createTensor(env, feats, new long[] {1, n, OrderFeatures.N_FEATS});
             OnnxTensor m = OnnxTensor.createTensor(env, mask, new long[] {1, n});
             OnnxTensor rp = rules == null ? null : OnnxTensor.createTensor(env, FloatBuffer.wrap(rules), new long[] {1, n, n, 2});
             OrtSession.Result r = s.run(rp == null ? Map.of("boxes", b, "feats", ft, "mask", m)
                     : Map.of("boxes", b, "feats", ft, "mask", m, "rules", rp))) {
            FloatBuffer out = ((OnnxTensor) r.get("before").orElse(r.get(0))).getFloatBuffer();
            float[] a = new float[n * n];
            out.get(a);
            float[] roles = null;
            if (r.get("role").isPresent()) {
                roles = new float[n * ROLES];
                ((OnnxTensor) r.get("role").get()).getFloatBuffer().get(roles);
            }
            return new float[][] {a, roles};
        } catch (OrtException e) {
            throw new IllegalStateException("reading-order model failed on a page of " + n + " lines: " + e.getMessage(), e);
        }
    }

    private static double sigmoid(float x) {
        return 1 / (1 + Math.exp(-x));
    }

    private OrtSession session() {
        OrtSession s = session;
        if (s != null || failed || modelDir == null) {
            return s;
        }
        synchronized (this) {
            if (session == null && !failed) {
                try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
                    so.setIntraOpNumThreads(threads());
                    so.setInterOpNumThreads(1);
                    so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                    so.addConfigEntry("session.intra_op.allow_spinning", "0");
                    so.addConfigEntry("session.inter_op.allow_spinning", "0");
                    OrtSession created = OrtEnvironment.getEnvironment().createSession(
                            modelDir.resolve(ModelLocator.MODEL_FILE).toString(), so);
                    checkContract(created);
                    session = created;
                } catch (OrtException | RuntimeException e) {
                    failed = true;
                    warnOnce("reading-order model " + modelDir + " cannot be used, using XY-cut: " + e.getMessage());
                }
            }
            return session;
        }
    }

    /** The model's config.json; an empty object without a model; marks the model failed when it cannot be read. */
    private com.fasterxml.jackson.databind.JsonNode readConfig() {
        if (modelDir == null) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(modelDir.resolve(ModelLocator.CONFIG_FILE).toFile());
        } catch (java.io.IOException e) {
            failed = true;
            warnOnce("reading-order model " + modelDir + " cannot be used, using XY-cut: " + e.getMessage());
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    private static void checkContract(OrtSession s) throws OrtException {
        Map<String, NodeInfo> in = s.getInputInfo();
        Map<String, NodeInfo> outs = s.getOutputInfo();
        NodeInfo before = outs.size() == 1 ? outs.values().iterator().next() : outs.get("before");
        NodeInfo role = outs.get("role");
        Set<String> inputs = new java.util.HashSet<>(in.keySet());
        inputs.remove("rules");
        boolean ok = inputs.equals(Set.of("boxes", "feats", "mask"))
                && (outs.size() == 1 || outs.size() == 2 && role != null)
                && before != null && before.getInfo() instanceof TensorInfo t && t.getShape().length == 3
                && (role == null || role.getInfo() instanceof TensorInfo rt && rt.getShape().length == 3 && rt.getShape()[2] == ROLES);
        if (!ok) {
            s.close();
            throw new IllegalStateException("expected inputs boxes [B,n,4], feats [B,n," + OrderFeatures.N_FEATS
                    + "], mask [B,n] (and optionally rules [B,n,n,2]), an output before [B,n,n] and optionally role [B,n,"
                    + ROLES + "]; found inputs "
                    + in.keySet() + ", outputs " + outs.keySet());
        }
    }

    private static int threads() {
        try {
            return Math.max(1, Integer.parseInt(System.getProperty(THREADS_PROPERTY, "1").trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static void warnOnce(String line) {
        if (WARNED.compareAndSet(false, true)) {
            System.err.println("readout: " + line);
        }
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                // closing: nothing left to do
            }
            session = null;
        }
    }
}
