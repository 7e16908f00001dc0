package dev.readout.eval.ocr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Scores of several OCR systems on the same pages, as a table or as JSON. */
public record OcrReport(int documents, long goldWords, Map<String, OcrScores> systems, Map<String, String> skipped) {
    public OcrReport {
        systems = new LinkedHashMap<>(systems);
        skipped = new LinkedHashMap<>(skipped);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("documents", documents);
        m.put("gold_words", goldWords);
        Map<String, Object> s = new LinkedHashMap<>();
        systems.forEach((k, v) -> s.put(k, v.toMap()));
        m.put("systems", s);
        if (!skipped.isEmpty()) {
            m.put("skipped", skipped);
        }
        Map<String, String> defs = new LinkedHashMap<>();
        defs.put("word_match", "same text (exact, case-sensitive) and box IoU >= 0.5, one-to-one, greedy by decreasing IoU");
        defs.put("word_f1_normalized", "as word_f1 with texts lower-cased and stripped of punctuation, symbols and spaces");
        defs.put("cer", "per gold word: Levenshtein(gold text, the predicted words whose box centre is inside the gold box"
                + " (highest-IoU gold box if several), left to right, joined by a space); predicted words assigned to no gold"
                + " word add their length; total edits / total gold characters");
        defs.put("seconds", "wall-clock seconds for the system over all documents");
        m.put("definitions", defs);
        return m;
    }

    public String toJson() {
        return dev.readout.eval.Json.pretty(toMap());
    }

    public String toTable() {
        List<String> names = new ArrayList<>(systems.keySet());
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "OCR on %d document(s), %d gold words%n%n", documents, goldWords));
        int w = Math.max(13, names.stream().mapToInt(String::length).max().orElse(0) + 2);
        sb.append(String.format(Locale.ROOT, "%-28s", "metric"));
        for (String n : names) {
            sb.append(String.format(Locale.ROOT, "%" + w + "s", n));
        }
        sb.append('\n');
        row(sb, names, w, "word precision", OcrScores::precision, "%.4f");
        row(sb, names, w, "word recall", OcrScores::recall, "%.4f");
        row(sb, names, w, "word F1", OcrScores::f1, "%.4f");
        row(sb, names, w, "word precision (normalized)", OcrScores::precisionNormalized, "%.4f");
        row(sb, names, w, "word recall (normalized)", OcrScores::recallNormalized, "%.4f");
        row(sb, names, w, "word F1 (normalized)", OcrScores::f1Normalized, "%.4f");
        row(sb, names, w, "CER (lower is better)", OcrScores::cer, "%.4f");
        row(sb, names, w, "seconds", OcrScores::seconds, "%.1f");
        row(sb, names, w, "failed pages", s -> (double) s.failedPages(), "%.0f");
        skipped.forEach((k, v) -> sb.append(k).append(": skipped: ").append(v).append('\n'));
        sb.append("\nA word matches when its text equals the gold text and the boxes have IoU >= 0.5 (one-to-one, greedy by IoU).\n");
        sb.append("Normalized: lower case, punctuation/symbols/spaces removed. CER: see 'readout eval ocr --help'.\n");
        return sb.toString();
    }

    private void row(StringBuilder sb, List<String> names, int w, String label, Function<OcrScores, Double> f, String fmt) {
        sb.append(String.format(Locale.ROOT, "%-28s", label));
        for (String n : names) {
            sb.append(String.format(Locale.ROOT, "%" + w + "s", String.format(Locale.ROOT, fmt, f.apply(systems.get(n)))));
        }
        sb.append('\n');
    }
}
