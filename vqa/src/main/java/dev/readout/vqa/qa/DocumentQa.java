package dev.readout.vqa.qa;

import dev.readout.core.model.Box;
import dev.readout.core.model.Document;
import dev.readout.core.model.Page;
import dev.readout.core.model.Word;
import dev.readout.vqa.invoice.Evidence;
import dev.readout.vqa.qa.onnx.OnnxQaModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The answerer behind {@code readout ask}, the evaluations and the API: key retrieval ({@link KeyValueQa}: invoice
 * fields, form fields, the layout model's key → value links, printed "label: value" lines) fused with the learned
 * extractive model ({@link ExtractiveQa}) when one is loaded. Fusion ({@link Mode#FUSED}): a key-retrieval answer
 * scoring at least {@link #KEY_VALUE_CONFIDENT} is taken (a named field or a confident link is precise); otherwise the
 * model's answer when it reaches its threshold; otherwise the key-retrieval answer if any. On plain text laid out as a
 * page ({@link TextPage}, media type {@value TextPage#MEDIA_TYPE}: DocVQA's OCR transcriptions) the geometry is synthetic, so
 * the links, neighbours and labels key retrieval reads off it are artefacts: there the model's answer comes first and
 * key retrieval only answers what the model refuses. An answer ending in a number takes the unit of measure printed
 * right after it on its line ({@link #withUnit}: "64" → "64 mm"), whichever answerer found it. Build one per processed
 * document; thread-safe when the model is.
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
    private final Document doc;

    /**
     * Units of measure an answer ending in a number takes from the word after it (lower case; "m." is not one: after a
     * number it is mostly the end of "a. m." or "p. m.").
     */
    static final Set<String> UNITS = Set.of("mm", "mm.", "cm", "cm.", "m", "km", "mg", "mg.", "g", "kg", "kg.", "µg",
            "ug", "ml", "cc", "mg/cc", "g/cc", "mg/ml", "ft", "ft.", "lb", "lb.", "lbs", "lbs.", "oz", "oz.", "%", "ppm",
            "kw", "kwh", "°c", "°f");
    /** The unit may stand this many of the answer's word heights to the right of its last word. */
    static final double UNIT_GAP = 3.0;

    /** Fused when {@code model} is not null, else key retrieval alone. The model is borrowed, not closed. */
    public DocumentQa(Document doc, OnnxQaModel model) {
        this(doc, model, model == null ? Mode.KEY_VALUE : Mode.FUSED);
    }

    public DocumentQa(Document doc, OnnxQaModel model, Mode mode) {
        if (mode != Mode.KEY_VALUE && model == null) {
            throw new IllegalArgumentException("mode " + mode + " needs a QA model");
        }
        this.mode = mode;
        this.doc = doc;
        this.modelFirst = doc.source() != null && TextPage.MEDIA_TYPE.equals(doc.source().mediaType());
        this.keyValue = mode == Mode.MODEL ? null : new KeyValueQa(doc);
        this.model = mode == Mode.KEY_VALUE ? null : new ExtractiveQa(doc, model);
    }

    public Mode mode() {
        return mode;
    }

    /** The answer, or {@link Answer#NONE}. */
    public Answer ask(String question) {
        return withUnit(switch (mode) {
            case KEY_VALUE -> keyValue.ask(question);
            case MODEL -> model.ask(question);
            case FUSED -> fused(question, model::ask);
        });
    }

    /**
     * As {@link #ask} but the model's span is taken whatever its margin (no "no answer" from the model): for
     * benchmarks such as DocVQA where every question has an answer and refusing scores 0.
     */
    public Answer askWithoutThreshold(String question) {
        return withUnit(switch (mode) {
            case KEY_VALUE -> keyValue.ask(question);
            case MODEL -> model.top(question).answer();
            case FUSED -> fused(question, q -> model.top(q).answer());
        });
    }

    /**
     * The answer with the unit of measure ({@link #UNITS}) printed after it, when its text ends in a digit and the
     * nearest word to the right of its last evidence word on the same line (vertical overlap over half the smaller
     * height, at most {@link #UNIT_GAP} word heights away) is one; the value (a number) stays as it was, the text and
     * the evidence take the unit. Otherwise the answer as it is.
     */
    Answer withUnit(Answer a) {
        if (!a.found() || a.evidence() == null || a.evidence().wordIds().isEmpty() || a.text().isEmpty()
                || !Character.isDigit(a.text().charAt(a.text().length() - 1))) {
            return a;
        }
        Page page = doc.pages().stream().filter(p -> p.number() == a.evidence().page()).findFirst().orElse(null);
        if (page == null) {
            return a;
        }
        String lastId = a.evidence().wordIds().get(a.evidence().wordIds().size() - 1);
        Word last = page.words().stream().filter(w -> w.id().equals(lastId)).findFirst().orElse(null);
        if (last == null) {
            return a;
        }
        Box b = last.box();
        Word next = null;
        for (Word w : page.words()) {
            Box c = w.box();
            double overlap = Math.min(b.y1(), c.y1()) - Math.max(b.y0(), c.y0());
            double gap = c.x0() - b.x1();
            if (w != last && overlap > 0.5 * Math.min(b.height(), c.height()) && gap > -0.2 * b.height()
                    && gap <= UNIT_GAP * b.height() && (next == null || c.x0() < next.box().x0())) {
                next = w;
            }
        }
        if (next == null || a.evidence().wordIds().contains(next.id())) {
            return a;
        }
        String unit = next.text().strip();
        if (!UNITS.contains(unit.toLowerCase(Locale.ROOT))) {
            return a;
        }
        List<String> ids = new ArrayList<>(a.evidence().wordIds());
        ids.add(next.id());
        Box box = a.evidence().box() == null ? next.box() : a.evidence().box().union(next.box());
        return new Answer(a.text() + " " + unit, a.value(), a.score(), new Evidence(a.evidence().page(), ids, box),
                a.source(), a.matchedKey());
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
