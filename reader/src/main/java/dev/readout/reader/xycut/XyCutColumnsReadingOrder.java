package dev.readout.reader.xycut;

import dev.readout.core.model.Page;
import dev.readout.core.stage.ReadingOrderModel;
import java.util.List;

/**
 * XY-cut that reads a block split cleanly into text columns column by column before any horizontal break
 * ({@link XyCutReadingOrder.Preference#COLUMNS}), as a service of its own so that {@code readout eval reading-order}
 * scores it beside the baseline and {@code -Dreadout.order=xycut-columns} can choose it. Rank -1: never the default.
 */
public final class XyCutColumnsReadingOrder implements ReadingOrderModel {
    private final XyCutReadingOrder xycut = new XyCutReadingOrder(XyCutReadingOrder.Preference.COLUMNS);

    @Override
    public String name() {
        return xycut.name();
    }

    @Override
    public int rank() {
        return xycut.rank();
    }

    @Override
    public List<String> order(Page page) {
        return xycut.order(page);
    }

    @Override
    public Page apply(Page page) {
        return xycut.apply(page);
    }
}
