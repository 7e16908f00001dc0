package dev.readout.eval.ocr;

import dev.readout.eval.Iou;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One-to-one matching of predicted to gold words. A pair is a candidate when the texts are equal (after
 * {@code key}, e.g. identity for the exact score) and the boxes overlap with IoU ≥ {@link #MIN_IOU}.
 * Candidates are taken greedily by decreasing IoU (ties: gold index, then predicted index); each gold and each
 * predicted word is used at most once.
 */
public final class WordMatcher {
    public static final double MIN_IOU = 0.5;

    private WordMatcher() {
    }

    /** Matched pairs as {@code [goldIndex, predictedIndex]}, in the order they were taken. */
    public static List<int[]> match(List<TextBox> gold, List<TextBox> predicted, UnaryOperator<String> key) {
        record Candidate(int g, int p, double iou) {
        }
        List<Candidate> candidates = new ArrayList<>();
        String[] pk = predicted.stream().map(t -> key.apply(t.text())).toArray(String[]::new);
        for (int g = 0; g < gold.size(); g++) {
            String gk = key.apply(gold.get(g).text());
            for (int p = 0; p < predicted.size(); p++) {
                if (!gk.equals(pk[p])) {
                    continue;
                }
                double iou = Iou.of(gold.get(g).box(), predicted.get(p).box());
                if (iou >= MIN_IOU) {
                    candidates.add(new Candidate(g, p, iou));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::iou).reversed()
                .thenComparingInt(Candidate::g).thenComparingInt(Candidate::p));
        boolean[] gUsed = new boolean[gold.size()];
        boolean[] pUsed = new boolean[predicted.size()];
        List<int[]> out = new ArrayList<>();
        for (Candidate c : candidates) {
            if (!gUsed[c.g] && !pUsed[c.p]) {
                gUsed[c.g] = true;
                pUsed[c.p] = true;
                out.add(new int[] {c.g, c.p});
            }
        }
        return out;
    }

    public static int count(List<TextBox> gold, List<TextBox> predicted, UnaryOperator<String> key) {
        return match(gold, predicted, key).size();
    }
}
