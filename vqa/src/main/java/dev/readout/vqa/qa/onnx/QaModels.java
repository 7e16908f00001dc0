package dev.readout.vqa.qa.onnx;

import dev.readout.core.stage.ModelLocator;
import java.util.Optional;
import java.nio.file.Path;

/**
 * Finds the QA model folder: a {@code qa-*} folder found by {@link ModelLocator} (system property
 * {@code readout.models}, environment variable {@code READOUT_MODELS}, else a {@code models/} folder found walking up
 * from the working directory), or the folder named by system property {@value #MODEL_PROPERTY}.
 */
public final class QaModels {
    public static final String MODEL_PROPERTY = "readout.qa.model";
    public static final String PREFIX = "qa-";
    private static final ModelLocator LOCATOR = new ModelLocator(PREFIX);

    private QaModels() {
    }

    /** The model folder, or empty with {@code reason} saying why. */
    public static ModelLocator.Located locate() {
        return LOCATOR.locate(MODEL_PROPERTY);
    }

    /** The located model loaded with default options, or empty when there is none. */
    public static Optional<OnnxQaModel> loadIfPresent() {
        Optional<Path> dir = locate().dir();
        return dir.map(OnnxQaModel::load);
    }
}
