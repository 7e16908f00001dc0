package dev.readout.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.readout.core.model.Box;
import org.junit.jupiter.api.Test;

class IouTest {
    @Test
    void identicalBoxesHaveIouOne() {
        assertThat(Iou.of(new Box(1, 2, 11, 7), new Box(1, 2, 11, 7))).isEqualTo(1.0);
    }

    @Test
    void partialOverlap() {
        // 10x10 boxes shifted by 5 in x: intersection 50, union 150
        assertThat(Iou.of(new Box(0, 0, 10, 10), new Box(5, 0, 15, 10))).isCloseTo(1 / 3.0, within(1e-9));
        // contained: 25 / 100
        assertThat(Iou.of(new Box(0, 0, 10, 10), new Box(0, 0, 5, 5))).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void disjointTouchingAndEmptyBoxesHaveIouZero() {
        assertThat(Iou.of(new Box(0, 0, 10, 10), new Box(20, 20, 30, 30))).isZero();
        assertThat(Iou.of(new Box(0, 0, 10, 10), new Box(10, 0, 20, 10))).isZero();
        assertThat(Iou.of(new Box(3, 3, 3, 3), new Box(3, 3, 3, 3))).isZero();
    }

    @Test
    void centreInside() {
        Box gold = new Box(0, 0, 10, 10);
        assertThat(Iou.centreInside(new Box(8, 8, 30, 12), gold)).isFalse(); // centre (19, 10)
        assertThat(Iou.centreInside(new Box(6, 6, 12, 12), gold)).isTrue(); // centre (9, 9)
        assertThat(Iou.centreInside(new Box(5, 5, 15, 15), gold)).isTrue(); // centre (10, 10), on the edge
    }
}
