package dev.readout.ingest.maps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The recogniser's classes as Latin text (its Latin-only decoding keeps full-width signs as their ASCII forms). */
class CtcTextRecognizerTest {
    @Test
    void fullWidthSignsReadAsAscii() {
        assertThat(CtcTextRecognizer.latin("\uFF06")).isEqualTo("&");
        assertThat(CtcTextRecognizer.latin("\uFF0C")).isEqualTo(",");
        assertThat(CtcTextRecognizer.latin("\uFF1A")).isEqualTo(":");
        assertThat(CtcTextRecognizer.latin("\uFF08")).isEqualTo("(");
        assertThat(CtcTextRecognizer.latin("\uFF11")).isEqualTo("1");
        assertThat(CtcTextRecognizer.latin("\u3002")).isEqualTo(".");
        assertThat(CtcTextRecognizer.latin("a")).isEqualTo("a");
        assertThat(CtcTextRecognizer.latin("\u4E00")).as("a Chinese character stays itself (and is not Latin)").isEqualTo("\u4E00");
    }
}
