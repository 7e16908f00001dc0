package dev.readout.ingest.maps;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.readout.core.error.EngineUnavailableException;
import dev.readout.core.stage.ModelLocator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PaddleOCR PP-OCRv4 networks of {@code models/ppocr-v4/} (see its MODEL.md): the DB text detector, the CTC
 * recogniser with its character list and the 0/180° direction classifier. Owns one ONNX Runtime session per
 * network, created at load and shared by all threads ({@code OrtSession.run} is thread-safe); {@link #close()}
 * frees them. Found like the other shipped models ({@link ModelLocator}: {@code -Dreadout.models},
 * {@code READOUT_MODELS}, or a {@code models/} folder above the working directory; {@code -Dreadout.maps.model}
 * names another folder).
 */
public final class PpOcrModel implements AutoCloseable {
    public static final String PREFIX = "ppocr-";
    public static final String MODEL_PROPERTY = "readout.maps.model";
    static final String DETECTOR_FILE = "det.onnx";
    private static final ModelLocator LOCATOR = new ModelLocator(PREFIX, DETECTOR_FILE);

    private final Path dir;
    private final OrtEnvironment env;
    private final OrtSession detector;
    private final OrtSession recognizer;
    private final OrtSession classifier;
    private final List<String> characters;

    private PpOcrModel(Path dir, OrtEnvironment env, OrtSession detector, OrtSession recognizer, OrtSession classifier,
                       List<String> characters) {
        this.dir = dir;
        this.env = env;
        this.detector = detector;
        this.recognizer = recognizer;
        this.classifier = classifier;
        this.characters = characters;
    }

    /** Locates the model folder and loads it, or says which piece is missing and how to get it. */
    public static PpOcrModel discover(int threads) {
        ModelLocator.Located l = LOCATOR.locate(MODEL_PROPERTY);
        Path dir = l.dir().orElseThrow(() -> new EngineUnavailableException("map text model unavailable: " + l.reason()
                + "; the repository ships models/ppocr-v4 (re-fetch: scripts/fetch-ppocr-models.sh)"));
        return load(dir, threads);
    }

    /** Loads the networks named by {@code dir/config.json}; {@code threads} ONNX Runtime threads per inference. */
    public static PpOcrModel load(Path dir, int threads) {
        JsonNode cfg;
        try {
            cfg = new ObjectMapper().readTree(dir.resolve(ModelLocator.CONFIG_FILE).toFile());
        } catch (IOException e) {
            throw new EngineUnavailableException("map text model: cannot read " + dir.resolve(ModelLocator.CONFIG_FILE) + ": " + e.getMessage(), e);
        }
        Path det = need(dir, cfg.path("detector").asText(DETECTOR_FILE));
        Path rec = need(dir, cfg.path("recognizer").asText("rec.onnx"));
        Path keys = need(dir, cfg.path("keys").asText("keys.txt"));
        String clsName = cfg.path("classifier").asText("");
        Path cls = clsName.isEmpty() ? null : need(dir, clsName);
        List<String> chars = new ArrayList<>();
        chars.add(""); // CTC blank
        try {
            for (String line : Files.readAllLines(keys, StandardCharsets.UTF_8)) {
                chars.add(line.replace("\r", ""));
            }
        } catch (IOException e) {
            throw new EngineUnavailableException("map text model: cannot read " + keys + ": " + e.getMessage(), e);
        }
        chars.add(" ");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession d = null;
        OrtSession r = null;
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(Math.max(1, threads));
            so.setInterOpNumThreads(1);
            so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            so.addConfigEntry("session.intra_op.allow_spinning", "0");
            so.addConfigEntry("session.inter_op.allow_spinning", "0");
            d = env.createSession(det.toString(), so);
            r = env.createSession(rec.toString(), so);
            OrtSession c = cls == null ? null : env.createSession(cls.toString(), so);
            return new PpOcrModel(dir, env, d, r, c, List.copyOf(chars));
        } catch (OrtException e) {
            closeQuietly(d);
            closeQuietly(r);
            throw new EngineUnavailableException("map text model in " + dir + " cannot be loaded by ONNX Runtime: " + e.getMessage(), e);
        }
    }

    private static Path need(Path dir, String name) {
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new EngineUnavailableException("map text model: " + p + " is missing (re-fetch: scripts/fetch-ppocr-models.sh)");
        }
        return p;
    }

    public Path dir() {
        return dir;
    }

    OrtEnvironment env() {
        return env;
    }

    OrtSession detector() {
        return detector;
    }

    OrtSession recognizer() {
        return recognizer;
    }

    /** The direction classifier, or null when the model folder has none. */
    OrtSession classifier() {
        return classifier;
    }

    /** Index 0 is the CTC blank, the last entry a space, as the recogniser's output classes. */
    List<String> characters() {
        return characters;
    }

    @Override
    public void close() {
        closeQuietly(detector);
        closeQuietly(recognizer);
        closeQuietly(classifier);
    }

    private static void closeQuietly(OrtSession s) {
        if (s != null) {
            try {
                s.close();
            } catch (OrtException ignored) {
                // closing: nothing left to do
            }
        }
    }
}
