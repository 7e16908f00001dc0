package dev.readout.eval.order;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class OrderMetricsTest {
    private static final List<String> GOLD6 = List.of("a", "b", "c", "d", "e", "f");

    @Test
    void identicalOrderIsPerfect() {
        assertEquals(1.0, OrderMetrics.bleu(GOLD6, GOLD6), 1e-12);
        assertEquals(0.0, OrderMetrics.ard(GOLD6, GOLD6), 1e-12);
        assertEquals(1.0, OrderMetrics.kendallTau(GOLD6, GOLD6), 1e-12);
    }

    @Test
    void reversedOrder() {
        List<String> gold = List.of("a", "b", "c", "d");
        List<String> rev = List.of("d", "c", "b", "a");
        assertEquals(-1.0, OrderMetrics.kendallTau(rev, gold), 1e-12);
        // |0-3| + |1-2| + |2-1| + |3-0| = 8, / 4
        assertEquals(2.0, OrderMetrics.ard(rev, gold), 1e-12);
        // no bigram of the reversed sequence is in the gold one
        assertEquals(0.0, OrderMetrics.bleu(rev, gold), 1e-12);
    }

    @Test
    void handComputedSwapOfTheLastTwo() {
        List<String> pred = List.of("a", "b", "c", "d", "f", "e");
        // p1 = 6/6, p2 = 3/5 (ab bc cd), p3 = 2/4 (abc bcd), p4 = 1/3 (abcd); BP = 1
        assertEquals(Math.pow(1.0 * 3 / 5 * 2 / 4 * 1 / 3, 0.25), OrderMetrics.bleu(pred, GOLD6), 1e-12);
        assertEquals(0.5623413252, OrderMetrics.bleu(pred, GOLD6), 1e-9);
        // e and f each one place off: 2 / 6
        assertEquals(2.0 / 6, OrderMetrics.ard(pred, GOLD6), 1e-12);
        // 15 pairs, one discordant
        assertEquals(13.0 / 15, OrderMetrics.kendallTau(pred, GOLD6), 1e-12);
    }

    @Test
    void shortPagesUseTheHighestOrderAvailable() {
        assertEquals(1.0, OrderMetrics.bleu(List.of("a"), List.of("a")), 1e-12);
        assertEquals(1.0, OrderMetrics.bleu(List.of("a", "b", "c"), List.of("a", "b", "c")), 1e-12);
        assertEquals(0.0, OrderMetrics.bleu(List.of("b", "a"), List.of("a", "b")), 1e-12);
        // N = 3: p1 = 1, p2 = 1/2 (ab), p3 = 0 -> 0
        assertEquals(0.0, OrderMetrics.bleu(List.of("a", "b", "d", "c").subList(0, 3), List.of("a", "b", "c")), 1e-12);
        assertEquals(1.0, OrderMetrics.kendallTau(List.of("a"), List.of("a")), 1e-12);
    }

    @Test
    void missingUnitsArePenalised() {
        List<String> gold = List.of("a", "b", "c", "d");
        // d missing: distance n = 4, others 0 -> 4/4
        assertEquals(1.0, OrderMetrics.ard(List.of("a", "b", "c"), gold), 1e-12);
        // missing unit goes last: still in order
        assertEquals(1.0, OrderMetrics.kendallTau(List.of("a", "b", "c"), gold), 1e-12);
        // brevity penalty: c = 3, r = 4, N = 4 and no 4-gram -> 0
        assertEquals(0.0, OrderMetrics.bleu(List.of("a", "b", "c"), gold), 1e-12);
        // N = 4 needs a 4-gram; with 5 gold units and the first 4 predicted: p = 1,1,1,1, BP = exp(1 - 5/4)
        assertEquals(Math.exp(1 - 5.0 / 4), OrderMetrics.bleu(List.of("a", "b", "c", "d"), List.of("a", "b", "c", "d", "e")), 1e-12);
    }
}
