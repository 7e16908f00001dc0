package dev.readout.eval.qa;

import dev.readout.core.Pipeline;
import dev.readout.core.model.Document;
import dev.readout.core.model.DocumentStatus;
import dev.readout.core.model.Page;
import dev.readout.core.model.SourceInfo;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.PageSelection;
import dev.readout.eval.funsd.FunsdForm;
import dev.readout.vqa.qa.Answer;
import dev.readout.vqa.qa.DocumentQa;
import dev.readout.vqa.qa.KeyValueQa;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * FUNSD as question answering: each form is read, its image through the whole pipeline (OCR, reading order, layout
 * model: {@link #reading}) or its annotated words through the layout model ({@link #goldWords}), then for every annotated question → answer link the question entity's text is asked (a {@link DocumentQa}:
 * {@link KeyValueQa} alone, the QA model alone or both fused)
 * and the answer compared with the answer entity's text. A prediction is correct when both, normalised (NFC, lower
 * case, white space collapsed, white space beside punctuation and symbols removed, punctuation trimmed at both ends),
 * are equal; {@code exact} counts equality of the raw strings. No answer counts as wrong.
 *
 * <p>White space beside punctuation is ignored because FUNSD's annotators cut words at punctuation: a gold answer
 * reads "10/ 13/ 99" or "B. A. T." where the form prints, and any OCR reads, "10/13/99" and "B.A.T.". Before
 * 2026-12-06 such answers counted as wrong.
 *
 * <p>{@code ceiling} is the accuracy a perfect answerer could reach: a question text asked more than once on a form
 * (a table's column header linked to every cell under it) gets one answer, so at most one of its distinct gold
 * answers can be right (per question text, the count of its most frequent gold answer).
 */
public final class FunsdQaEvaluation {
    private FunsdQaEvaluation() {
    }

    /** Counts over forms. */
    public static final class Counts {
        int questions;
        int answered;
        int correct;
        int exact;
        int answerable;
        private final java.util.function.Consumer<String> verbose;

        /** Counts that also report every question to {@code verbose} (a tab-separated line), when not null. */
        public Counts(java.util.function.Consumer<String> verbose) {
            this.verbose = verbose;
        }

        public Map<String, Object> toMap(int documents, double seconds) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("accuracy", r(questions == 0 ? 0 : correct / (double) questions));
            m.put("exact_accuracy", r(questions == 0 ? 0 : exact / (double) questions));
            m.put("answered", r(questions == 0 ? 0 : answered / (double) questions));
            m.put("ceiling", r(questions == 0 ? 0 : answerable / (double) questions));
            m.put("questions", questions);
            m.put("documents", documents);
            m.put("seconds", Math.round(seconds * 10) / 10.0);
            return m;
        }

        private static double r(double v) {
            return Math.round(v * 1e4) / 1e4;
        }
    }

    /** Each form read from its image by the pipeline (OCR, reading order, layout model). */
    public static Function<FunsdForm, Document> reading(Pipeline pipeline, IngestOptions options) {
        return f -> pipeline.process(f.image(), f.name(), options, PageSelection.ALL, null);
    }

    /**
     * The form's annotated words and boxes as a one-page document (no OCR), {@code stage} applied to the page (the
     * layout model, as in {@code eval funsd --words gold}).
     */
    public static Document goldWords(FunsdForm form, java.util.function.UnaryOperator<Page> stage) {
        Page page = stage.apply(form.toPage());
        return new Document(Document.SCHEMA_VERSION, new SourceInfo(form.name(), "image/png", null, 0, 1),
                DocumentStatus.SUCCEEDED, List.of(page), List.of(), List.of());
    }

    /** Asks every linked question of {@code form} about {@code doc}, a reading of that form; adds to {@code c}. */
    public static void evaluate(Document doc, FunsdForm form, Counts c, Function<Document, DocumentQa> answerer) {
        DocumentQa qa = answerer.apply(doc);
        Map<String, Map<String, Integer>> goldsOfQuestion = new java.util.HashMap<>();
        for (FunsdForm.GoldLink l : form.links()) {
            String question = form.text(form.entity(l.question()));
            String gold = form.text(form.entity(l.answer()));
            if (normalize(gold).isEmpty() || normalize(question).isEmpty()) {
                continue;
            }
            c.questions++;
            goldsOfQuestion.computeIfAbsent(normalize(question), k -> new java.util.HashMap<>()).merge(normalize(gold), 1, Integer::sum);
            Answer a = qa.ask(question);
            if (a.found()) {
                c.answered++;
                if (normalize(a.text()).equals(normalize(gold))) {
                    c.correct++;
                }
                if (a.text().strip().equals(gold.strip())) {
                    c.exact++;
                }
            }
            if (c.verbose != null) {
                boolean ok = a.found() && normalize(a.text()).equals(normalize(gold));
                c.verbose.accept(String.join("\t", ok ? "ok" : a.found() ? "wrong" : "none", form.name(), question, gold,
                        a.found() ? a.text() : "", a.source(), a.matchedKey() == null ? "" : a.matchedKey(), String.valueOf(a.score())));
            }
        }
        // one answer per question text: at best the gold answer it is linked to most often is right
        goldsOfQuestion.values().forEach(golds -> c.answerable += java.util.Collections.max(golds.values()));
    }

    /**
     * NFC, lower case, white space collapsed, white space beside punctuation and symbols removed, punctuation and
     * symbols trimmed at both ends.
     */
    public static String normalize(String s) {
        String n = Normalizer.normalize(s == null ? "" : s, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
        n = n.replaceAll("\\s*([\\p{P}\\p{S}])\\s*", "$1");
        return n.replaceAll("^[\\p{P}\\p{S}\\s]+|[\\p{P}\\p{S}\\s]+$", "");
    }

    /**
     * The report over {@code forms}, each read by {@code reader} ({@link #reading} or {@link #goldWords}) and asked
     * by the answerer {@code answerer} builds; every question is reported to {@code verbose} when it is not null
     * (tab-separated: verdict, form, question, gold, answer, source, matched key, score).
     */
    public static Map<String, Object> run(List<FunsdForm> forms, Function<FunsdForm, Document> reader,
                                          Function<Document, DocumentQa> answerer, java.util.function.Consumer<String> verbose) {
        long t0 = System.nanoTime();
        Counts c = new Counts(verbose);
        for (FunsdForm f : forms) {
            evaluate(reader.apply(f), f, c, answerer);
        }
        return c.toMap(forms.size(), (System.nanoTime() - t0) / 1e9);
    }
}
