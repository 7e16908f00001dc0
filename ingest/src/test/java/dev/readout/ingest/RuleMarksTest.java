package dev.readout.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.core.model.Box;
import dev.readout.core.stage.OcrEngine.OcrLine;
import dev.readout.core.stage.OcrEngine.OcrWord;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleMarksTest {
    static OcrWord w(String t, double x0, double x1) {
        return new OcrWord(t, new Box(x0, 10, x1, 30), 0.9);
    }

    @Test
    void aLabelGluedToItsAnswerByAFillLineIsCutApart() {
        // "per___Phyllis": 13 characters over 130 px, 10 px a character
        List<OcrWord> out = RuleMarks.clean(w("per___Phyllis", 100, 230));
        assertThat(out).extracting(OcrWord::text).containsExactly("per", "Phyllis");
        assertThat(out.get(0).box()).isEqualTo(new Box(100, 10, 130, 30));
        assertThat(out.get(1).box()).isEqualTo(new Box(160, 10, 230, 30));
        assertThat(out).allMatch(x -> x.confidence() == 0.9);
    }

    @Test
    void underscoresAtTheEndsGoSingleInnerOnesStay() {
        assertThat(RuleMarks.clean(w("_1989-29", 0, 80))).extracting(OcrWord::text).containsExactly("1989-29");
        assertThat(RuleMarks.clean(w("_X_", 0, 30))).extracting(OcrWord::text).containsExactly("X");
        assertThat(RuleMarks.clean(w("Name_International_", 0, 190))).extracting(OcrWord::text).containsExactly("Name_International");
        OcrWord plain = w("file_name", 0, 90);
        assertThat(RuleMarks.clean(plain)).containsExactly(plain);             // the same word, untouched
        OcrWord none = w("Smith", 0, 50);
        assertThat(RuleMarks.clean(none)).containsExactly(none);
        assertThat(RuleMarks.clean(w("________", 0, 80))).isEmpty();
        assertThat(RuleMarks.clean(w("__$2,960.00___", 0, 140))).extracting(OcrWord::text).containsExactly("$2,960.00");
    }

    @Test
    void theSidesOfBoxesReadAsBarsGo() {
        assertThat(RuleMarks.clean(w("|", 0, 5))).isEmpty();
        assertThat(RuleMarks.clean(w("||", 0, 10))).isEmpty();
        List<OcrWord> out = RuleMarks.clean(w("|$19,750.", 0, 90));
        assertThat(out).extracting(OcrWord::text).containsExactly("$19,750.");
        assertThat(out.get(0).box()).isEqualTo(new Box(10, 10, 90, 30));
        assertThat(RuleMarks.clean(w("127.00|", 0, 70))).extracting(OcrWord::text).containsExactly("127.00");
        OcrWord inner = w("a|b", 0, 30);
        assertThat(RuleMarks.clean(inner)).containsExactly(inner);
    }

    @Test
    void aLineOfRuleMarksGoesAndAShortenedLineShrinksToItsWords() {
        OcrLine blank = new OcrLine(new Box(0, 10, 300, 30), 0.5, List.of(w("_______", 0, 140), w("______", 160, 300)));
        assertThat(RuleMarks.clean(blank)).isNull();
        OcrLine name = new OcrLine(new Box(0, 10, 300, 30), 0.8, List.of(w("Name:", 0, 50), w("________", 60, 300)));
        OcrLine c = RuleMarks.clean(name);
        assertThat(c.words()).extracting(OcrWord::text).containsExactly("Name:");
        assertThat(c.box()).isEqualTo(new Box(0, 10, 50, 30));
        assertThat(c.confidence()).isEqualTo(0.8);
        OcrLine clean = new OcrLine(new Box(0, 10, 120, 30), 0.8, List.of(w("Total", 0, 50), w("due", 60, 120)));
        assertThat(RuleMarks.clean(clean)).isSameAs(clean);
    }
}
