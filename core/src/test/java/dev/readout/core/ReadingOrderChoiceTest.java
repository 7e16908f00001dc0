package dev.readout.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.readout.core.error.EngineUnavailableException;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.stage.PageStage;
import dev.readout.core.stage.ReadingOrderModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pipeline keeps one reading-order model: the highest-ranked, or the one {@code readout.order} names. */
class ReadingOrderChoiceTest {

    /** Orders lines top to bottom (or bottom to top); closes on request. */
    static final class ByY implements ReadingOrderModel, AutoCloseable {
        final String name;
        final int rank;
        boolean closed;

        ByY(String name, int rank) {
            this.name = name;
            this.rank = rank;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int rank() {
            return rank;
        }

        @Override
        public List<String> order(Page page) {
            return page.lines().stream().sorted((a, b) -> Double.compare(a.box().y0(), b.box().y0())).map(Line::id).toList();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static final class Other implements PageStage {
        @Override
        public String name() {
            return "other";
        }

        @Override
        public int priority() {
            return 300;
        }

        @Override
        public Page apply(Page page) {
            return page;
        }
    }

    @Test
    void keepsTheHighestRankAndClosesTheRest() {
        ByY base = new ByY("xycut", 0);
        ByY learned = new ByY("order-lines", 10);
        Other other = new Other();
        List<PageStage> kept = Pipeline.oneReadingOrder(List.of(base, other, learned), null);
        assertThat(kept).containsExactly(other, learned);
        assertThat(base.closed).isTrue();
        assertThat(learned.closed).isFalse();
    }

    @Test
    void aNamedModelWins() {
        ByY base = new ByY("xycut", 0);
        ByY learned = new ByY("order-lines", 10);
        assertThat(Pipeline.oneReadingOrder(List.of(base, learned), "xycut")).containsExactly(base);
        assertThat(learned.closed).isTrue();
        assertThatThrownBy(() -> Pipeline.oneReadingOrder(List.of(new ByY("xycut", 0)), "nope"))
                .isInstanceOf(EngineUnavailableException.class).hasMessageContaining("readout.order=nope")
                .hasMessageContaining("xycut");
    }

    @Test
    void withoutReadingOrderModelsNothingChanges() {
        Other other = new Other();
        assertThat(Pipeline.oneReadingOrder(List.of(other), null)).containsExactly(other);
    }
}
