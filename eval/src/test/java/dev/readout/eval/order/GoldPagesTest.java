package dev.readout.eval.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.readout.core.model.Line;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoldPagesTest {
    @Test
    void inputOrderIsShuffledAndIdsCarryNoGoldOrder() {
        List<GoldPages.Unit> units = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            units.add(new GoldPages.Unit("line " + i, GoldPages.box(10, 20 * i, 200, 20 * i + 15)));
        }
        OrderedPage p = GoldPages.build("page", 300, 500, 72, units);
        List<String> inputOrder = p.page().lines().stream().map(Line::id).toList();
        assertNotEquals(inputOrder, p.gold());
        // the gold order, followed through the boxes, is top to bottom
        for (int k = 0; k < 20; k++) {
            String id = p.gold().get(k);
            Line l = p.page().lines().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            assertEquals(20.0 * k, l.box().y0(), 1e-9);
        }
    }
}
