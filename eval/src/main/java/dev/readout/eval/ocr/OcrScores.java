package dev.readout.eval.ocr;

import java.util.LinkedHashMap;
import java.util.Map;

/** Micro-averaged scores of one system over many pages. Thread-safe accumulator. */
public final class OcrScores {
    private long pages;
    private long failedPages;
    private long goldWords;
    private long predictedWords;
    private long matched;
    private long matchedNormalized;
    private long edits;
    private long goldChars;
    private long strayChars;
    private double pageSeconds;
    private double seconds;
    private long correctedPages;

    public synchronized void add(PageScore s, double pageSeconds) {
        pages++;
        goldWords += s.goldWords();
        predictedWords += s.predictedWords();
        matched += s.matched();
        matchedNormalized += s.matchedNormalized();
        edits += s.edits();
        goldChars += s.goldChars();
        strayChars += s.strayChars();
        this.pageSeconds += pageSeconds;
    }

    public synchronized void addFailure() {
        failedPages++;
    }

    /** Pages whose boxes had to be mapped back from a rotated or deskewed page image. */
    public synchronized void addCorrected() {
        correctedPages++;
    }

    public synchronized void setSeconds(double wallSeconds) {
        this.seconds = wallSeconds;
    }

    static double ratio(long a, long b) {
        return b == 0 ? 0 : a / (double) b;
    }

    static double f1(double p, double r) {
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public synchronized double precision() {
        return ratio(matched, predictedWords);
    }

    public synchronized double recall() {
        return ratio(matched, goldWords);
    }

    public synchronized double f1() {
        return f1(precision(), recall());
    }

    public synchronized double precisionNormalized() {
        return ratio(matchedNormalized, predictedWords);
    }

    public synchronized double recallNormalized() {
        return ratio(matchedNormalized, goldWords);
    }

    public synchronized double f1Normalized() {
        return f1(precisionNormalized(), recallNormalized());
    }

    public synchronized double cer() {
        return ratio(edits, goldChars);
    }

    public synchronized double seconds() {
        return seconds;
    }

    public synchronized long pages() {
        return pages;
    }

    public synchronized long failedPages() {
        return failedPages;
    }

    /** The figures as an ordered map, ready for JSON. */
    public synchronized Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("word_precision", round(precision()));
        m.put("word_recall", round(recall()));
        m.put("word_f1", round(f1()));
        m.put("word_precision_normalized", round(precisionNormalized()));
        m.put("word_recall_normalized", round(recallNormalized()));
        m.put("word_f1_normalized", round(f1Normalized()));
        m.put("cer", round(cer()));
        m.put("seconds", Math.round(seconds * 100) / 100.0);
        m.put("seconds_per_page", pages == 0 ? 0 : Math.round(pageSeconds / pages * 1000) / 1000.0);
        m.put("pages", pages);
        m.put("failed_pages", failedPages);
        m.put("corrected_pages", correctedPages);
        m.put("gold_words", goldWords);
        m.put("predicted_words", predictedWords);
        m.put("matched_words", matched);
        m.put("matched_words_normalized", matchedNormalized);
        m.put("char_edits", edits);
        m.put("gold_chars", goldChars);
        m.put("stray_chars", strayChars);
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
