package dev.readout.eval;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The lenient comparison used for the secondary word scores: lower case (root locale) with every
 * Unicode punctuation or symbol character ({@code \p{P}}, {@code \p{S}}) and all white space removed.
 */
public final class TextNormalizer {
    private static final Pattern DROP = Pattern.compile("[\\p{P}\\p{S}\\s]+");

    private TextNormalizer() {
    }

    public static String normalize(String s) {
        return DROP.matcher(s.toLowerCase(Locale.ROOT)).replaceAll("");
    }
}
