package dev.readout.eval.docvqa;

import dev.readout.core.model.Document;
import dev.readout.vqa.qa.Answer;
import dev.readout.vqa.qa.DocumentQa;
import dev.readout.vqa.qa.TextPage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * DocVQA over OCR text: each page's transcription is laid out in lines ({@link TextPage}), every question is asked
 * ({@link DocumentQa}) and scored by {@link Anls} against its gold answers; no answer scores as the empty string.
 */
public final class DocVqaEvaluation {
    private DocVqaEvaluation() {
    }

    /**
     * Scores {@code pages}; {@code answerer} builds the answerer of one document (e.g. a page stage applied first).
     * JSON keys: {@code anls}, {@code questions}, {@code answered}, {@code pages}, {@code seconds}.
     */
    public static Map<String, Object> run(List<DocVqaPage> pages, Function<Document, DocumentQa> answerer) {
        long t0 = System.nanoTime();
        double sum = 0;
        int questions = 0;
        int answered = 0;
        int k = 0;
        for (DocVqaPage p : pages) {
            DocumentQa qa = answerer.apply(TextPage.document("docvqa-" + k++, p.context()));
            for (DocVqaPage.Question q : p.questions()) {
                Answer a = qa.ask(q.question());
                questions++;
                if (a.found()) {
                    answered++;
                }
                sum += Anls.score(a.found() ? a.text() : "", q.answers());
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("anls", r(questions == 0 ? 0 : sum / questions));
        m.put("questions", questions);
        m.put("answered", r(questions == 0 ? 0 : answered / (double) questions));
        m.put("pages", pages.size());
        m.put("seconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
        return m;
    }

    private static double r(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
