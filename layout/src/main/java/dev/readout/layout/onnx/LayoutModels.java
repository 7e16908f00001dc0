package dev.readout.layout.onnx;

import dev.readout.core.stage.ModelLocator;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the layout model folder to use: a {@code layout-*} folder found by {@link ModelLocator} (system property
 * {@value #MODELS_PROPERTY}, environment variable {@value #MODELS_ENV}, else a {@code models/} folder found walking
 * up from the working directory), or the folder named by system property {@value #MODEL_PROPERTY}.
 */
public final class LayoutModels {
    public static final String MODELS_PROPERTY = ModelLocator.MODELS_PROPERTY;
    public static final String MODELS_ENV = ModelLocator.MODELS_ENV;
    public static final String MODEL_PROPERTY = "readout.layout.model";
    public static final String PREFIX = "layout-";
    private static final ModelLocator LOCATOR = new ModelLocator(PREFIX);

    private LayoutModels() {
    }

    /** The model folder, or why there is none. */
    public record Located(Optional<Path> dir, String reason) {
    }

    /** Locates the model from the system properties, the environment and the working directory. */
    public static Located locate() {
        return of(LOCATOR.locate(MODEL_PROPERTY));
    }

    static Located locate(String modelsProperty, String modelsEnv, String wanted, Path workingDir) {
        return of(LOCATOR.locate(modelsProperty, modelsEnv, wanted, workingDir));
    }

    private static Located of(ModelLocator.Located l) {
        return new Located(l.dir(), l.reason());
    }
}
