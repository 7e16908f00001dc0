package dev.readout.layout.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.readout.core.model.Box;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkGeometryTest {
    private final LinkGeometry g = new LinkGeometry(8, 0.3, 10, 4, 0.5);

    private static LinkGeometry.Extent word(double x0, double y0, double x1, double y1) {
        return LinkGeometry.Extent.of(List.of(new Box(x0, y0, x1, y1)));
    }

    @Test
    void aKeyLeftOnTheSameRowScoresByItsGap() {
        LinkGeometry.Extent key = word(100, 100, 200, 120);           // h = 20
        assertThat(g.prior(key, word(200, 102, 300, 122))).isEqualTo(1.0);           // touching
        assertThat(g.prior(key, word(400, 100, 500, 120))).isCloseTo(Math.exp(-200.0 / 200), org.assertj.core.data.Offset.offset(1e-12));
        // nearer wins
        assertThat(g.prior(key, word(250, 100, 300, 120))).isGreaterThan(g.prior(key, word(600, 100, 700, 120)));
        // the key must start left of the answer
        assertThat(g.prior(word(400, 100, 500, 120), word(100, 100, 200, 120))).isZero();
    }

    @Test
    void aKeyAboveWithOverlappingExtentScoresLessThanOnTheRow() {
        LinkGeometry.Extent key = word(100, 100, 200, 120);
        double below = g.prior(key, word(150, 130, 260, 150));    // gap 10 = 0.5 h
        assertThat(below).isCloseTo(0.5 * Math.exp(-10.0 / 80), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(g.prior(key, word(210, 100, 300, 120))).isGreaterThan(below);
        // no horizontal overlap, or the answer above the key: no prior
        assertThat(g.prior(key, word(300, 130, 400, 150))).isZero();
        assertThat(g.prior(word(150, 130, 260, 150), key)).isZero();
    }

    @Test
    void entityExtentIsTheUnionAndTheSmallestWordHeight() {
        LinkGeometry.Extent e = LinkGeometry.Extent.of(List.of(new Box(0, 0, 10, 30), new Box(20, 5, 40, 15)));
        assertThat(e.box()).isEqualTo(new Box(0, 0, 40, 30));
        assertThat(e.minHeight()).isEqualTo(10);
        assertThat(LinkGeometry.Extent.of(List.of())).isNull();
    }

    @Test
    void weightScalesTheLogitBonusAndRejectsNonsense() {
        LinkGeometry.Extent key = word(100, 100, 200, 120);
        LinkGeometry.Extent answer = word(200, 100, 300, 120);
        assertThat(g.logitBonus(key, answer)).isEqualTo(8.0);
        assertThat(g.withWeight(0).logitBonus(key, answer)).isZero();
        assertThat(LinkGeometry.NONE.weight()).isZero();
        assertThatThrownBy(() -> new LinkGeometry(-1, 0.3, 10, 4, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LinkGeometry(1, 0.3, 0, 4, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
