package dev.readout.eval.ocr;

import dev.readout.eval.Iou;
import dev.readout.eval.Levenshtein;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Character errors of one page. Each predicted word is assigned to the gold word whose box holds the
 * predicted box's centre (when several gold boxes hold it: the one with the highest IoU, then the first);
 * for each gold word, its assigned predicted words, sorted left to right (x0, then y0), are joined by one space
 * and compared with the gold text by Levenshtein distance (0 assigned words: the whole gold word is deleted).
 * Predicted words assigned to no gold word count their length as insertions. CER = edits / gold characters,
 * summed over pages (micro average). Lengths are in code points.
 */
public final class CharacterErrorRate {
    private CharacterErrorRate() {
    }

    /**
     * Edits and gold characters of one page.
     *
     * @param strayChars the part of {@code edits} due to predicted words assigned to no gold word
     */
    public record Counts(long edits, long goldChars, long strayChars) {
        public double rate() {
            return goldChars == 0 ? (edits == 0 ? 0 : Double.POSITIVE_INFINITY) : edits / (double) goldChars;
        }
    }

    public static Counts of(List<TextBox> gold, List<TextBox> predicted) {
        List<List<TextBox>> assigned = new ArrayList<>();
        for (int g = 0; g < gold.size(); g++) {
            assigned.add(new ArrayList<>());
        }
        long edits = 0;
        long stray = 0;
        for (TextBox p : predicted) {
            int best = -1;
            double bestIou = -1;
            for (int g = 0; g < gold.size(); g++) {
                if (Iou.centreInside(p.box(), gold.get(g).box())) {
                    double iou = Iou.of(p.box(), gold.get(g).box());
                    if (iou > bestIou) {
                        bestIou = iou;
                        best = g;
                    }
                }
            }
            if (best < 0) {
                edits += Levenshtein.length(p.text());
                stray += Levenshtein.length(p.text());
            } else {
                assigned.get(best).add(p);
            }
        }
        long goldChars = 0;
        for (int g = 0; g < gold.size(); g++) {
            String truth = gold.get(g).text();
            goldChars += Levenshtein.length(truth);
            List<TextBox> mine = assigned.get(g);
            mine.sort(Comparator.comparingDouble((TextBox t) -> t.box().x0()).thenComparingDouble(t -> t.box().y0()));
            String hyp = String.join(" ", mine.stream().map(TextBox::text).toList());
            edits += Levenshtein.distance(truth, hyp);
        }
        return new Counts(edits, goldChars, stray);
    }
}
