package dev.readout.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {
    @Test
    void lowerCasesAndDropsPunctuationSymbolsAndSpaces() {
        assertThat(TextNormalizer.normalize("DATE:")).isEqualTo("date");
        assertThat(TextNormalizer.normalize("(R&D)")).isEqualTo("rd");
        assertThat(TextNormalizer.normalize("“Quoted”,")).isEqualTo("quoted");
        assertThat(TextNormalizer.normalize("$1,250.00")).isEqualTo("125000");
        assertThat(TextNormalizer.normalize(" a b ")).isEqualTo("ab");
        assertThat(TextNormalizer.normalize("---")).isEmpty();
    }
}
