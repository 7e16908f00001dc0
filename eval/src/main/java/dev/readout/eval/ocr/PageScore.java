package dev.readout.eval.ocr;

import dev.readout.eval.Levenshtein;
import dev.readout.eval.TextNormalizer;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Counts for one page and one system.
 *
 * @param matched           word matches with exact (case-sensitive) text and IoU ≥ 0.5
 * @param matchedNormalized word matches after {@link TextNormalizer} and IoU ≥ 0.5
 * @param strayChars        the part of {@code edits} due to predicted words outside every gold box
 */
public record PageScore(int goldWords, int predictedWords, int matched, int matchedNormalized, long edits, long goldChars,
                        long strayChars) {

    public static PageScore of(List<TextBox> gold, List<TextBox> predicted) {
        int exact = WordMatcher.count(gold, predicted, UnaryOperator.identity());
        int norm = WordMatcher.count(gold, predicted, TextNormalizer::normalize);
        CharacterErrorRate.Counts c = CharacterErrorRate.of(gold, predicted);
        return new PageScore(gold.size(), predicted.size(), exact, norm, c.edits(), c.goldChars(), c.strayChars());
    }

    /** The score of a page a system failed on: nothing predicted. */
    public static PageScore failed(List<TextBox> gold) {
        long chars = gold.stream().mapToLong(t -> Levenshtein.length(t.text())).sum();
        return new PageScore(gold.size(), 0, 0, 0, chars, chars, 0);
    }
}
