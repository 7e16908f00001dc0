package dev.readout.vqa.qa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.core.model.Box;
import dev.readout.core.model.Document;
import dev.readout.vqa.TestPage;
import org.junit.jupiter.api.Test;

/** The answerer behind {@code readout ask}, on a form made here (key retrieval; no QA model). */
class DocumentQaTest {
    private final TestPage form = new TestPage(1000, 1000, "form.png");

    private void line(int x, int y, String text) {
        form.line(x, y, text);
    }

    private Document doc() {
        return form.document();
    }

    @Test
    void aNumberTakesTheUnitPrintedAfterIt() {
        line(100, 100, "Rod Length");
        line(400, 100, "64");
        line(450, 100, "mm");                       // a wide gap: its own segment, so key retrieval answers "64"
        line(100, 200, "Bobbin Width");
        line(400, 200, "50");
        line(450, 200, "units");                    // not a unit of measure
        line(100, 300, "Net Weight");
        line(400, 300, "974");
        line(500, 300, "mg");                       // 80 px = 4 word heights away: another column
        line(100, 500, "Call received");
        line(400, 500, "9:50");
        line(470, 500, "a.");
        line(100, 600, "Arrival");
        line(400, 600, "10");
        line(450, 600, "m.");                       // the end of "a. m.", not metres
        line(100, 400, "Code");
        line(400, 400, "T.K.");
        line(470, 400, "mm");                       // the answer does not end in a number
        DocumentQa qa = new DocumentQa(doc(), null);
        Answer rod = qa.ask("Rod Length");
        assertThat(rod.text()).isEqualTo("64 mm");
        assertThat(rod.value()).isEqualTo("64");
        assertThat(rod.evidence().wordIds()).containsExactly("w2", "w3");
        assertThat(rod.evidence().box()).isEqualTo(new Box(400, 100, 470, 120));
        assertThat(qa.ask("Bobbin Width").text()).isEqualTo("50");
        assertThat(qa.ask("Net Weight").text()).isEqualTo("974");
        assertThat(qa.ask("Code").text()).isEqualTo("T.K.");
        assertThat(qa.ask("Arrival").text()).isEqualTo("10");
        assertThat(qa.ask("Call received").text()).isEqualTo("9:50");
        assertThat(qa.ask("Colour")).isEqualTo(Answer.NONE);
    }
}
