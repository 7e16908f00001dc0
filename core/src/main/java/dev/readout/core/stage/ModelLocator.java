package dev.readout.core.stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds a shipped model folder (a folder holding {@code config.json} and {@code model.onnx}) of one kind, named
 * {@code <prefix>*}. The models root is, in this order: system property {@value #MODELS_PROPERTY}, environment
 * variable {@value #MODELS_ENV}, else the first {@code models/} folder holding such a model found walking up from
 * the working directory. Within the root the model is the folder named by the kind's own system property if set,
 * else the first (by name) {@code <prefix>*} model folder. A root that is itself a model folder is used as is.
 */
public final class ModelLocator {
    public static final String MODELS_PROPERTY = "readout.models";
    public static final String MODELS_ENV = "READOUT_MODELS";
    public static final String CONFIG_FILE = "config.json";
    public static final String MODEL_FILE = "model.onnx";

    private final String prefix;
    private final String modelFile;

    /** A locator for the model folders named {@code prefix*}, e.g. {@code layout-}. */
    public ModelLocator(String prefix) {
        this(prefix, MODEL_FILE);
    }

    /**
     * A locator for model folders named {@code prefix*} that hold {@code config.json} and {@code modelFile} instead
     * of {@code model.onnx} (a model of several networks, e.g. a text detector and a recogniser).
     */
    public ModelLocator(String prefix, String modelFile) {
        this.prefix = prefix;
        this.modelFile = modelFile;
    }

    /** The model folder, or why there is none. */
    public record Located(Optional<Path> dir, String reason) {
    }

    /** Locates the model from the system properties, the environment and the working directory. */
    public Located locate(String modelProperty) {
        return locate(System.getProperty(MODELS_PROPERTY), System.getenv(MODELS_ENV), System.getProperty(modelProperty),
                Path.of("").toAbsolutePath());
    }

    public Located locate(String modelsProperty, String modelsEnv, String wanted, Path workingDir) {
        String explicit = blank(modelsProperty) ? (blank(modelsEnv) ? null : modelsEnv) : modelsProperty;
        String how = blank(modelsProperty) ? MODELS_ENV : "-D" + MODELS_PROPERTY;
        if (explicit != null) {
            Path root = Path.of(explicit);
            if (!Files.isDirectory(root)) {
                return new Located(Optional.empty(), how + " names no folder: " + root);
            }
            Optional<Path> m = pick(root, wanted);
            return new Located(m, m.isPresent() ? "" : describeMissing(root, wanted));
        }
        for (Path p = workingDir; p != null; p = p.getParent()) {
            Path root = p.resolve("models");
            if (Files.isDirectory(root)) {
                Optional<Path> m = pick(root, wanted);
                if (m.isPresent()) {
                    return new Located(m, "");
                }
            }
        }
        return new Located(Optional.empty(), "no " + (blank(wanted) ? prefix + "* model" : "model '" + wanted + "'")
                + " in a models/ folder above " + workingDir + " (set -D" + MODELS_PROPERTY + " or " + MODELS_ENV + ")");
    }

    /** The model folder inside {@code root} (or {@code root} itself when it is a model folder of this kind). */
    public Optional<Path> pick(Path root, String wanted) {
        if (holdsModel(root) && (blank(wanted) ? root.getFileName().toString().startsWith(prefix)
                : root.getFileName().toString().equals(wanted))) {
            return Optional.of(root);
        }
        if (!blank(wanted)) {
            Path p = root.resolve(wanted);
            return holdsModel(p) ? Optional.of(p) : Optional.empty();
        }
        try (Stream<Path> s = Files.list(root)) {
            List<Path> models = s.filter(p -> p.getFileName().toString().startsWith(prefix)).filter(this::holdsModel)
                    .sorted().toList();
            return models.stream().findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A folder with {@code config.json} and {@code model.onnx}. */
    public static boolean isModel(Path dir) {
        return Files.isRegularFile(dir.resolve(CONFIG_FILE)) && Files.isRegularFile(dir.resolve(MODEL_FILE));
    }

    private boolean holdsModel(Path dir) {
        return Files.isRegularFile(dir.resolve(CONFIG_FILE)) && Files.isRegularFile(dir.resolve(modelFile));
    }

    private String describeMissing(Path root, String wanted) {
        return blank(wanted) ? "no " + prefix + "* model folder (config.json + " + modelFile + ") in " + root
                : "no model folder '" + wanted + "' (config.json + " + modelFile + ") in " + root;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
