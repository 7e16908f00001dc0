package dev.readout.eval.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.readout.core.model.Box;
import org.junit.jupiter.api.Test;

class PageGeometryTest {
    // source image 100 wide, 50 tall; a word at x 10..30, y 5..15
    static final Box SRC = new Box(10, 5, 30, 15);

    @Test
    void uprightUnskewedBoxesAreUnchanged() {
        assertThat(PageGeometry.toSource(SRC, 0, 0, 100, 50)).isSameAs(SRC);
    }

    @Test
    void undoesQuarterTurns() {
        // turned 90° clockwise (50 wide, 100 tall): source (x, y) -> (50 - y, x)
        assertThat(PageGeometry.toSource(new Box(35, 10, 45, 30), 90, 0, 50, 100)).isEqualTo(SRC);
        // 180°: (x, y) -> (100 - x, 50 - y)
        assertThat(PageGeometry.toSource(new Box(70, 35, 90, 45), 180, 0, 100, 50)).isEqualTo(SRC);
        // 270° clockwise: (x, y) -> (y, 100 - x)
        assertThat(PageGeometry.toSource(new Box(5, 70, 15, 90), 270, 0, 50, 100)).isEqualTo(SRC);
    }

    @Test
    void undoesSkewAboutTheCentre() {
        // a point rotated by +2° (counter-clockwise, OpenCV convention) about the centre (50, 25)
        double a = Math.cos(Math.toRadians(2));
        double s = Math.sin(Math.toRadians(2));
        double x = 30;
        double y = 15;
        double rx = 50 + a * (x - 50) + s * (y - 25);
        double ry = 25 - s * (x - 50) + a * (y - 25);
        Box back = PageGeometry.toSource(new Box(rx, ry, rx, ry), 0, 2, 100, 50);
        assertThat(back.x0()).isCloseTo(30, within(0.02));
        assertThat(back.y0()).isCloseTo(15, within(0.02));
    }

    @Test
    void clipsToTheSourceImage() {
        Box b = PageGeometry.toSource(new Box(0, 0, 100, 50), 0, 5, 100, 50);
        assertThat(b).isEqualTo(new Box(0, 0, 100, 50));
    }
}
