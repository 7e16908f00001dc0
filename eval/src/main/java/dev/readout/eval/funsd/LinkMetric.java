package dev.readout.eval.funsd;

import java.util.Set;

/**
 * Question → answer linking P/R/F1, micro-averaged over pages: a predicted pair is correct when the gold has the
 * same (question, answer) pair. Not thread-safe.
 */
public final class LinkMetric {
    private Prf counts = Prf.ZERO;

    /** Adds one page: predicted and gold pairs as keys of any type with equals (e.g. records). */
    public <T> void addPage(Set<T> predicted, Set<T> gold) {
        long tp = predicted.stream().filter(gold::contains).count();
        counts = counts.plus(new Prf(tp, predicted.size(), gold.size()));
    }

    public void add(Prf p) {
        counts = counts.plus(p);
    }

    public Prf total() {
        return counts;
    }
}
