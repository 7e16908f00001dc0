package dev.readout.layout.onnx;

import dev.readout.layout.LayoutModelConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the layout model folder to use. The models root is, in this order: system property
 * {@value #MODELS_PROPERTY}, environment variable {@value #MODELS_ENV}, else the first {@code models/} folder
 * holding a layout model found walking up from the working directory. Within the root the model is the folder
 * named by system property {@value #MODEL_PROPERTY} if set, else the first (by name) {@code layout-*} folder
 * holding {@code config.json} and a {@code model.onnx}. A root that is itself a model folder is used as is.
 */
public final class LayoutModels {
    public static final String MODELS_PROPERTY = "readout.models";
    public static final String MODELS_ENV = "READOUT_MODELS";
    public static final String MODEL_PROPERTY = "readout.layout.model";
    public static final String PREFIX = "layout-";

    private LayoutModels() {
    }

    /** The model folder, or why there is none. */
    public record Located(Optional<Path> dir, String reason) {
    }

    /** Locates the model from the system properties, the environment and the working directory. */
    public static Located locate() {
        return locate(System.getProperty(MODELS_PROPERTY), System.getenv(MODELS_ENV), System.getProperty(MODEL_PROPERTY),
                Path.of("").toAbsolutePath());
    }

    static Located locate(String modelsProperty, String modelsEnv, String wanted, Path workingDir) {
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
        return new Located(Optional.empty(), "no " + (blank(wanted) ? PREFIX + "* model" : "model '" + wanted + "'")
                + " in a models/ folder above " + workingDir + " (set -D" + MODELS_PROPERTY + " or " + MODELS_ENV + ")");
    }

    /** The model folder inside {@code root} (or {@code root} itself when it is a model folder). */
    public static Optional<Path> pick(Path root, String wanted) {
        if (isModel(root) && (blank(wanted) || root.getFileName().toString().equals(wanted))) {
            return Optional.of(root);
        }
        if (!blank(wanted)) {
            Path p = root.resolve(wanted);
            return isModel(p) ? Optional.of(p) : Optional.empty();
        }
        try (Stream<Path> s = Files.list(root)) {
            List<Path> models = s.filter(p -> p.getFileName().toString().startsWith(PREFIX)).filter(LayoutModels::isModel)
                    .sorted().toList();
            return models.stream().findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A folder with {@code config.json} and {@code model.onnx}. */
    public static boolean isModel(Path dir) {
        return Files.isRegularFile(dir.resolve(LayoutModelConfig.CONFIG_FILE)) && Files.isRegularFile(dir.resolve("model.onnx"));
    }

    private static String describeMissing(Path root, String wanted) {
        return blank(wanted) ? "no " + PREFIX + "* model folder (config.json + model.onnx) in " + root
                : "no model folder '" + wanted + "' (config.json + model.onnx) in " + root;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
