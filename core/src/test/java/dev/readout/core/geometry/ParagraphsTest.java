package dev.readout.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.core.model.Box;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParagraphsTest {
    private static final double H = 20;     // line height
    private static final double PITCH = 26; // baseline to baseline

    /** A line of the column 100..600 at row {@code row}, starting {@code indent} px in, ending {@code shortBy} px early. */
    private static Box line(double row, double indent, double shortBy) {
        double y = 100 + row * PITCH;
        return new Box(100 + indent, y, 600 - shortBy, y + H);
    }

    @Test
    void indentedFirstLinesAndShortLastLinesStartParagraphs() {
        List<Box> lines = new ArrayList<>();
        lines.add(line(0, 30, 0));      // paragraph 1, indented first line
        lines.add(line(1, 0, 0));
        lines.add(line(2, 0, 200));     // its short last line
        lines.add(line(3, 30, 0));      // paragraph 2
        lines.add(line(4, 0, 0));
        lines.add(line(5, 0, 0));
        lines.add(line(6, 0, 120));
        lines.add(line(7, 30, 0));      // paragraph 3
        lines.add(line(8, 0, 0));
        assertThat(Paragraphs.split(lines)).containsExactly(List.of(0, 1, 2), List.of(3, 4, 5, 6), List.of(7, 8));
    }

    @Test
    void blankSpaceHeadingsAndCentredLinesSeparate() {
        List<Box> lines = new ArrayList<>();
        lines.add(new Box(250, 60, 450, 100));  // a centred heading, twice the height
        lines.add(line(0, 0, 0));
        lines.add(line(1, 0, 0));
        lines.add(line(2, 0, 0));
        lines.add(line(4.5, 0, 0));             // after a blank line and a half, flush left
        lines.add(line(5.5, 0, 0));
        lines.add(line(6.5, 0, 0));
        lines.add(line(7.5, 180, 180));         // a centred line ("Theater.")
        lines.add(line(8.5, 0, 0));
        assertThat(Paragraphs.split(lines)).containsExactly(List.of(0), List.of(1, 2, 3), List.of(4, 5, 6), List.of(7), List.of(8));
    }

    @Test
    void eachCentredLineStandsAloneButAShortUnbalancedLineDoesNot() {
        List<Box> lines = new ArrayList<>();
        lines.add(line(0, 0, 0));
        lines.add(line(1, 0, 0));
        lines.add(line(2, 200, 200));           // "Kantone."
        lines.add(line(3, 150, 150));           // "Aargau." (a second heading, centred too)
        lines.add(line(4, 0, 0));
        lines.add(line(5, 0, 0));
        lines.add(line(6, 0, 0));
        lines.add(line(7, 60, 240));            // short and off-centre: the run-on end of a quotation, not a heading
        lines.add(line(8, 0, 0));
        assertThat(Paragraphs.split(lines)).containsExactly(List.of(0, 1), List.of(2), List.of(3), List.of(4, 5, 6), List.of(7), List.of(8));
        assertThat(Paragraphs.centred(line(0, 100, 300), H, 100, 600)).isFalse();
        assertThat(Paragraphs.centred(line(0, 140, 160), H, 100, 600)).isTrue();
    }

    @Test
    void justifiedTextWithoutCuesStaysOneParagraphAndAnotherColumnIsSplitOff() {
        List<Box> lines = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            lines.add(line(i, 0, 0));
        }
        for (int i = 0; i < 3; i++) {           // the next column, merged into the same block by an OCR engine
            lines.add(new Box(640, 100 + i * PITCH, 1140, 100 + i * PITCH + H));
        }
        assertThat(Paragraphs.split(lines)).containsExactly(List.of(0, 1, 2, 3, 4, 5), List.of(6, 7, 8));
        assertThat(Paragraphs.split(List.of())).isEmpty();
        assertThat(Paragraphs.split(List.of(line(0, 0, 0)))).containsExactly(List.of(0));
    }

    @Test
    void aFormBlockIsNotCutAtItsShortLinesOnlyAtBlankSpace() {
        List<Box> lines = new ArrayList<>();
        lines.add(new Box(100, 100, 400, 120));     // "Brightline Office Supplies"
        lines.add(new Box(900, 98, 1100, 124));     // "INVOICE", same row at the right
        lines.add(new Box(100, 126, 300, 146));     // address lines, short
        lines.add(new Box(100, 152, 280, 172));
        lines.add(new Box(700, 152, 800, 172));     // "Date:" beside the address, same row
        lines.add(new Box(850, 152, 1100, 172));    // its value
        lines.add(new Box(100, 178, 250, 198));
        lines.add(new Box(100, 260, 300, 280));     // after a blank space: "Bill to:"
        lines.add(new Box(100, 286, 420, 306));
        assertThat(Paragraphs.split(lines)).containsExactly(List.of(0, 1, 2, 3, 4, 5, 6), List.of(7, 8));
    }
}
