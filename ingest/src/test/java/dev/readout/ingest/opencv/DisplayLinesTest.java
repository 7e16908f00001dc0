package dev.readout.ingest.opencv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.core.model.Box;
import dev.readout.ingest.NewspaperPages;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DisplayLinesTest {

    /** A stats row as OpenCV gives it: left, top, width, height, area. */
    private static int[] cc(int x, int y, int w, int h, int area) {
        return new int[] {x, y, w, h, area};
    }

    @Test
    void tallLettersInARowBecomeOneLineWithTheirLowerCaseAndItsBand() {
        double h = 20;
        List<int[]> st = new ArrayList<>();
        st.add(cc(0, 0, 4000, 3000, 0));                       // the background
        st.add(cc(200, 100, 120, 200, 9000));                  // capitals and tall letters, 10 h
        st.add(cc(420, 100, 110, 200, 8000));
        st.add(cc(900, 110, 100, 190, 8000));
        st.add(cc(340, 160, 60, 90, 2500));                    // lower case between them, 4.5 h: a seed too
        st.add(cc(560, 180, 60, 60, 1800));                    // x-height letters, 3 h (under a seed's 3.5 h):
        st.add(cc(650, 180, 60, 60, 1800));                    // taken in, within the row's band
        st.add(cc(740, 185, 60, 55, 1700));
        st.add(cc(1100, 560, 60, 60, 1800));                   // as tall but below the row: not taken in
        st.add(cc(1300, 120, 3, 1200, 3600));                  // a column rule: not a letter
        st.add(cc(1500, 50, 700, 500, 250000));                // a woodcut: a picture, not a letter
        for (int i = 0; i < 40; i++) {
            st.add(cc(200 + 30 * i, 600, 18, 20, 200));        // body text
        }
        List<DisplayLines.Display> found = DisplayLines.find(st.toArray(new int[0][]), h, 4000, 3000);
        assertThat(found).hasSize(1);
        Box b = found.get(0).box();
        assertThat(b).isEqualTo(new Box(200, 100, 1000, 300));
        Box band = found.get(0).band();
        assertThat(band.x0()).isEqualTo(200);
        assertThat(band.x1()).isEqualTo(1000);
        assertThat(band.y0()).isGreaterThan(b.y0()).isLessThan(b.y1());   // the letters' body, not the capitals' tops
        assertThat(band.y1()).isLessThan(b.y1());
    }

    @Test
    void stackedTallThingsAndLoneLettersAreNoLine() {
        List<int[]> st = new ArrayList<>();
        st.add(cc(0, 0, 4000, 3000, 0));
        st.add(cc(200, 100, 120, 200, 9000));                  // one initial capital alone
        st.add(cc(1000, 100, 120, 200, 9000));                 // two letters, far apart (gap 4 letter heights)
        st.add(cc(1880, 100, 120, 200, 9000));
        assertThat(DisplayLines.find(st.toArray(new int[0][]), 20, 4000, 3000)).isEmpty();
    }

    @Test
    void aPageTitleIsFoundAndBodyTextIsNot() {
        ColumnSegmenter segmenter = new ColumnSegmenter();
        ColumnSegmenter.Layout titled = segmenter.segment(NewspaperPages.page(true, true, false, false));
        assertThat(titled.displayLines()).hasSize(1);
        Box t = titled.displayLines().get(0).box();
        assertThat(t.y1()).isLessThan(NewspaperPages.BODY_Y0).isGreaterThan(NewspaperPages.TITLE_BASELINE - 10);
        assertThat(t.width()).isGreaterThan(600);                 // the whole letter-spaced title, not a letter
        ColumnSegmenter.Layout plain = segmenter.segment(NewspaperPages.page(true, false, false, false));
        assertThat(plain.displayLines()).isEmpty();
    }
}
