package dev.readout.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LevenshteinTest {
    @Test
    void countsInsertionsDeletionsAndSubstitutions() {
        assertThat(Levenshtein.distance("", "")).isZero();
        assertThat(Levenshtein.distance("abc", "")).isEqualTo(3);
        assertThat(Levenshtein.distance("", "ab")).isEqualTo(2);
        assertThat(Levenshtein.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Levenshtein.distance("Date:", "Date")).isEqualTo(1);
        assertThat(Levenshtein.distance("flaw", "lawn")).isEqualTo(2);
        assertThat(Levenshtein.distance("same", "same")).isZero();
    }

    @Test
    void isCaseSensitiveAndSymmetric() {
        assertThat(Levenshtein.distance("Total", "total")).isEqualTo(1);
        assertThat(Levenshtein.distance("abcdef", "azced")).isEqualTo(Levenshtein.distance("azced", "abcdef"));
    }

    @Test
    void countsCodePointsNotUtf16Units() {
        String clef = new String(Character.toChars(0x1D11E));
        assertThat(Levenshtein.length(clef + "a")).isEqualTo(2);
        assertThat(Levenshtein.distance(clef, "x")).isEqualTo(1);
    }
}
