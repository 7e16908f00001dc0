package dev.readout.cli;

import dev.readout.core.model.Document;
import dev.readout.vqa.qa.DocumentQa;
import dev.readout.vqa.qa.onnx.OnnxQaModel;
import dev.readout.vqa.qa.onnx.QaModels;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** Which question answerer the QA commands use ({@code ask}, {@code eval docvqa}, {@code eval funsd-qa}, {@code bench qa}). */
final class QaOptions {
    @Option(names = "--answerer", defaultValue = "auto", paramLabel = "auto|fused|model|key-value",
            description = "fused: key retrieval and the QA model; model: the QA model alone; key-value: key retrieval alone; auto (default): fused when a QA model (models/qa-*) is found, else key-value.")
    String answerer;

    @Option(names = "--qa-model", paramLabel = "DIR", description = "QA model folder (default: models/qa-* found from the working directory).")
    Path qaModel;

    /** The mode asked for, {@code auto} resolved. */
    DocumentQa.Mode mode() {
        return switch (answerer.toLowerCase(Locale.ROOT)) {
            case "auto" -> qaModel != null || QaModels.locate().dir().isPresent() ? DocumentQa.Mode.FUSED : DocumentQa.Mode.KEY_VALUE;
            case "fused" -> DocumentQa.Mode.FUSED;
            case "model" -> DocumentQa.Mode.MODEL;
            case "key-value", "keyvalue" -> DocumentQa.Mode.KEY_VALUE;
            default -> throw new IllegalArgumentException("--answerer must be auto, fused, model or key-value: " + answerer);
        };
    }

    /** The QA model the mode needs (the caller closes it), or null for key retrieval alone. */
    OnnxQaModel loadModel() {
        if (mode() == DocumentQa.Mode.KEY_VALUE) {
            return null;
        }
        Path dir = qaModel != null ? qaModel : QaModels.locate().dir().orElseThrow(() ->
                new IllegalArgumentException("no QA model found (" + QaModels.locate().reason() + "): give --qa-model DIR or --answerer key-value"));
        return OnnxQaModel.load(dir);
    }

    /** Builds the answerer of one processed document. */
    Function<Document, DocumentQa> answerer(OnnxQaModel model) {
        DocumentQa.Mode m = mode();
        return d -> new DocumentQa(d, model, m);
    }
}
