package dev.readout.eval.newspaper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.core.model.Box;
import dev.readout.core.model.Page;
import dev.readout.core.model.TextSource;
import dev.readout.eval.order.PageXmlReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NewspaperEvaluationTest {

    @Test
    void normalisesFrakturConventions() {
        assertThat(NewspaperEvaluation.normalize("  Zürcher  Zeitung¬\n")).isEqualTo("Zürcher Zeitung-");
        assertThat(NewspaperEvaluation.normalize("daſs   iſt")).isEqualTo("dass ist");
        assertThat(NewspaperEvaluation.normalize("u\u0308ber")).isEqualTo("über");
    }

    @Test
    void mapsBoxesBackOntoTheGroundTruthImage() {
        // our page was upscaled 2x and not turned or deskewed: boxes halve
        Page page = new Page(1, 2000, 3000, 300, TextSource.OCR, 0, 0, List.of(), List.of(), List.of());
        PageXmlReader.GtPage gt = new PageXmlReader.GtPage("p", "p.tif", 1000, 1500, List.of(), List.of(), List.of());
        Box b = NewspaperEvaluation.toGt(new Box(200, 400, 600, 800), page, gt);
        assertThat(b.x0()).isEqualTo(100);
        assertThat(b.y1()).isEqualTo(400);
    }

    @Test
    void summaryIsMicroForRegionsAndCharactersAndMacroForOrder() {
        var a = new NewspaperEvaluation.PageResult("a", 10, 8, 6, 1.0, 0.0, true, 10, 100, 1);
        var b = new NewspaperEvaluation.PageResult("b", 10, 12, 4, 0.5, 2.0, true, 30, 100, 1);
        Map<String, Object> s = NewspaperEvaluation.summary(List.of(a, b));
        @SuppressWarnings("unchecked")
        Map<String, Object> regions = (Map<String, Object>) s.get("regions");
        assertThat(regions.get("precision")).isEqualTo(0.5);   // 10 matched of 20 predicted
        assertThat(regions.get("recall")).isEqualTo(0.5);      // 10 of 20 ground truth
        assertThat(regions.get("f1")).isEqualTo(0.5);
        @SuppressWarnings("unchecked")
        Map<String, Object> ro = (Map<String, Object>) s.get("reading_order");
        assertThat(ro.get("bleu")).isEqualTo(0.75);
        assertThat(ro.get("ard")).isEqualTo(1.0);
        assertThat(s.get("cer")).isEqualTo(0.2);
    }
}
