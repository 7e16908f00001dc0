package dev.readout.eval.funsd;

/**
 * Counts behind precision, recall and F1: true positives, predictions, gold items. P = tp / predicted
 * (0 when nothing was predicted), R = tp / gold (0 when there is no gold), F1 = 2PR / (P + R) (0 when both are 0),
 * as {@code training/metrics.py} and seqeval compute them.
 */
public record Prf(long tp, long predicted, long gold) {
    // partial counts (a true positive added apart from its gold item) are allowed; totals satisfy tp <= both
    public static final Prf ZERO = new Prf(0, 0, 0);

    public Prf {
        if (tp < 0 || predicted < 0 || gold < 0) {
            throw new IllegalArgumentException("bad counts tp=" + tp + " predicted=" + predicted + " gold=" + gold);
        }
    }

    public Prf plus(Prf o) {
        return new Prf(tp + o.tp, predicted + o.predicted, gold + o.gold);
    }

    public double precision() {
        return predicted == 0 ? 0.0 : (double) tp / predicted;
    }

    public double recall() {
        return gold == 0 ? 0.0 : (double) tp / gold;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }
}
