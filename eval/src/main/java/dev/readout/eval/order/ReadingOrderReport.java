package dev.readout.eval.order;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reading-order scores of several models on one data set, as a table or JSON. */
public record ReadingOrderReport(String format, int pages, Map<String, ReadingOrderEvaluation.Scores> models) {
    public static final String BLEU_DEF = "page-level BLEU-4: candidate = predicted unit ids, reference = gold ids; clipped n-gram"
            + " precisions n=1..N, N=min(4, units on the page), geometric mean with weights 1/N, brevity penalty"
            + " exp(1-r/c) if c<r (1 for a permutation), 0 if any precision is 0; mean over pages";
    public static final String ARD_DEF = "LayoutReader Average Relative Distance: (1/n) sum over gold units e_k (k = gold position)"
            + " of |k - predicted position of e_k|, or n when missing; in positions; mean over pages (lower is better)";
    public static final String ARD_REL_DEF = "ARD of the page divided by its unit count n; mean over pages (lower is better)";
    public static final String TAU_DEF = "Kendall's tau-a between gold and predicted positions: (concordant - discordant) / (n(n-1)/2);"
            + " 1 when n < 2; mean over pages";

    public ReadingOrderReport {
        models = new LinkedHashMap<>(models);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> s = new LinkedHashMap<>();
        models.forEach((k, v) -> s.put(k, v.toMap()));
        m.put("models", s);
        m.put("format", format);
        m.put("pages", pages);
        Map<String, String> defs = new LinkedHashMap<>();
        defs.put("bleu", BLEU_DEF);
        defs.put("ard", ARD_DEF);
        defs.put("ard_relative", ARD_REL_DEF);
        defs.put("kendall_tau", TAU_DEF);
        defs.put("input", "units (lines) are given to each model shuffled with a fixed seed; ids carry no order");
        m.put("definitions", defs);
        return m;
    }

    public String toJson() {
        return dev.readout.eval.Json.pretty(toMap());
    }

    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Reading order on %d page(s) (%s), lines shuffled as input%n%n", pages, format));
        sb.append(String.format(Locale.ROOT, "%-16s%10s%10s%14s%13s%8s%9s%8s%n", "model", "BLEU-4", "ARD", "ARD/n", "Kendall tau",
                "pages", "units", "failed"));
        models.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%-16s%10.4f%10.2f%14.4f%13.4f%8d%9d%8d%n", k, v.bleu(), v.ard(),
                v.ardRelative(), v.kendallTau(), v.pages(), v.units(), v.failedPages())));
        sb.append("\nBLEU-4: ").append(BLEU_DEF).append(".\nARD: ").append(ARD_DEF).append(".\nKendall tau: ").append(TAU_DEF).append(".\n");
        return sb.toString();
    }
}
