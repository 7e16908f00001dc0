package dev.readout.eval;

/** Edit distance (insertions, deletions, substitutions, each costing 1) between strings, counted in Unicode code points. */
public final class Levenshtein {
    private Levenshtein() {
    }

    public static int distance(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        if (x.length == 0) {
            return y.length;
        }
        if (y.length == 0) {
            return x.length;
        }
        int[] prev = new int[y.length + 1];
        int[] cur = new int[y.length + 1];
        for (int j = 0; j <= y.length; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= x.length; i++) {
            cur[0] = i;
            for (int j = 1; j <= y.length; j++) {
                int sub = prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[y.length];
    }

    /** Length in code points (what {@link #distance} counts in). */
    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
