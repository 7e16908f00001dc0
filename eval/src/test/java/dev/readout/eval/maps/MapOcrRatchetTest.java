package dev.readout.eval.maps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.readout.core.stage.Limits;
import dev.readout.eval.SharedData;
import dev.readout.ingest.maps.MapOptions;
import dev.readout.ingest.maps.MapTextReader;
import dev.readout.ingest.maps.PpOcrModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Quality ratchet on real data: the map reader with its default options over {@code ../shared/datasets/map_ocr_gt}
 * must not drop below the recorded figures. Runs where that folder exists (as in CI); prints that it skipped
 * elsewhere. When a change improves the figures, raise the baselines here in the same commit.
 */
class MapOcrRatchetTest {
    // measured 2026-11-26 (defaults of MapOptions, 2 maps, 118 words): see docs/benchmarks.md
    static final double MIN_DETECTION_F1 = 0.685; // measured 0.6952
    static final double MIN_END_TO_END_F1 = 0.505; // measured 0.5143

    static Path data() {
        return SharedData.find("map_ocr_gt");
    }

    @Test
    void mapTextKeepsItsBaseline() {
        Path data = data();
        if (data == null) {
            System.out.println("SKIPPED MapOcrRatchetTest: ../shared/datasets/map_ocr_gt not found");
        }
        assumeTrue(data != null, "../shared/datasets/map_ocr_gt not found: map text ratchet skipped");
        List<MapGroundTruth.GoldMap> maps = MapGroundTruth.load(data, 0);
        List<MapEvaluation.MapResult> results = new ArrayList<>();
        try (PpOcrModel model = PpOcrModel.discover(2); MapTextReader reader = new MapTextReader(model, MapOptions.DEFAULT)) {
            MapEvaluation eval = new MapEvaluation(reader, Limits.DEFAULT, s -> System.out.println("MapOcrRatchetTest: " + s));
            for (MapGroundTruth.GoldMap m : maps) {
                results.add(eval.evaluate(m));
            }
        }
        Map<String, Object> s = MapEvaluation.summary(results);
        System.out.println("MapOcrRatchetTest: " + dev.readout.eval.Json.pretty(s));
        assertThat(f1(s, "detection")).as("detection F1 baseline").isGreaterThanOrEqualTo(MIN_DETECTION_F1);
        assertThat(f1(s, "end_to_end")).as("end-to-end F1 baseline").isGreaterThanOrEqualTo(MIN_END_TO_END_F1);
    }

    @Test
    void shapefilesAndGeoJsonOfTheDataSetAgree() throws Exception {
        Path data = data();
        assumeTrue(data != null, "../shared/datasets/map_ocr_gt not found: shapefile check skipped");
        for (MapGroundTruth.GoldMap m : MapGroundTruth.load(data, 0)) {
            Path dir = m.image().getParent();
            List<MapGroundTruth.GoldWord> shp = ShapefileReader.read(dir.resolve(m.name() + ".shp"), dir.resolve(m.name() + ".dbf"));
            assertThat(shp).as(m.name()).hasSameSizeAs(m.words());
            for (int i = 0; i < shp.size(); i++) {
                assertThat(shp.get(i).text()).isEqualTo(m.words().get(i).text());
                assertThat(shp.get(i).polygon()).containsExactly(m.words().get(i).polygon(), within(1e-6));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static double f1(Map<String, Object> s, String key) {
        return (double) ((Map<String, Object>) s.get(key)).get("f1");
    }
}
