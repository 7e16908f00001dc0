package dev.readout.vqa.qa;

import dev.readout.core.model.Document;
import dev.readout.vqa.qa.onnx.OnnxQaModel;
import java.util.function.Function;

/**
 * The answerer behind {@code readout ask}, the evaluations and the API: key retrieval ({@link KeyValueQa}: invoice
 * fields, form fields, the layout model's key → value links, printed "label: value" lines) fused with the learned
 * extractive model ({@link ExtractiveQa}) when one is loaded. Fusion ({@link Mode#FUSED}): a key-retrieval answer
 * scoring at least {@link #KEY_VALUE_CONFIDENT} is taken (a named field or a confident link is precise); otherwise the
 * model's answer when it reaches its threshold; otherwise the key-retrieval answer if any. On plain text laid out as a
 * page ({@link TextPage}, media type {@value TextPage#MEDIA_TYPE}: DocVQA's OCR transcriptions) the geometry is synthetic, so
 * the links, neighbours and labels key retrieval reads off it are artefacts: there the model's answer comes first and
 * key retrieval only answers what the model refuses. Build one per processed document; thread-safe when the model is.
 */
public final class DocumentQa {
    /**
     * Set by hand, not tuned: with it the fused answerer scored at least as well as either answerer alone on the
     * held-out DocVQA pages (ANLS 0.0958 vs 0.0954 model, 0.0338 keys) and the FUNSD validation forms (accuracy 0.0864
     * vs 0.0842 keys, 0.0562 model); see the earlier models/qa-minilm/MODEL.md (git history; models/qa-bert/MODEL.md now).
     */
    public static final double KEY_VALUE_CONFIDENT = 0.6;

    /** Which answerers are used. */
    public enum Mode { KEY_VALUE, MODEL, FUSED }

    private final KeyValueQa keyValue;
    private final ExtractiveQa model;
    private final Mode mode;
    private final boolean modelFirst;

    /** Fused when {@code model} is not null, else key retrieval alone. The model is borrowed, not closed. */
    public DocumentQa(Document doc, OnnxQaModel model) {
        this(doc, model, model == null ? Mode.KEY_VALUE : Mode.FUSED);
    }

    public DocumentQa(Document doc, OnnxQaModel model, Mode mode) {
        if (mode != Mode.KEY_VALUE && model == null) {
            throw new IllegalArgumentException("mode " + mode + " needs a QA model");
        }
        this.mode = mode;
        this.modelFirst = doc.source() != null && TextPage.MEDIA_TYPE.equals(doc.source().mediaType());
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
            case FUSED -> fused(question, model::ask);
        };
    }

    /**
     * As {@link #ask} but the model's span is taken whatever its margin (no "no answer" from the model): for
     * benchmarks such as DocVQA where every question has an answer and refusing scores 0.
     */
    public Answer askWithoutThreshold(String question) {
        return switch (mode) {
            case KEY_VALUE -> keyValue.ask(question);
            case MODEL -> model.top(question).answer();
            case FUSED -> fused(question, q -> model.top(q).answer());
        };
    }

    /** The fusion rule of the class comment, with {@code modelAnswer} as the model's answerer. */
    private Answer fused(String question, Function<String, Answer> modelAnswer) {
        if (modelFirst) {
            Answer m = modelAnswer.apply(question);
            return m.found() ? m : keyValue.ask(question);
        }
        Answer kv = keyValue.ask(question);
        if (kv.found() && kv.score() >= KEY_VALUE_CONFIDENT) {
            return kv;
        }
        Answer m = modelAnswer.apply(question);
        return m.found() ? m : kv;
    }
}
