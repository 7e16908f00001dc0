package dev.readout.eval.docvqa;

import dev.readout.core.model.Document;
import dev.readout.vqa.qa.Answer;
import dev.readout.vqa.qa.DocumentQa;
import dev.readout.vqa.qa.ExtractiveQa;
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
        return run(pages, answerer, null);
    }

    /**
     * As {@link #run(List, Function)}; every question is also reported to {@code verbose} when it is not null
     * (tab-separated: ANLS, question id, question, gold answers joined by " | ", answer, source, matched key, score),
     * and the JSON gains {@code by_source}: per answer source ({@code qa-model}, {@code key-value}, …, {@code none})
     * the questions it answered and their mean ANLS.
     */
    public static Map<String, Object> run(List<DocVqaPage> pages, Function<Document, DocumentQa> answerer,
                                          java.util.function.Consumer<String> verbose) {
        long t0 = System.nanoTime();
        double sum = 0;
        double sumAlways = 0;
        int questions = 0;
        int answered = 0;
        int k = 0;
        Map<String, double[]> bySource = new java.util.TreeMap<>();
        for (DocVqaPage p : pages) {
            DocumentQa qa = answerer.apply(TextPage.document("docvqa-" + k++, p.context()));
            for (DocVqaPage.Question q : p.questions()) {
                Answer a = qa.ask(q.question());
                questions++;
                if (a.found()) {
                    answered++;
                }
                double anls = Anls.score(a.found() ? a.text() : "", q.answers());
                sum += anls;
                String source = a.found() ? a.source() : "none";
                bySource.computeIfAbsent(source, x -> new double[2]);
                bySource.get(source)[0]++;
                bySource.get(source)[1] += anls;
                if (verbose != null) {
                    verbose.accept(String.join("\t", String.format(java.util.Locale.ROOT, "%.3f", anls), String.valueOf(q.id()),
                            flat(q.question()), flat(String.join(" | ", q.answers())), a.found() ? flat(a.text()) : "", source,
                            a.matchedKey() == null ? "" : flat(a.matchedKey()), String.format(java.util.Locale.ROOT, "%.3f", a.score())));
                }
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
        Map<String, Object> sources = new LinkedHashMap<>();
        bySource.forEach((src, v) -> sources.put(src, Map.of("questions", (int) v[0], "anls", r(v[1] / v[0]))));
        m.put("by_source", sources);
        m.put("seconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
        return m;
    }

    /**
     * Rows to calibrate the QA model's no-answer threshold on ({@code training/calibrate_threshold.py}): every
     * question asked of its own page ({@code own}) and of another page drawn with {@code seed} ({@code other}: its
     * answer is almost never there, so the model should refuse), the model's best span whatever its margin.
     * Tab-separated, with a header: question id, the question's own page (index into {@code pages}), own|other, the
     * margin, the ANLS of the span against the question's gold answers, the span. Returns the rows written.
     */
    public static int calibrationRows(List<DocVqaPage> pages, Function<Document, ExtractiveQa> answerer, long seed,
                                      java.util.function.Consumer<String> out) {
        if (pages.size() < 2) {
            throw new IllegalArgumentException("calibration rows need at least two pages, got " + pages.size());
        }
        out.accept(String.join("\t", "question_id", "page", "kind", "margin", "anls", "answer"));
        java.util.Random rnd = new java.util.Random(seed);
        List<ExtractiveQa> qas = new java.util.ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            qas.add(answerer.apply(TextPage.document("docvqa-" + i, pages.get(i).context())));
        }
        int rows = 0;
        for (int i = 0; i < pages.size(); i++) {
            for (DocVqaPage.Question q : pages.get(i).questions()) {
                int other = (i + 1 + rnd.nextInt(pages.size() - 1)) % pages.size();
                for (int j : new int[] {i, other}) {
                    ExtractiveQa.Scored s = qas.get(j).top(q.question());
                    if (!s.answer().found()) {
                        continue;
                    }
                    out.accept(String.join("\t", String.valueOf(q.id()), String.valueOf(i), j == i ? "own" : "other",
                            String.format(java.util.Locale.ROOT, "%.4f", s.margin()),
                            String.format(java.util.Locale.ROOT, "%.4f", Anls.score(s.answer().text(), q.answers())),
                            flat(s.answer().text())));
                    rows++;
                }
            }
        }
        return rows;
    }

    private static String flat(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    private static double r(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
