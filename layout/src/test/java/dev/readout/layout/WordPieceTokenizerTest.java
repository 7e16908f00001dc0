package dev.readout.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.layout.tokenizer.WordPieceTokenizer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WordPieceTokenizerTest {
    private static final String VOCAB = String.join("\n", "[PAD]", "[UNK]", "[CLS]", "[SEP]", "invoice", "total", "##s",
            "due", ":", "$", "1", "##2", ",", "cafe", "un", "##aff", "##able", "date", "/", "9", "3");

    private final WordPieceTokenizer tok;

    WordPieceTokenizerTest() throws Exception {
        tok = WordPieceTokenizer.fromVocab(new ByteArrayInputStream(VOCAB.getBytes(StandardCharsets.UTF_8)), true);
    }

    @Test
    void lowerCasesStripsAccentsAndSplitsPunctuation() {
        assertThat(tok.tokenize("Invoices:")).containsExactly("invoice", "##s", ":");
        assertThat(tok.tokenize("Café")).containsExactly("cafe");
        assertThat(tok.tokenize("$12,")).containsExactly("$", "1", "##2", ",");
        assertThat(tok.tokenize("Date: 9/3")).containsExactly("date", ":", "9", "/", "3");
    }

    @Test
    void greedyLongestMatchAndUnknowns() {
        assertThat(tok.tokenize("unaffable")).containsExactly("un", "##aff", "##able");
        assertThat(tok.tokenize("xyz")).containsExactly("[UNK]");
        assertThat(tok.tokenize("\u0000\u200b")).containsExactly("[UNK]");
        assertThat(tok.ids("total due")).containsExactly(5, 7);
    }

    @Test
    void whitespaceIsWhatPythonSplitsOn() {
        // Zs (incl. the no-break spaces U+00A0, U+202F), Zl and Zp separate words as in wordpiece.py
        assertThat(tok.tokenize("total\u00a0due")).containsExactly("total", "due");
        assertThat(tok.tokenize("total\u202fdue")).containsExactly("total", "due");
        assertThat(tok.tokenize("total\u2028due\tinvoice")).containsExactly("total", "due", "invoice");
        // control and format characters are dropped, not split on
        assertThat(tok.tokenize("to\u200btal")).containsExactly("total");
    }
}
