package dev.readout.vqa.qa.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.readout.core.error.EngineUnavailableException;
import dev.readout.layout.tokenizer.WordPieceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The layout-aware extractive QA model on ONNX Runtime: question + words with grid boxes → the best answer span.
 * Translator-style: {@link QaEncoder} makes the windows, the session scores start and end of every token, and
 * {@link #decode} picks the span. One instance holds one {@link OrtSession}, is thread-safe (sessions may be run
 * concurrently; per-call tensors are closed per call) and is meant to be shared; its owner closes it.
 */
public final class OnnxQaModel implements AutoCloseable {
    static final List<String> INPUTS = List.of("input_ids", "attention_mask", "token_type_ids", "bbox");
    static final List<String> OUTPUTS = List.of("start_logits", "end_logits");
    private static final int BATCH = 8;

    private final QaModelConfig config;
    private final QaEncoder encoder;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final int padId;

    /**
     * The best span over all windows: its first and last word (indices into the words given), its score (start +
     * end logit) and its margin over the no-answer score of its window ([CLS] start + end).
     */
    public record Span(int firstWord, int lastWord, double score, double margin) {
    }

    private OnnxQaModel(QaModelConfig config, QaEncoder encoder, OrtEnvironment env, OrtSession session, int padId) {
        this.config = config;
        this.encoder = encoder;
        this.env = env;
        this.session = session;
        this.padId = padId;
    }

    /** Loads a model folder with 2 intra-op threads. */
    public static OnnxQaModel load(Path dir) {
        return load(dir, 2);
    }

    /** Loads a model folder; fails with {@link EngineUnavailableException} saying which piece is missing. */
    public static OnnxQaModel load(Path dir, int intraOpThreads) {
        QaModelConfig config;
        try {
            config = QaModelConfig.read(dir);
        } catch (IllegalArgumentException e) {
            throw new EngineUnavailableException("QA model: " + e.getMessage());
        }
        WordPieceTokenizer tok;
        try (InputStream in = Files.newInputStream(config.vocabFile())) {
            tok = WordPieceTokenizer.fromVocab(in, true);
        } catch (IOException | IllegalArgumentException e) {
            throw new EngineUnavailableException("QA model " + config.name() + ": cannot read vocabulary " + config.vocabFile()
                    + ": " + e.getMessage());
        }
        if (!Files.isRegularFile(config.onnxFile())) {
            throw new EngineUnavailableException("QA model " + config.name() + ": no ONNX file " + config.onnxFile());
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = null;
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(intraOpThreads);
            so.setInterOpNumThreads(1);
            so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            so.addConfigEntry("session.intra_op.allow_spinning", "0");
            so.addConfigEntry("session.inter_op.allow_spinning", "0");
            session = env.createSession(config.onnxFile().toString(), so);
            Map<String, NodeInfo> in = session.getInputInfo();
            Map<String, NodeInfo> out = session.getOutputInfo();
            if (!in.keySet().equals(Set.copyOf(INPUTS)) || !out.keySet().containsAll(OUTPUTS)) {
                throw new EngineUnavailableException("QA model " + config.name() + ": the graph has inputs " + in.keySet()
                        + " and outputs " + out.keySet() + "; expected " + INPUTS + " and " + OUTPUTS);
            }
        } catch (OrtException e) {
            closeQuietly(session);
            throw new EngineUnavailableException("QA model " + config.name() + ": ONNX Runtime cannot load "
                    + config.onnxFile() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
        QaEncoder enc = new QaEncoder(tok, config.maxLength(), config.docStride(), config.maxQueryTokens());
        return new OnnxQaModel(config, enc, env, session, tok.id(WordPieceTokenizer.PAD));
    }

    public QaModelConfig config() {
        return config;
    }

    public QaEncoder encoder() {
        return encoder;
    }

    /** The best span of {@code question} over the words, or null when there are no words. */
    public Span answer(String question, List<String> texts, List<int[]> boxes) {
        if (texts.isEmpty()) {
            return null;
        }
        List<QaEncoder.QaWindow> windows = encoder.encode(question, texts, boxes);
        Span best = null;
        for (int i = 0; i < windows.size(); i += BATCH) {
            List<QaEncoder.QaWindow> batch = windows.subList(i, Math.min(windows.size(), i + BATCH));
            float[][][] logits = run(batch);
            for (int k = 0; k < batch.size(); k++) {
                Span s = decode(logits[0][k], logits[1][k], batch.get(k).tokenWord(), config.maxAnswerTokens());
                if (s != null && (best == null || s.margin() > best.margin())) {
                    best = s;
                }
            }
        }
        return best;
    }

    /**
     * The best span of one window, as {@code train_qa.best_span}: over context tokens i ≤ j &lt; i + maxAnswerTokens
     * (j still a context token), the largest {@code start[i] + end[j]}; margin = that minus {@code start[0] + end[0]}.
     */
    public static Span decode(float[] start, float[] end, int[] tokenWord, int maxAnswerTokens) {
        double best = Double.NEGATIVE_INFINITY;
        int bi = -1;
        int bj = -1;
        for (int i = 0; i < tokenWord.length; i++) {
            if (tokenWord[i] < 0) {
                continue;
            }
            for (int j = i; j < Math.min(tokenWord.length, i + maxAnswerTokens); j++) {
                if (tokenWord[j] < 0) {
                    break;
                }
                double s = start[i] + end[j];
                if (s > best) {
                    best = s;
                    bi = i;
                    bj = j;
                }
            }
        }
        if (bi < 0) {
            return null;
        }
        return new Span(tokenWord[bi], tokenWord[bj], best, best - (start[0] + end[0]));
    }

    /** start and end logits per window: {@code [2][batch][length of that window]}. */
    float[][][] run(List<QaEncoder.QaWindow> batch) {
        int b = batch.size();
        int len = batch.stream().mapToInt(QaEncoder.QaWindow::length).max().orElse(0);
        long[] ids = new long[b * len];
        long[] mask = new long[b * len];
        long[] types = new long[b * len];
        long[] bbox = new long[b * len * 4];
        java.util.Arrays.fill(ids, padId);
        for (int i = 0; i < b; i++) {
            QaEncoder.QaWindow w = batch.get(i);
            System.arraycopy(w.inputIds(), 0, ids, i * len, w.length());
            System.arraycopy(w.tokenTypes(), 0, types, i * len, w.length());
            java.util.Arrays.fill(mask, i * len, i * len + w.length(), 1L);
            System.arraycopy(w.bbox(), 0, bbox, i * len * 4, w.length() * 4);
        }
        try (OnnxTensor tIds = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {b, len});
             OnnxTensor tMask = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), new long[] {b, len});
             OnnxTensor tTypes = OnnxTensor.createTensor(env, LongBuffer.wrap(types), new long[] {b, len});
             OnnxTensor tBox = OnnxTensor.createTensor(env, LongBuffer.wrap(bbox), new long[] {b, len, 4})) {
            Map<String, OnnxTensor> feeds = new HashMap<>();
            feeds.put("input_ids", tIds);
            feeds.put("attention_mask", tMask);
            feeds.put("token_type_ids", tTypes);
            feeds.put("bbox", tBox);
            try (OrtSession.Result r = session.run(feeds, Set.copyOf(OUTPUTS))) {
                float[][][] out = new float[2][b][];
                for (int o = 0; o < 2; o++) {
                    FloatBuffer fb = ((OnnxTensor) r.get(OUTPUTS.get(o)).orElseThrow()).getFloatBuffer();
                    if (fb.remaining() != b * len) {
                        throw new IllegalStateException("output " + OUTPUTS.get(o) + " has " + fb.remaining() + " values, expected " + b * len);
                    }
                    float[] all = new float[b * len];
                    fb.get(all);
                    for (int i = 0; i < b; i++) {
                        out[o][i] = java.util.Arrays.copyOfRange(all, i * len, i * len + batch.get(i).length());
                    }
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("QA model " + config.name() + " failed: " + e.getMessage(), e);
        }
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
        return "OnnxQaModel[" + config.name() + "]";
    }
}
