package dev.readout.core.stage;

import dev.readout.core.model.Page;
import java.util.List;

/**
 * Predicts the order in which a person reads the lines of a page. Thread-safe.
 */
public interface ReadingOrderModel extends PageStage {

    /** Line ids of {@code page} in reading order; every line id appears exactly once. */
    List<String> order(Page page);

    /**
     * Preference among the available reading-order models: {@link dev.readout.core.Pipeline#discover} keeps only the
     * highest-ranked one (system property {@code readout.order} names another). The XY-cut baseline ranks 0.
     */
    default int rank() {
        return 0;
    }

    @Override
    default int priority() {
        return 100;
    }

    @Override
    default Page apply(Page page) {
        return page.withReadingOrder(order(page), name());
    }
}
