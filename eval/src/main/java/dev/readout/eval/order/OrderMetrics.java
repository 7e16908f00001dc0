package dev.readout.eval.order;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Page-level reading-order metrics between a predicted and a gold sequence of unit ids.
 *
 * <ul>
 *   <li>{@link #bleu}: BLEU-4 as in LayoutReader (Wang et al., EMNLP 2021), the predicted id sequence as the
 *       candidate and the gold id sequence as the single reference. Modified (clipped) n-gram precisions p_1..p_N
 *       with N = min(4, length of the gold sequence), their geometric mean with equal weights 1/N, times the
 *       brevity penalty BP = exp(1 − r/c) when c &lt; r, else 1 (c, r: candidate and reference lengths; BP = 1 for a
 *       permutation). No further smoothing: a zero precision gives 0.</li>
 *   <li>{@link #ard}: Average Relative Distance as LayoutReader defines it: ARD(A, B) = (1/n) Σ_{e_k ∈ A} s(e_k, B),
 *       A the gold sequence of length n, s(e_k, B) = |k − I(e_k, B)| when e_k is in B (I = its position in B),
 *       n when it is missing. In positions, not normalised (LayoutReader reports e.g. 8.46).</li>
 *   <li>{@link #kendallTau}: Kendall's tau-a over the gold units: (concordant − discordant) / (n(n−1)/2), a pair being
 *       concordant when the predicted positions keep the gold order; a unit missing from the prediction is placed
 *       after all predicted ones, in gold order. 1 for n &lt; 2.</li>
 * </ul>
 */
public final class OrderMetrics {
    private OrderMetrics() {
    }

    public static double bleu(List<String> predicted, List<String> gold) {
        int r = gold.size();
        int c = predicted.size();
        if (r == 0) {
            return c == 0 ? 1.0 : 0.0;
        }
        if (c == 0) {
            return 0.0;
        }
        int maxN = Math.min(4, r);
        double logSum = 0;
        for (int n = 1; n <= maxN; n++) {
            Map<List<String>, Integer> ref = ngrams(gold, n);
            Map<List<String>, Integer> cand = ngrams(predicted, n);
            long total = Math.max(0, c - n + 1);
            if (total == 0) {
                return 0.0;
            }
            long clipped = 0;
            for (Map.Entry<List<String>, Integer> e : cand.entrySet()) {
                clipped += Math.min(e.getValue(), ref.getOrDefault(e.getKey(), 0));
            }
            if (clipped == 0) {
                return 0.0;
            }
            logSum += Math.log((double) clipped / total) / maxN;
        }
        double bp = c < r ? Math.exp(1.0 - (double) r / c) : 1.0;
        return bp * Math.exp(logSum);
    }

    private static Map<List<String>, Integer> ngrams(List<String> s, int n) {
        Map<List<String>, Integer> m = new HashMap<>();
        for (int i = 0; i + n <= s.size(); i++) {
            m.merge(List.copyOf(s.subList(i, i + n)), 1, Integer::sum);
        }
        return m;
    }

    public static double ard(List<String> predicted, List<String> gold) {
        int n = gold.size();
        if (n == 0) {
            return 0.0;
        }
        Map<String, Integer> pos = positions(predicted);
        double sum = 0;
        for (int k = 0; k < n; k++) {
            Integer p = pos.get(gold.get(k));
            sum += p == null ? n : Math.abs(k - p);
        }
        return sum / n;
    }

    public static double kendallTau(List<String> predicted, List<String> gold) {
        int n = gold.size();
        if (n < 2) {
            return 1.0;
        }
        Map<String, Integer> pos = positions(predicted);
        int[] p = new int[n];
        int missing = 0;
        for (int k = 0; k < n; k++) {
            Integer q = pos.get(gold.get(k));
            p[k] = q != null ? q : predicted.size() + missing++;
        }
        long conc = 0;
        long disc = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (p[i] < p[j]) {
                    conc++;
                } else if (p[i] > p[j]) {
                    disc++;
                }
            }
        }
        return (double) (conc - disc) / ((long) n * (n - 1) / 2);
    }

    /** First position of each id. */
    private static Map<String, Integer> positions(List<String> seq) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < seq.size(); i++) {
            m.putIfAbsent(seq.get(i), i);
        }
        return m;
    }
}
