package dev.readout.layout.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.readout.core.error.EngineUnavailableException;
import dev.readout.core.model.Box;
import dev.readout.core.model.Entity;
import dev.readout.core.model.Page;
import dev.readout.core.model.Relation;
import dev.readout.core.model.Word;
import dev.readout.core.stage.PageStage;
import dev.readout.layout.LayoutModelConfig;
import dev.readout.layout.decode.Bio;
import dev.readout.layout.decode.Continuation;
import dev.readout.layout.decode.RunTyper;
import dev.readout.layout.input.EncodedPage;
import dev.readout.layout.input.PageEncoder;
import dev.readout.layout.input.Window;
import dev.readout.layout.tokenizer.WordPieceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The layout model ({@code models/<name>/}: {@code config.json}, {@code model.onnx}, {@code vocab.txt}) as a
 * page stage: labels words as header / question / answer entities and links questions to answers, following
 * {@code training/README.md}. One ONNX Runtime session, created at load and shared by all threads (ORT sessions
 * are thread-safe for {@code run}); the tensors of a request are created and closed within the request.
 * Runs after reading order (priority {@value #PRIORITY}). Close it to free the native session.
 */
public final class OnnxLayoutModel implements PageStage, AutoCloseable {
    public static final int PRIORITY = 200;
    public static final String RELATION_TYPE = "key-value";
    static final List<String> INPUTS = List.of("input_ids", "attention_mask", "bbox");
    /** The optional fourth input of models trained with {@code --case-types}: 1 for tokens of words in capitals. */
    static final String TOKEN_TYPES = "token_type_ids";
    static final List<String> OUTPUTS = List.of("logits", "link_q", "link_a");

    /**
     * @param intraOpThreads ONNX Runtime threads per inference (default 2)
     * @param batchSize      at most this many windows of a page per run (default 8)
     * @param geometryWeight the weight of the link prior ({@code link.geometry.weight}); NaN: the config's
     */
    public record Options(int intraOpThreads, int batchSize, double geometryWeight) {
        public static final Options DEFAULT = new Options(2, 8);

        public Options {
            if (intraOpThreads < 1 || batchSize < 1) {
                throw new IllegalArgumentException("threads and batch size must be at least 1");
            }
            if (geometryWeight < 0) {
                throw new IllegalArgumentException("the link prior weight must not be negative: " + geometryWeight);
            }
        }

        /** The config's link prior weight. */
        public Options(int intraOpThreads, int batchSize) {
            this(intraOpThreads, batchSize, Double.NaN);
        }
    }

    private final LayoutModelConfig config;
    private final PageEncoder encoder;
    /** The learned continuation decision of segment decoding, or null (Viterbi and {@code Bio.follows}). */
    private final Continuation continuation;
    /** The learned run types of segment decoding, or null (the largest summed probability). */
    private final RunTyper typer;
    private final Bio bio;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final Options options;
    private final double loadSeconds;
    /** Whether the graph takes {@value #TOKEN_TYPES} (a model trained with {@code --case-types}). */
    private final boolean caseTypes;

    private OnnxLayoutModel(LayoutModelConfig config, PageEncoder encoder, Continuation continuation, RunTyper typer,
                            OrtEnvironment env, OrtSession session, Options options, double loadSeconds) {
        this.config = config;
        this.encoder = encoder;
        this.continuation = continuation;
        this.typer = typer;
        this.bio = new Bio(config.labels());
        this.env = env;
        this.session = session;
        this.options = options;
        this.loadSeconds = loadSeconds;
        this.caseTypes = session.getInputNames().contains(TOKEN_TYPES);
    }

    /** Loads a model folder with {@link Options#DEFAULT}. */
    public static OnnxLayoutModel load(Path modelDir) {
        return load(modelDir, Options.DEFAULT);
    }

    /**
     * Loads a model folder: reads and checks {@code config.json}, the vocabulary, and the ONNX graph's inputs
     * and outputs against the contract. Fails with {@link EngineUnavailableException} saying what is wrong.
     */
    public static OnnxLayoutModel load(Path modelDir, Options options) {
        long t0 = System.nanoTime();
        if (!Files.isDirectory(modelDir)) {
            throw new EngineUnavailableException("layout model folder not found: " + modelDir);
        }
        LayoutModelConfig config;
        try {
            config = LayoutModelConfig.read(modelDir);
        } catch (IllegalArgumentException e) {
            throw new EngineUnavailableException(e.getMessage());
        }
        if (!Double.isNaN(options.geometryWeight())) {
            config = config.withGeometryWeight(options.geometryWeight());
        }
        if (config.maxCharsPerWord() != 100) {
            throw new EngineUnavailableException("layout model " + config.name()
                    + ": tokenizer.max_chars_per_word must be 100 for this runtime: " + config.maxCharsPerWord());
        }
        WordPieceTokenizer tokenizer;
        try (InputStream in = Files.newInputStream(config.vocabFile())) {
            tokenizer = WordPieceTokenizer.fromVocab(in, config.lowerCase());
        } catch (IOException | IllegalArgumentException e) {
            throw new EngineUnavailableException("layout model " + config.name() + ": cannot read vocabulary "
                    + config.vocabFile() + ": " + e.getMessage());
        }
        checkSpecialIds(config, tokenizer);
        Continuation continuation = decodingModel(config, config.continuationFile(), Continuation::read);
        if (continuation != null) {
            checkTypes(config, "the continuation model " + config.continuationFile(), continuation.types());
        }
        RunTyper typer = decodingModel(config, config.typerFile(), RunTyper::read);
        if (typer != null) {
            checkTypes(config, "the run typer " + config.typerFile(), RunTyper.TYPES);
        }
        if (!Files.isRegularFile(config.onnxFile())) {
            throw new EngineUnavailableException("layout model " + config.name() + ": no ONNX file " + config.onnxFile());
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = null;
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(options.intraOpThreads());
            so.setInterOpNumThreads(1);
            so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // threads sleep instead of spinning between and after ops: we share the CPU with OCR workers
            so.addConfigEntry("session.intra_op.allow_spinning", "0");
            so.addConfigEntry("session.inter_op.allow_spinning", "0");
            session = env.createSession(config.onnxFile().toString(), so);
            checkContract(config, session);
        } catch (OrtException e) {
            closeQuietly(session);
            throw new EngineUnavailableException("layout model " + config.name() + ": ONNX Runtime cannot load "
                    + config.onnxFile() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new OnnxLayoutModel(config, new PageEncoder(config, tokenizer), continuation, typer, env, session, options, seconds);
    }

    /** A decoding model's file read by {@code read}, or null without one; a bad file makes the model unavailable. */
    private static <T> T decodingModel(LayoutModelConfig config, Path file, Function<Path, T> read) {
        if (file == null) {
            return null;
        }
        try {
            return read.apply(file);
        } catch (IllegalArgumentException e) {
            throw new EngineUnavailableException("layout model " + config.name() + ": " + e.getMessage());
        }
    }

    /** Fails unless every entity type of the model's labels is one of {@code known} (those {@code what} was trained on). */
    private static void checkTypes(LayoutModelConfig config, String what, List<String> known) {
        for (String l : config.labels()) {
            if (!l.equals("O") && !known.contains(l.substring(2))) {
                throw new EngineUnavailableException("layout model " + config.name() + ": " + what + " knows types "
                        + known + ", not " + l.substring(2));
            }
        }
    }

    private static void checkSpecialIds(LayoutModelConfig c, WordPieceTokenizer tok) {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put(WordPieceTokenizer.CLS, c.clsId());
        expected.put(WordPieceTokenizer.SEP, c.sepId());
        expected.put(WordPieceTokenizer.PAD, c.padId());
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            if (tok.id(e.getKey()) != e.getValue()) {
                throw new EngineUnavailableException("layout model " + c.name() + ": vocabulary gives " + e.getKey()
                        + " id " + tok.id(e.getKey()) + " but config.json says " + e.getValue());
            }
        }
    }

    /** Checks the graph's input and output names, types and ranks against the contract. */
    static void checkContract(LayoutModelConfig c, OrtSession s) throws OrtException {
        Map<String, NodeInfo> in = s.getInputInfo();
        Map<String, NodeInfo> out = s.getOutputInfo();
        String expected = "expected inputs input_ids int64 [batch, sequence], attention_mask int64 [batch, sequence],"
                + " bbox int64 [batch, sequence, 4] (and optionally " + TOKEN_TYPES + " int64 [batch, sequence]) and outputs logits float32 [batch, sequence, " + c.labelCount()
                + "], link_q and link_a float32 [batch, sequence, " + c.linkDim() + "]";
        String found = "; found inputs " + describe(in) + " and outputs " + describe(out);
        String prefix = "layout model " + c.name() + ": " + c.onnxFile().getFileName()
                + " does not follow the " + LayoutModelConfig.FORMAT + " contract: ";
        boolean inputsOk = in.keySet().equals(Set.copyOf(INPUTS)) || in.keySet().size() == INPUTS.size() + 1
                && in.keySet().containsAll(INPUTS) && in.containsKey(TOKEN_TYPES)
                && matches(in.get(TOKEN_TYPES), OnnxJavaType.INT64, new long[] {-1, -1});
        if (!inputsOk || !out.keySet().containsAll(OUTPUTS)) {
            throw new EngineUnavailableException(prefix + expected + found);
        }
        long[][] inShapes = {{-1, -1}, {-1, -1}, {-1, -1, 4}};
        for (int i = 0; i < INPUTS.size(); i++) {
            if (!matches(in.get(INPUTS.get(i)), OnnxJavaType.INT64, inShapes[i])) {
                throw new EngineUnavailableException(prefix + expected + found);
            }
        }
        long[][] outShapes = {{-1, -1, c.labelCount()}, {-1, -1, c.linkDim()}, {-1, -1, c.linkDim()}};
        for (int i = 0; i < OUTPUTS.size(); i++) {
            if (!matches(out.get(OUTPUTS.get(i)), OnnxJavaType.FLOAT, outShapes[i])) {
                throw new EngineUnavailableException(prefix + expected + found);
            }
        }
    }

    private static boolean matches(NodeInfo n, OnnxJavaType type, long[] shape) {
        if (!(n.getInfo() instanceof TensorInfo t) || t.type != type || t.getShape().length != shape.length) {
            return false;
        }
        long[] s = t.getShape();
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] >= 0 && s[i] >= 0 && s[i] != shape[i]) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Map<String, NodeInfo> m) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, NodeInfo> e : m.entrySet()) {
            if (e.getValue().getInfo() instanceof TensorInfo t) {
                out.add(e.getKey() + " " + t.type.name().toLowerCase(Locale.ROOT) + " " + Arrays.toString(t.getShape()));
            } else {
                out.add(e.getKey() + " " + e.getValue().getInfo());
            }
        }
        return out.toString();
    }

    public LayoutModelConfig config() {
        return config;
    }

    public PageEncoder encoder() {
        return encoder;
    }

    public Options options() {
        return options;
    }

    /** Seconds {@link #load} took (config, vocabulary, session creation and checks). */
    public double loadSeconds() {
        return loadSeconds;
    }

    /** The model folder's name, e.g. {@code layout-minilm-funsd}. */
    @Override
    public String name() {
        return config.name();
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    /** The page with its entities and relations replaced by this model's. */
    @Override
    public Page apply(Page page) {
        PageAnalysis a = analyze(page);
        return page.withEntities(a.entities(), a.relations());
    }

    /** Runs the model on a page's words (blank ones skipped) and decodes entities and relations. */
    public PageAnalysis analyze(Page page) {
        List<Word> words = config.wordOrder() == LayoutModelConfig.WordOrder.JSON ? inReadingOrder(page) : page.words();
        List<String> texts = new ArrayList<>(words.size());
        List<Box> boxes = new ArrayList<>(words.size());
        for (Word w : words) {
            texts.add(w.text());
            boxes.add(w.box());
        }
        EncodedPage enc = encoder.encode(texts, boxes, page.width(), page.height());
        List<WindowOutput> outs = run(enc.windows());
        int n = enc.size();
        float[][] wordLogits = new float[n][];
        List<String> ids = new ArrayList<>(n);
        for (int p = 0; p < n; p++) {
            Window w = enc.windows().get(enc.chosen()[p]);
            wordLogits[p] = outs.get(enc.chosen()[p]).logitsAt(w.tokenStart()[p - w.start()]);
            ids.add(words.get(enc.order()[p]).id());
        }
        int[] labels = switch (config.decoding()) {
            case ARGMAX -> bio.argmax(wordLogits);
            case VITERBI -> bio.viterbi(wordLogits);
            case SEGMENT -> bio.segmentVote(wordLogits, bio.viterbi(wordLogits), enc.boxes(), inputBoxes(words, enc),
                    continuation, typer, inputTexts(words, enc));
        };
        List<String> tags = new ArrayList<>(n);
        for (int l : labels) {
            tags.add(config.labels().get(l));
        }
        List<Entity> entities = new ArrayList<>();
        List<List<String>> entityWords = new ArrayList<>();
        for (Bio.Chunk c : Bio.chunks(tags)) {
            List<String> wids = new ArrayList<>();
            Box box = null;
            double prob = 0;
            for (int p = c.start(); p < c.end(); p++) {
                Word w = words.get(enc.order()[p]);
                wids.add(w.id());
                box = box == null ? w.box() : box.union(w.box());
                prob += Bio.softmax(wordLogits[p])[labels[p]];
            }
            String id = "p" + page.number() + "-e" + (entities.size() + 1);
            entities.add(new Entity(id, c.type().toLowerCase(Locale.ROOT), wids, box, prob / (c.end() - c.start()), name()));
            entityWords.add(wids);
        }
        Map<String, Box> wordBoxes = new HashMap<>();
        for (Word w : words) {
            wordBoxes.put(w.id(), w.box());
        }
        PageAnalysis partial = new PageAnalysis(config, enc, outs, ids, wordBoxes, tags, entities, List.of());
        List<Integer> qs = new ArrayList<>();
        List<Integer> as = new ArrayList<>();
        for (int e = 0; e < entities.size(); e++) {
            switch (entities.get(e).label()) {
                case "question" -> qs.add(e);
                case "answer" -> as.add(e);
                default -> { }
            }
        }
        List<List<String>> qWords = qs.stream().map(entityWords::get).toList();
        List<List<String>> aWords = as.stream().map(entityWords::get).toList();
        double[][] scores = partial.linkScores(qWords, aWords);
        boolean[][] linked = PageAnalysis.decideLinks(scores, config.linkThreshold(), config.onePerAnswer());
        List<Relation> relations = new ArrayList<>();
        for (int qi = 0; qi < qs.size(); qi++) {
            for (int ai = 0; ai < as.size(); ai++) {
                if (linked[qi][ai]) {
                    relations.add(new Relation(entities.get(qs.get(qi)).id(), entities.get(as.get(ai)).id(),
                            RELATION_TYPE, scores[qi][ai], name()));
                }
            }
        }
        return new PageAnalysis(config, enc, outs, ids, wordBoxes, tags, entities, relations);
    }

    /**
     * Link scores between given word groups of a page (e.g. gold question and answer entities), {@code [q][a]};
     * NaN where the two groups never share a window. Runs the model on the page.
     */
    public double[][] scoreLinks(Page page, List<? extends Collection<String>> questions,
                                 List<? extends Collection<String>> answers) {
        return analyze(page).linkScores(questions, answers);
    }

    private static String[] inputTexts(List<Word> words, EncodedPage enc) {
        String[] out = new String[enc.size()];
        for (int p = 0; p < out.length; p++) {
            out[p] = words.get(enc.order()[p]).text();
        }
        return out;
    }

    private static Box[] inputBoxes(List<Word> words, EncodedPage enc) {
        Box[] out = new Box[enc.size()];
        for (int p = 0; p < out.length; p++) {
            out[p] = words.get(enc.order()[p]).box();
        }
        return out;
    }

    /** Runs windows through the model, at most {@code batchSize} per call, each batch padded to its longest. */
    public List<WindowOutput> run(List<Window> windows) {
        List<WindowOutput> out = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i += options.batchSize()) {
            out.addAll(runBatch(windows.subList(i, Math.min(windows.size(), i + options.batchSize()))));
        }
        return out;
    }

    private List<WindowOutput> runBatch(List<Window> batch) {
        int b = batch.size();
        int len = batch.stream().mapToInt(Window::length).max().orElse(0);
        if (len > config.maxLength()) {
            throw new IllegalStateException("window of " + len + " tokens exceeds max_length " + config.maxLength());
        }
        long[] ids = new long[b * len];
        long[] mask = new long[b * len];
        long[] bbox = new long[b * len * 4];
        long[] types = caseTypes ? new long[b * len] : null;    // only models trained with --case-types read them
        Arrays.fill(ids, config.padId());
        for (int i = 0; i < b; i++) {
            Window w = batch.get(i);
            System.arraycopy(w.inputIds(), 0, ids, i * len, w.length());
            Arrays.fill(mask, i * len, i * len + w.length(), 1L);
            System.arraycopy(w.bbox(), 0, bbox, i * len * 4, w.length() * 4);
            if (types != null) {
                System.arraycopy(w.tokenTypes(), 0, types, i * len, w.length());
            }
            for (int t = w.length(); t < len; t++) {
                for (int j = 0; j < 4; j++) {
                    bbox[(i * len + t) * 4 + j] = config.padBox()[j];
                }
            }
        }
        int labels = config.labelCount();
        int dim = config.linkDim();
        try (OnnxTensor tIds = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {b, len});
             OnnxTensor tMask = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), new long[] {b, len});
             OnnxTensor tBox = OnnxTensor.createTensor(env, LongBuffer.wrap(bbox), new long[] {b, len, 4});
             OnnxTensor tTypes = types == null ? null : OnnxTensor.createTensor(env, LongBuffer.wrap(types), new long[] {b, len})) {
            Map<String, OnnxTensor> feeds = new HashMap<>();
            feeds.put("input_ids", tIds);
            feeds.put("attention_mask", tMask);
            feeds.put("bbox", tBox);
            if (tTypes != null) {
                feeds.put(TOKEN_TYPES, tTypes);
            }
            try (OrtSession.Result r = session.run(feeds, Set.copyOf(OUTPUTS))) {
                float[] logits = floats(r, "logits", b * len * labels);
                float[] lq = floats(r, "link_q", b * len * dim);
                float[] la = floats(r, "link_a", b * len * dim);
                List<WindowOutput> out = new ArrayList<>(b);
                for (int i = 0; i < b; i++) {
                    int n = batch.get(i).length();
                    out.add(new WindowOutput(n, labels, dim,
                            Arrays.copyOfRange(logits, i * len * labels, (i * len + n) * labels),
                            Arrays.copyOfRange(lq, i * len * dim, (i * len + n) * dim),
                            Arrays.copyOfRange(la, i * len * dim, (i * len + n) * dim)));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("layout model " + name() + " failed: " + e.getMessage(), e);
        }
    }

    private static float[] floats(OrtSession.Result r, String name, int expected) throws OrtException {
        OnnxValue v = r.get(name).orElseThrow(() -> new IllegalStateException("no output " + name));
        float[] a = new float[expected];
        java.nio.FloatBuffer fb = ((OnnxTensor) v).getFloatBuffer();
        if (fb.remaining() != expected) {
            throw new IllegalStateException("output " + name + " has " + fb.remaining() + " values, expected " + expected);
        }
        fb.get(a);
        return a;
    }

    private static void closeQuietly(OrtSession s) {
        if (s != null) {
            try {
                s.close();
            } catch (OrtException e) {
                // nothing more to do
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    @Override
    public String toString() {
        return "OnnxLayoutModel[" + config.name() + ", " + config.onnxFile() + "]";
    }

    /**
     * The words as the model reads them: line by line in the page's reading order (each line's words in their
     * order), then any words no line holds, in page order. The page's word order when no reading order was set.
     */
    static List<Word> inReadingOrder(Page page) {
        if (page.readingOrder().isEmpty()) {
            return page.words();
        }
        java.util.Map<String, Word> byId = new java.util.LinkedHashMap<>();
        page.words().forEach(w -> byId.put(w.id(), w));
        java.util.Map<String, dev.readout.core.model.Line> lines = new java.util.HashMap<>();
        page.lines().forEach(l -> lines.put(l.id(), l));
        List<Word> out = new ArrayList<>(byId.size());
        for (String lid : page.readingOrder()) {
            dev.readout.core.model.Line l = lines.get(lid);
            if (l != null) {
                for (String wid : l.wordIds()) {
                    Word w = byId.remove(wid);
                    if (w != null) {
                        out.add(w);
                    }
                }
            }
        }
        out.addAll(byId.values());
        return out;
    }
}
