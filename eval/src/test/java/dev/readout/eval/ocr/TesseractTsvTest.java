package dev.readout.eval.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.readout.core.model.Box;
import java.util.List;
import org.junit.jupiter.api.Test;

class TesseractTsvTest {
    static final String TSV = String.join("\n",
            "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
            "1\t1\t0\t0\t0\t0\t0\t0\t762\t1000\t-1\t",
            "2\t1\t1\t0\t0\t0\t40\t50\t300\t20\t-1\t",
            "4\t1\t1\t1\t1\t0\t40\t50\t300\t20\t-1\t",
            "5\t1\t1\t1\t1\t1\t40\t50\t60\t20\t96.5\tDate:",
            "5\t1\t1\t1\t1\t2\t110\t50\t30\t20\t91\t12/3",
            "5\t1\t1\t1\t1\t3\t150\t50\t10\t20\t95\t ",
            "5\t1\t1\t1\t1\t4\t170\t52\t40\t18\t40.25\ta\tb",
            "5\t1\t1\t1\t1\t5\t220\t52\t4\t18\t0\t",
            "");

    @Test
    void keepsNonBlankWordRows() {
        List<TesseractTsv.TsvWord> words = TesseractTsv.parse(TSV);
        assertThat(words).hasSize(3);
        assertThat(words.get(0)).isEqualTo(new TesseractTsv.TsvWord("Date:", new Box(40, 50, 100, 70), 96.5));
        assertThat(words.get(1).text()).isEqualTo("12/3");
        assertThat(words.get(2).text()).isEqualTo("a\tb"); // a tab inside the text column stays in the text
        assertThat(words.get(2).box()).isEqualTo(new Box(170, 52, 210, 70));
    }

    @Test
    void handlesCrLfAndRejectsMalformedNumbers() {
        assertThat(TesseractTsv.parse(TSV.replace("\n", "\r\n"))).hasSize(3);
        assertThat(TesseractTsv.parse("")).isEmpty();
        assertThatThrownBy(() -> TesseractTsv.parse("5\t1\t1\t1\t1\t1\tx\t50\t60\t20\t96\tword"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed");
    }

    @Test
    void aMissingBinaryIsReportedNotThrown() {
        String why = new TesseractTsv("/nonexistent/tesseract-xyz", "eng", 10).unavailableReason();
        assertThat(why).contains("not found").contains("tesseract-ocr");
    }
}
