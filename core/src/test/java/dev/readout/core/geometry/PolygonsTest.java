package dev.readout.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PolygonsTest {
    static final double[] SQUARE = {0, 0, 10, 0, 10, 10, 0, 10};

    @Test
    void areaOfEitherOrientation() {
        assertThat(Polygons.area(SQUARE)).isEqualTo(100.0);
        assertThat(Polygons.area(new double[] {0, 10, 10, 10, 10, 0, 0, 0})).isEqualTo(100.0);
    }

    @Test
    void iouOfShiftedAndRotatedSquares() {
        double[] shifted = {5, 0, 15, 0, 15, 10, 5, 10};
        assertThat(Polygons.iou(SQUARE, shifted)).isCloseTo(50.0 / 150.0, within(1e-9));
        // a diamond inscribed in the square: area 50, all inside
        double[] diamond = {5, 0, 10, 5, 5, 10, 0, 5};
        assertThat(Polygons.intersectionArea(SQUARE, diamond)).isCloseTo(50.0, within(1e-9));
        assertThat(Polygons.iou(SQUARE, diamond)).isCloseTo(0.5, within(1e-9));
        assertThat(Polygons.containment(SQUARE, diamond)).isCloseTo(1.0, within(1e-9));
        assertThat(Polygons.iou(SQUARE, new double[] {20, 20, 30, 20, 30, 30, 20, 30})).isZero();
    }

    @Test
    void closingPointAndBounds() {
        double[] ring = {0, 0, 10, 0, 10, 10, 0, 10, 0, 0};
        assertThat(Polygons.open(ring)).containsExactly(SQUARE);
        assertThat(Polygons.bounds(new double[] {5, 0, 10, 5, 5, 10, 0, 5}).toArray()).containsExactly(0, 0, 10, 10);
    }
}
