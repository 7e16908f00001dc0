package dev.readout.ingest.maps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Cross-tile merging, word splitting, phrase grouping and the auto profile, on hand-made inputs. */
class MapGeometryTest {
    private static MapTextReader.Candidate horizontal(double x0, double x1, double y, boolean cut) {
        return new MapTextReader.Candidate((x0 + x1) / 2, y, 1, 0, x1 - x0, 30, 0.9, cut);
    }

    @Test
    void aWholeDetectionReplacesTheCutCopyFromTheNeighbouringTile() {
        var whole = horizontal(410, 530, 1000, false);
        var cut = horizontal(410, 512, 1000, true);
        assertThat(MapTextReader.merge(List.of(cut, whole))).containsExactly(whole);
    }

    @Test
    void twoCutHalvesOfOneLabelAreJoined() {
        var left = horizontal(300, 520, 400, true);
        var right = horizontal(480, 700, 400, true);
        List<MapTextReader.Candidate> m = MapTextReader.merge(List.of(left, right));
        assertThat(m).hasSize(1);
        assertThat(m.get(0).length()).isCloseTo(400, org.assertj.core.data.Offset.offset(1.0));
        assertThat(m.get(0).cx()).isCloseTo(500, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void separateLabelsStaySeparate() {
        var a = horizontal(100, 200, 100, false);
        var b = horizontal(100, 200, 160, false);
        var c = new MapTextReader.Candidate(150, 130, 0, -1, 100, 30, 0.9, false); // vertical, across both
        assertThat(MapTextReader.merge(List.of(a, b, c))).hasSize(3);
    }

    @Test
    void readingDirectionRunsLeftToRightOrUpwards() {
        var r = new org.opencv.core.RotatedRect(new org.opencv.core.Point(50, 50), new org.opencv.core.Size(20, 100), 0);
        dev.readout.ingest.opencv.OpenCvPreprocessor.load();
        var c = MapTextReader.Candidate.of(r, 10, 0, 0.8, false);
        assertThat(c.vy()).isEqualTo(-1.0);
        assertThat(c.length()).isEqualTo(100.0);
        assertThat(c.cx()).isEqualTo(60.0);
        assertThat(c.turned().vy()).isEqualTo(1.0);
    }

    @Test
    void wordsSplitAtSpacesGapsCaseJointsAndStopsBeforeDigits() {
        List<CtcTextRecognizer.Glyph> g = glyphs("Fort Peck", 10);
        assertThat(WordSplitter.split(g, 90)).extracting(WordSplitter.Word::text).containsExactly("Fort", "Peck");
        assertThat(WordSplitter.split(glyphs("FortPeck", 10), 80)).extracting(WordSplitter.Word::text).containsExactly("Fort", "Peck");
        assertThat(WordSplitter.split(glyphs("B.M.126.4", 10), 90)).extracting(WordSplitter.Word::text).containsExactly("B.M.", "126.4");
        assertThat(WordSplitter.split(glyphs("Ft.Benton", 10), 90)).extracting(WordSplitter.Word::text).containsExactly("Ft.Benton");
        List<CtcTextRecognizer.Glyph> spaced = new java.util.ArrayList<>(glyphs("Hill", 10));
        glyphs("Farm", 10).forEach(x -> spaced.add(new CtcTextRecognizer.Glyph(x.text(), x.centrePx() + 100, x.prob())));
        List<WordSplitter.Word> w = WordSplitter.split(spaced, 140);
        assertThat(w).extracting(WordSplitter.Word::text).containsExactly("Hill", "Farm");
        assertThat(w.get(0).fromPx()).isZero();
        assertThat(w.get(0).toPx()).isCloseTo(40, org.assertj.core.data.Offset.offset(0.01));
        assertThat(w.get(1).fromPx()).isCloseTo(100, org.assertj.core.data.Offset.offset(0.01));
        assertThat(w.get(1).toPx()).isEqualTo(140.0);
    }

    private static List<CtcTextRecognizer.Glyph> glyphs(String s, double pitch) {
        List<CtcTextRecognizer.Glyph> g = new java.util.ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            g.add(new CtcTextRecognizer.Glyph(s.substring(i, i + 1), (i + 0.5) * pitch, 0.9));
        }
        return g;
    }

    @Test
    void neighboursOnOneBaselineFormAPhraseInReadingOrder() {
        MapLabel hall = label("Hall", 250, 100, 80, 0);
        MapLabel canewdon = label("Canewdon", 100, 100, 160, 0);
        MapLabel far = label("Church", 700, 100, 120, 0);
        MapLabel below = label("Farm", 100, 200, 80, 0);
        MapLabel turned = label("River", 330, 100, 100, 60);
        PhraseGrouper.Result r = new PhraseGrouper().group(List.of(hall, canewdon, far, below, turned));
        assertThat(r.phrases()).extracting(MapPhrase::text).containsExactly("Canewdon Hall", "Church", "Farm", "River");
        assertThat(r.labels().get(0).phraseId()).isEqualTo(r.labels().get(1).phraseId());
        assertThat(r.labels()).extracting(MapLabel::id).containsExactly("p1-w1", "p1-w2", "p1-w3", "p1-w4", "p1-w5");
    }

    /** A label of height 30 centred at (cx, cy), {@code length} long, reading at {@code angle} degrees. */
    private static MapLabel label(String text, double cx, double cy, double length, double angle) {
        double a = Math.toRadians(angle);
        var c = new MapTextReader.Candidate(cx, cy, Math.cos(a), -Math.sin(a), length, 30, 0.9, false);
        return new MapLabel("", c.polygon(), text, 0.9, 0.9, angle, "");
    }

    @Test
    void autoProfileTakesSquareAndHugeImagesForMaps() {
        assertThat(MapProfile.looksLikeMap(1512, 1512)).isTrue();
        assertThat(MapProfile.looksLikeMap(9000, 4000)).isTrue();
        assertThat(MapProfile.looksLikeMap(7000, 5000)).isTrue();
        assertThat(MapProfile.looksLikeMap(2480, 3508)).isFalse(); // A4 at 300 dpi
        assertThat(MapProfile.looksLikeMap(1748, 2480)).isFalse(); // A5 at 300 dpi
        assertThat(MapProfile.looksLikeMap(600, 1800)).isFalse(); // a receipt
    }
}
