package dev.readout.vqa.qa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.core.model.Box;
import dev.readout.core.model.Document;
import dev.readout.core.model.Page;
import dev.readout.vqa.TestPage;
import org.junit.jupiter.api.Test;

/** Key retrieval on a form made here: printed labels with their values beside or under them, no colons. */
class KeyValueQaTest {
    private final TestPage form = new TestPage(1000, 1000, "form.png");

    private void line(int x, int y, String text) {
        form.line(x, y, text);
    }

    private Document form() {
        line(100, 100, "Project Name");
        line(400, 100, "Readout Archive");          // to the right, far beyond a word gap: its own segment
        line(100, 200, "Approved by");
        line(100, 225, "Jane Smith");               // directly below
        line(100, 400, "Remarks");
        line(700, 700, "Page 1");                   // neither beside nor under "Remarks"
        return form.document();
    }

    /** A label OCR misread by one letter still answers its question; short words and two edits do not match. */
    @Test
    void aLabelMisreadByOneLetterStillMatches() {
        line(100, 100, "Poros1ty");                  // "Porosity" as OCR read it
        line(400, 100, "Coresta units");
        line(100, 300, "Brand");
        line(400, 300, "PHOENIX");
        KeyValueQa qa = new KeyValueQa(form.document());
        assertThat(qa.ask("Porosity").text()).isEqualTo("Coresta units");
        assertThat(qa.ask("Brand").text()).isEqualTo("PHOENIX");
        assertThat(qa.ask("Bland")).isEqualTo(Answer.NONE);         // too short to forgive a letter
        assertThat(qa.ask("Porousness")).isEqualTo(Answer.NONE);
        assertThat(KeyValueQa.misread("porosity", "poros1ty")).isTrue();
        assertThat(KeyValueQa.misread("supplier", "supplie")).isTrue();
        assertThat(KeyValueQa.misread("supplie", "supplier")).isTrue();
        assertThat(KeyValueQa.misread("supplier", "suppiler")).isFalse();   // two substitutions
        assertThat(KeyValueQa.misread("supplier", "supplier")).isFalse();   // equal words match exactly, not as misreads
    }

    @Test
    void aLabelsRightOrLowerNeighbourIsItsValue() {
        KeyValueQa qa = new KeyValueQa(form());
        Answer name = qa.ask("What is the project name?");
        assertThat(name.text()).isEqualTo("Readout Archive");
        assertThat(name.source()).isEqualTo("layout-neighbour");
        assertThat(name.evidence().box()).isEqualTo(new Box(400, 100, 550, 120));
        assertThat(name.evidence().wordIds()).containsExactly("w2", "w3");
        assertThat(name.score()).isGreaterThanOrEqualTo(0.6);    // an exact key match outranks the QA model in fusion
        Answer approver = qa.ask("Who approved it?");
        assertThat(approver.text()).isEqualTo("Jane Smith");
        assertThat(qa.ask("What are the remarks?")).isEqualTo(Answer.NONE);
        assertThat(qa.ask("What is the budget?")).isEqualTo(Answer.NONE);
    }
}
