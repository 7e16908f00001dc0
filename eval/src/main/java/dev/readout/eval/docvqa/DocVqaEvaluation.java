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
     * JSON keys: {@code anls}, {@code questions}, {@code answered}, {@code pages}, {@code seconds}, and
     * {@code anls_without_threshold}: the same with the QA model's span taken whatever its margin (DocVQA has no
     * unanswerable questions, so a refusal only costs).
     */
    public static Map<String, Object> run(List<DocVqaPage> pages, Function<Document, DocumentQa> answerer) {
        long t0 = System.nanoTime();
        double sum = 0;
        double sumAlways = 0;
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
                Answer b = qa.mode() == DocumentQa.Mode.KEY_VALUE ? a : qa.askWithoutThreshold(q.question());
                sumAlways += Anls.score(b.found() ? b.text() : "", q.answers());
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("anls", r(questions == 0 ? 0 : sum / questions));
        m.put("anls_without_threshold", r(questions == 0 ? 0 : sumAlways / questions));
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
