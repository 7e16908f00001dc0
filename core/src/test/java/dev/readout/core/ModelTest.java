package dev.readout.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.readout.core.geometry.LineGrouper;
import dev.readout.core.model.Box;
import dev.readout.core.model.NormBox;
import dev.readout.core.model.Page;
import dev.readout.core.model.TextSource;
import dev.readout.core.model.Word;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.PageSelection;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelTest {

    @Test
    void boxesAreValidatedAndMeasured() {
        assertThatThrownBy(() -> new Box(10, 0, 5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Box(Double.NaN, 0, 5, 1)).isInstanceOf(IllegalArgumentException.class);
        Box a = new Box(0, 0, 10, 10);
        assertThat(a.iou(new Box(5, 0, 15, 10))).isEqualTo(50.0 / 150.0);
        assertThat(a.iou(new Box(20, 20, 30, 30))).isZero();
        assertThat(new Box(0.123, 1.005, 2.999, 3).x0()).isEqualTo(0.12);
        assertThat(a.scale(300 / 72.0).x1()).isEqualTo(41.67);
    }

    @Test
    void normalisedBoxesLieOnTheThousandGrid() {
        NormBox n = NormBox.of(new Box(124, 350.8, 2480, 3600), 2480, 3508);
        assertThat(n).isEqualTo(new NormBox(50, 100, 1000, 1000));
        assertThatThrownBy(() -> new NormBox(0, 0, 1001, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pagesCountFromOneAndWordsHaveConfidenceInRange() {
        assertThatThrownBy(() -> new Page(0, 10, 10, 300, TextSource.NONE, 0, 0, List.of(), List.of(), List.of()))
                .hasMessageContaining("start at 1");
        assertThatThrownBy(() -> new Word("w", "x", new Box(0, 0, 1, 1), 1.5, "t")).hasMessageContaining("confidence");
    }

    @Test
    void pageSelectionsParseAndResolve() {
        assertThat(PageSelection.parse("1-3,7").resolve(10)).containsExactly(1, 2, 3, 7);
        assertThat(PageSelection.parse("8-").resolve(10)).containsExactly(8, 9, 10);
        assertThat(PageSelection.parse("2,2,1").resolve(5)).containsExactly(1, 2);
        assertThat(PageSelection.parse(null).resolve(3)).containsExactly(1, 2, 3);
        assertThat(PageSelection.parse("5-9").resolve(3)).isEmpty();
        assertThatThrownBy(() -> PageSelection.parse("0")).hasMessageContaining("start at 1");
        assertThatThrownBy(() -> PageSelection.parse("a-b")).hasMessageContaining("bad page range");
    }

    @Test
    void optionsRefuseLanguageCodesThatCouldBePaths() {
        assertThatThrownBy(() -> IngestOptions.DEFAULT.withLanguages(List.of("../etc/passwd"))).hasMessageContaining("language");
        assertThat(IngestOptions.DEFAULT.withLanguages(List.of("eng", "deu")).languageSpec()).isEqualTo("eng+deu");
        assertThatThrownBy(() -> IngestOptions.DEFAULT.withDpi(5000)).hasMessageContaining("dpi");
    }

    @Test
    void lineGrouperKeepsColumnsApartAndOrdersWords() {
        // two columns of two lines each, words given out of order
        List<Box> boxes = List.of(
                new Box(600, 100, 700, 120), new Box(100, 100, 200, 120), new Box(210, 101, 300, 121),
                new Box(100, 140, 200, 160), new Box(600, 140, 700, 160), new Box(710, 140, 800, 160));
        List<List<Integer>> lines = new LineGrouper(1.0).group(boxes);
        assertThat(lines).containsExactly(List.of(1, 2), List.of(0), List.of(3), List.of(4, 5));
    }
}
