package dev.readout.eval.funsd;

import dev.readout.core.model.Box;
import dev.readout.eval.Iou;
import dev.readout.eval.TextNormalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One-to-one matching of predicted to gold entities when the words differ (OCR): a (gold, predicted) pair is a
 * candidate when the labels are equal and either their normalised texts are equal and not empty
 * ({@link TextNormalizer}: lower case, punctuation, symbols and white space removed; an entity's text is its
 * words joined by spaces) or their boxes (union of the entity's word boxes, source-image pixels) have
 * IoU ≥ {@value #MIN_IOU}. Candidates are taken greedily: text-equal ones first, then by decreasing IoU, then by
 * gold index, then by predicted index; each gold and each predicted entity is used at most once.
 */
public final class EntityMatcher {
    public static final double MIN_IOU = 0.5;

    private EntityMatcher() {
    }

    /** An entity to match. */
    public record Item(String label, String text, Box box) {
    }

    /** Matched pairs {@code [goldIndex, predictedIndex]}, in the order taken. */
    public static List<int[]> match(List<Item> gold, List<Item> predicted) {
        record Candidate(int g, int p, boolean textEqual, double iou) {
        }
        List<Candidate> cs = new ArrayList<>();
        String[] pn = predicted.stream().map(i -> TextNormalizer.normalize(i.text())).toArray(String[]::new);
        for (int g = 0; g < gold.size(); g++) {
            Item gi = gold.get(g);
            String gn = TextNormalizer.normalize(gi.text());
            for (int p = 0; p < predicted.size(); p++) {
                Item pi = predicted.get(p);
                if (!gi.label().equals(pi.label())) {
                    continue;
                }
                boolean textEqual = !gn.isEmpty() && gn.equals(pn[p]);
                double iou = gi.box() == null || pi.box() == null ? 0 : Iou.of(gi.box(), pi.box());
                if (textEqual || iou >= MIN_IOU) {
                    cs.add(new Candidate(g, p, textEqual, iou));
                }
            }
        }
        cs.sort(Comparator.comparing((Candidate c) -> !c.textEqual()).thenComparing(Comparator.comparingDouble(Candidate::iou).reversed())
                .thenComparingInt(Candidate::g).thenComparingInt(Candidate::p));
        boolean[] gUsed = new boolean[gold.size()];
        boolean[] pUsed = new boolean[predicted.size()];
        List<int[]> out = new ArrayList<>();
        for (Candidate c : cs) {
            if (!gUsed[c.g()] && !pUsed[c.p()]) {
                gUsed[c.g()] = true;
                pUsed[c.p()] = true;
                out.add(new int[] {c.g(), c.p()});
            }
        }
        return out;
    }
}
