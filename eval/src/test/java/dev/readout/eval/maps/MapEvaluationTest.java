package dev.readout.eval.maps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.readout.core.stage.Limits;
import dev.readout.eval.funsd.Prf;
import dev.readout.ingest.maps.MapOptions;
import dev.readout.ingest.maps.MapTextReader;
import dev.readout.ingest.maps.PpOcrModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ground truth reading, the metrics, and the evaluation end to end on a fixture made by {@link MapFixture}. */
class MapEvaluationTest {
    @TempDir
    Path tmp;

    @Test
    void readsGeoJsonWithYNegatedAndTheSameWordsFromAShapefile() throws Exception {
        List<double[]> gold = MapFixture.write(tmp.resolve("a"), "m1", false);
        MapFixture.write(tmp.resolve("b"), "m1", true);
        MapGroundTruth.GoldMap fromJson = MapGroundTruth.load(tmp.resolve("a"), 0).get(0);
        MapGroundTruth.GoldMap fromShp = MapGroundTruth.load(tmp.resolve("b"), 0).get(0);
        assertThat(fromJson.words()).extracting(MapGroundTruth.GoldWord::text).containsExactly("Fairfield", "Marsh", "Ashby", "Nowhere");
        assertThat(fromJson.words().get(0).polygon()).containsExactly(gold.get(0), within(1e-9));
        assertThat(fromJson.words().get(0).phrase()).isEqualTo("Fairfield");
        assertThat(fromShp.words()).hasSameSizeAs(fromJson.words());
        for (int i = 0; i < gold.size(); i++) {
            assertThat(fromShp.words().get(i).text()).isEqualTo(fromJson.words().get(i).text());
            assertThat(fromShp.words().get(i).polygon()).containsExactly(fromJson.words().get(i).polygon(), within(1e-9));
        }
        assertThatThrownBy(() -> MapGroundTruth.load(tmp, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no map folder");
    }

    @Test
    void matchesOneToOneAtIouHalfAndComparesTextIgnoringCase() {
        double[] g1 = MapFixture.rect(0, 0, 100, 20);
        double[] g2 = MapFixture.rect(0, 50, 100, 70);
        List<MapGroundTruth.GoldWord> gold = List.of(new MapGroundTruth.GoldWord(g1, "Hill", ""), new MapGroundTruth.GoldWord(g2, "Farm", ""));
        List<MapMetrics.Predicted> pred = List.of(
                new MapMetrics.Predicted(MapFixture.rect(5, 0, 100, 20), "HILL"), // IoU .95, same text
                new MapMetrics.Predicted(MapFixture.rect(0, 0, 100, 20), "Hill"), // a duplicate: no second match
                new MapMetrics.Predicted(MapFixture.rect(0, 50, 40, 70), "Farm"), // IoU .4: no match
                new MapMetrics.Predicted(MapFixture.rect(300, 0, 400, 20), "Mill"));
        MapMetrics.Scores s = MapMetrics.score(pred, gold);
        assertThat(s.detection()).isEqualTo(new Prf(1, 4, 2));
        assertThat(s.endToEnd()).isEqualTo(new Prf(1, 4, 2));
        // a rotated prediction against an axis-aligned gold word is compared by its bounding box
        double[] diamond = {50, 0, 100, 10, 50, 20, 0, 10};
        assertThat(MapMetrics.iou(diamond, g1)).isCloseTo(1.0, within(1e-9));
        double[] rotatedGold = {0, 10, 50, 0, 100, 10, 50, 20};
        assertThat(MapMetrics.iou(MapFixture.rect(0, 0, 100, 20), rotatedGold)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void endToEndOnAMadeMap() throws Exception {
        MapFixture.write(tmp, "made", false);
        try (PpOcrModel model = PpOcrModel.discover(2); MapTextReader reader = new MapTextReader(model, MapOptions.DEFAULT)) {
            MapEvaluation eval = new MapEvaluation(reader, Limits.DEFAULT, s -> { });
            MapEvaluation.MapResult r = eval.evaluate(MapGroundTruth.load(tmp, 0).get(0));
            Map<String, Object> sum = MapEvaluation.summary(List.of(r));
            assertThat(r.gold()).isEqualTo(4);
            assertThat(r.scores().detection().tp()).as("found: %s", r.text().labels()).isEqualTo(3);
            assertThat(r.scores().endToEnd().tp()).isEqualTo(3);
            assertThat(r.scores().endToEnd().recall()).isEqualTo(0.75);
            assertThat(sum.get("maps")).isEqualTo(1);
            @SuppressWarnings("unchecked")
            Map<String, Object> e2e = (Map<String, Object>) sum.get("end_to_end");
            assertThat((double) e2e.get("f1")).isGreaterThan(0.8);
        }
    }
}
