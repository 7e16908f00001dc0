package dev.readout.cli.synth;

import java.util.List;

/**
 * A generated page before rendering: its size in PDF points, the template tag, the text lines in their known
 * reading order and the non-text marks (figure placeholders, frames, rules).
 */
public record SynthPage(long seed, String layout, float width, float height, List<GenLine> lines, List<Mark> marks,
                        List<Figure> figures) {
    public SynthPage {
        lines = List.copyOf(lines);
        marks = List.copyOf(marks);
        figures = List.copyOf(figures);
    }

    /**
     * A figure to be given to the reading-order data as a unit of its own, as HRDoc annotates figures: its box
     * ({@code mark}, an index into {@link #marks()}) read just before its caption, whose first line is
     * {@code captionLine} (an index into {@link #lines()}).
     */
    public record Figure(int mark, int captionLine) {
    }

    /** Font families used by the generator (PDF Standard 14). */
    public enum Family { HELVETICA, TIMES, COURIER }

    /** Font styles. */
    public enum Style { REGULAR, BOLD, ITALIC }

    /**
     * One line of text: its words, each drawn separately at {@code xs[i]} (points from the left), all on the
     * baseline {@code baseline} (points from the top). {@code role}: headline, standfirst, running-head, body,
     * caption, table-row, sidebar-title, sidebar-body, footer, page-number.
     */
    public record GenLine(String role, List<String> words, float[] xs, float baseline, Family family, Style style, float size) {
        public GenLine {
            words = List.copyOf(words);
            xs = xs.clone();
            if (xs.length != words.size()) {
                throw new IllegalArgumentException("one x per word");
            }
        }

        public String text() {
            return String.join(" ", words);
        }
    }

    /** A rectangle (points from the top-left): filled grey for figures, stroked for frames, a rule when flat. */
    public record Mark(float x0, float y0, float x1, float y1, boolean filled) {
    }
}
