package dev.readout.vqa.qa.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.layout.tokenizer.WordPieceTokenizer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Windows equal training/qa_data.windows (max_len 16, stride 4; values printed by the Python code). */
class QaEncoderTest {
    static Path vocab() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path v = d.resolve("models/qa-bert/vocab.txt");
            if (Files.isRegularFile(v)) {
                return v;
            }
        }
        throw new AssertionError("models/qa-bert/vocab.txt (shipped) not found");
    }

    @Test
    void windowsMatchThePythonEncoder() throws Exception {
        WordPieceTokenizer tok;
        try (InputStream in = Files.newInputStream(vocab())) {
            tok = WordPieceTokenizer.fromVocab(in, true);
        }
        QaEncoder enc = new QaEncoder(tok, 16, 4, 64);
        List<QaEncoder.QaWindow> w = enc.encode("What is the total due?", List.of("Total", "due:", "$1,234.56", "Café-Crème"),
                List.of(new int[] {1, 2, 3, 4}, new int[] {5, 6, 7, 8}, new int[] {9, 10, 11, 12}, new int[] {13, 14, 15, 16}));
        assertThat(w).hasSize(3);
        assertThat(w.get(0).inputIds()).containsExactly(101, 2054, 2003, 1996, 2561, 2349, 1029, 102, 2561, 2349, 1024, 1002, 1015, 1010, 22018, 102);
        assertThat(w.get(1).inputIds()).containsExactly(101, 2054, 2003, 1996, 2561, 2349, 1029, 102, 1002, 1015, 1010, 22018, 1012, 5179, 7668, 102);
        assertThat(w.get(2).inputIds()).containsExactly(101, 2054, 2003, 1996, 2561, 2349, 1029, 102, 22018, 1012, 5179, 7668, 1011, 13675, 21382, 102);
        assertThat(w.get(0).tokenTypes()).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1);
        assertThat(w.get(1).tokenWord()).containsExactly(-1, -1, -1, -1, -1, -1, -1, -1, 2, 2, 2, 2, 2, 2, 3, -1);
        long[] b = w.get(2).bbox();
        assertThat(java.util.Arrays.copyOfRange(b, 0, 4)).containsExactly(0, 0, 0, 0);
        assertThat(java.util.Arrays.copyOfRange(b, 28, 32)).containsExactly(1000, 1000, 1000, 1000);
        assertThat(java.util.Arrays.copyOfRange(b, 32, 36)).containsExactly(9, 10, 11, 12);
        assertThat(java.util.Arrays.copyOfRange(b, 44, 48)).containsExactly(13, 14, 15, 16);
        assertThat(java.util.Arrays.copyOfRange(b, 60, 64)).containsExactly(1000, 1000, 1000, 1000);
    }

    @Test
    void decodePicksTheBestSpanAndItsMarginOverNoAnswer() {
        int[] tw = {-1, -1, -1, 0, 1, 2, -1};
        float[] s = {1, 0, 0, 0.5f, 3, 0, 0};
        float[] e = {1, 0, 0, 0, 0, 2, 9};
        OnnxQaModel.Span sp = OnnxQaModel.decode(s, e, tw, 30);
        assertThat(sp.firstWord()).isEqualTo(1);
        assertThat(sp.lastWord()).isEqualTo(2);
        assertThat(sp.score()).isEqualTo(5.0);
        assertThat(sp.margin()).isEqualTo(3.0);
        assertThat(OnnxQaModel.decode(s, e, tw, 1).lastWord()).isEqualTo(1);
    }
}
