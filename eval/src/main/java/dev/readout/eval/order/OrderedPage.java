package dev.readout.eval.order;

import dev.readout.core.model.Page;
import java.util.List;

/**
 * A ground-truth page: {@code page} holds the units (lines) in a shuffled order, {@code gold} their ids in the
 * annotated reading order.
 */
public record OrderedPage(String name, Page page, List<String> gold) {
    public OrderedPage {
        gold = List.copyOf(gold);
    }
}
