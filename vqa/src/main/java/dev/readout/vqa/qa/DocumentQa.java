package dev.readout.vqa.qa;

import dev.readout.core.model.Document;
import dev.readout.vqa.qa.onnx.OnnxQaModel;

/**
 * The answerer behind {@code readout ask}, the evaluations and the API: key retrieval ({@link KeyValueQa}: invoice
 * fields, form fields, the layout model's key → value links, printed "label: value" lines) fused with the learned
 * extractive model ({@link ExtractiveQa}) when one is loaded. Fusion ({@link Mode#FUSED}): a key-retrieval answer
 * scoring at least {@link #KEY_VALUE_CONFIDENT} is taken (a named field or a confident link is precise); otherwise the
 * model's answer when it reaches its threshold; otherwise the key-retrieval answer if any. Build one per processed
 * document; thread-safe when the model is.
 */
public final class DocumentQa {
    /** Chosen on held-out data (DocVQA held-out pages, FUNSD validation forms): see models/qa-minilm/MODEL.md. */
    public static final double KEY_VALUE_CONFIDENT = 0.6;

    /** Which answerers are used. */
    public enum Mode { KEY_VALUE, MODEL, FUSED }

    private final KeyValueQa keyValue;
    private final ExtractiveQa model;
    private final Mode mode;

    /** Fused when {@code model} is not null, else key retrieval alone. The model is borrowed, not closed. */
    public DocumentQa(Document doc, OnnxQaModel model) {
        this(doc, model, model == null ? Mode.KEY_VALUE : Mode.FUSED);
    }

    public DocumentQa(Document doc, OnnxQaModel model, Mode mode) {
        if (mode != Mode.KEY_VALUE && model == null) {
            throw new IllegalArgumentException("mode " + mode + " needs a QA model");
        }
        this.mode = mode;
        this.keyValue = mode == Mode.MODEL ? null : new KeyValueQa(doc);
        this.model = mode == Mode.KEY_VALUE ? null : new ExtractiveQa(doc, model);
    }

    public Mode mode() {
        return mode;
    }

    /** The answer, or {@link Answer#NONE}. */
    public Answer ask(String question) {
        return switch (mode) {
            case KEY_VALUE -> keyValue.ask(question);
            case MODEL -> model.ask(question);
            case FUSED -> fused(question);
        };
    }

    private Answer fused(String question) {
        Answer kv = keyValue.ask(question);
        if (kv.found() && kv.score() >= KEY_VALUE_CONFIDENT) {
            return kv;
        }
        Answer m = model.ask(question);
        return m.found() ? m : kv;
    }
}
