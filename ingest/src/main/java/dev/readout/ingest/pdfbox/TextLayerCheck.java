package dev.readout.ingest.pdfbox;

import java.util.List;

/**
 * Decides whether a page's text layer can be trusted or the page should be OCR'd: no text, mostly
 * undecodable characters (U+FFFD, private-use, control), or letter soup without vowels (a font with a
 * broken encoding) count as unusable.
 */
public final class TextLayerCheck {
    private TextLayerCheck() {
    }

    public static boolean usable(List<String> words) {
        int chars = 0;
        int bad = 0;
        int longWords = 0;
        int withVowel = 0;
        for (String w : words) {
            int letters = 0;
            boolean vowel = false;
            for (int i = 0; i < w.length(); i++) {
                char c = w.charAt(i);
                chars++;
                if (c == '\uFFFD' || (c >= '\uE000' && c <= '\uF8FF') || Character.isISOControl(c)
                        || Character.getType(c) == Character.UNASSIGNED) {
                    bad++;
                }
                if (Character.isLetter(c)) {
                    letters++;
                    vowel |= "aeiouyäöüàáâéèêëíìîïóòôúùûåæøœ".indexOf(Character.toLowerCase(c)) >= 0;
                }
            }
            if (letters >= 4 && letters == w.length()) {
                longWords++;
                if (vowel) {
                    withVowel++;
                }
            }
        }
        if (chars == 0) {
            return false;
        }
        if (bad > 0.1 * chars) {
            return false;
        }
        return longWords < 10 || withVowel >= 0.5 * longWords;
    }
}
