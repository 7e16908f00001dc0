package dev.readout.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.core.model.Box;
import dev.readout.core.stage.OcrEngine.OcrBlock;
import dev.readout.core.stage.OcrEngine.OcrLine;
import dev.readout.core.stage.OcrEngine.OcrResult;
import dev.readout.core.stage.OcrEngine.OcrWord;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnReadingTest {

    private static OcrLine line(double conf, double y, String... words) {
        List<OcrWord> ws = new java.util.ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            ws.add(new OcrWord(words[i], new Box(100 + 100 * i, y, 180 + 100 * i, y + 30), conf));
        }
        return new OcrLine(Box.unionOf(ws.stream().map(OcrWord::box).toList()), conf, ws);
    }

    @Test
    void dropsLinesWithoutLettersOrDigitsAndLinesFarLessConfidentThanThePage() {
        OcrResult block = new OcrResult(List.of(new OcrBlock(new Box(0, 0, 1000, 1000), List.of(
                line(0.90, 100, "Zürich,", "den", "21."),
                line(0.85, 140, "|", "—", "::"),          // a rule and speckle read as marks
                line(0.88, 180, "Oktober", "1785"),
                line(0.30, 220, "ii", "lI"),               // below half the median line confidence, no word
                line(0.35, 240, "Tagesbericht"),           // as low, but a word: a letter-spaced heading
                line(0.15, 250, "Zeitung"),                // below the absolute floor
                line(0.92, 260, "Paris")))));
        OcrResult clean = ColumnReading.clean(List.of(block, new OcrResult(List.of())));
        assertThat(clean.blocks()).hasSize(1);
        assertThat(clean.blocks().get(0).lines()).extracting(l -> l.words().get(0).text()).containsExactly("Zürich,", "Oktober", "Tagesbericht", "Paris");
    }

    @Test
    void dropsARuleReadAsAMarkAtTheEndOfALineButKeepsPunctuation() {
        List<OcrWord> words = List.of(
                new OcrWord("faſſen", new Box(100, 200, 200, 230), 0.9),
                new OcrWord(":", new Box(210, 205, 218, 230), 0.9),        // punctuation close to its word
                new OcrWord("|", new Box(300, 195, 304, 235), 0.8));       // the column rule, far to the right
        assertThat(ColumnReading.withoutStrayMarks(words)).extracting(OcrWord::text).containsExactly("faſſen", ":");
        assertThat(ColumnReading.withoutStrayMarks(List.of(new OcrWord("—", new Box(0, 0, 30, 10), 0.9)))).hasSize(1);
    }

    @Test
    void lineBoxesTakeTheMedianTopAndBottomOfTheirWords() {
        List<OcrWord> words = List.of(
                new OcrWord("Die", new Box(100, 200, 150, 230), 0.9),
                new OcrWord("GROSSE", new Box(160, 120, 300, 232), 0.9),   // one tall word
                new OcrWord("Stadt", new Box(310, 198, 380, 231), 0.9));
        Box b = ColumnReading.lineBox(words);
        assertThat(b).isEqualTo(new Box(100, 198, 380, 231));   // not 120: the tall word does not stretch it
    }
}
