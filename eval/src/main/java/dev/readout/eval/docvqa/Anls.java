package dev.readout.eval.docvqa;

import java.util.List;
import java.util.Locale;

/**
 * Average Normalized Levenshtein Similarity (Biten et al., ICCV 2019; the DocVQA metric). For one question with
 * gold answers {@code g_1..g_k} and prediction {@code p} (both lower-cased, white space collapsed and trimmed):
 * {@code NL(p, g) = lev(p, g) / max(|p|, |g|)} in code points (0 when both are empty);
 * {@code s(p, g) = 1 - NL} when {@code NL < τ}, else 0; the question scores {@code max_i s(p, g_i)}; ANLS is the
 * mean over questions. {@code τ = 0.5}. No answer is the empty string.
 */
public final class Anls {
    public static final double THRESHOLD = 0.5;

    private Anls() {
    }

    /** The score of one prediction against its gold answers. */
    public static double score(String prediction, List<String> golds) {
        String p = norm(prediction);
        double best = 0;
        for (String g : golds) {
            String n = norm(g);
            int max = Math.max(p.codePointCount(0, p.length()), n.codePointCount(0, n.length()));
            double nl = max == 0 ? 0 : levenshtein(p, n) / (double) max;
            best = Math.max(best, nl < THRESHOLD ? 1 - nl : 0);
        }
        return best;
    }

    static String norm(String s) {
        return s == null ? "" : String.join(" ", s.toLowerCase(Locale.ROOT).strip().split("\\s+")).strip();
    }

    /** Edit distance (insert, delete, substitute, each 1) over code points. */
    public static int levenshtein(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        int[] prev = new int[y.length + 1];
        int[] cur = new int[y.length + 1];
        for (int j = 0; j <= y.length; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= x.length; i++) {
            cur[0] = i;
            for (int j = 1; j <= y.length; j++) {
                cur[j] = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[y.length];
    }
}
