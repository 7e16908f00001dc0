package dev.readout.eval.newspaper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.readout.core.Pipeline;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.ReadingOrderModel;
import dev.readout.core.stage.Segmentation;
import dev.readout.eval.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Quality ratchet on real data: newspaper pages end to end (column segmentation, Tesseract {@code frk}, XY-cut order)
 * over {@code ../shared/datasets/nzz_newspaper_gt}, as {@code readout eval newspaper --no-layout} measures them, must not
 * fall below the recorded figures. Runs where that folder exists (several minutes on 2 cores); prints that it skipped
 * elsewhere. When a change improves the figures, move the baselines here in the same commit.
 */
class NewspaperRatchetTest {
    // measured 2026-12-07 (10 NZZ pages, 110,123 characters, 392 regions): see docs/benchmarks.md. Region F1 is the
    // learned region model's (a random forest) on the pages it was trained on: 0.8131 since the fifth session of
    // 2026-12-07, when the typographic rules took over above the masthead's rule — the held-out figure, page by page,
    // rose 0.7648 -> 0.7775 while this in-sample one fell from 0.8557 (the forest had memorised these pages'
    // mastheads), so the floor moved down with it; since the fourth session display lines (mastheads) are read on their
    // own and printed rules are inputs of the region model (before: 0.0835 / 0.8434); since the sixth session masthead
    // lines are cut where their words stand apart: 0.8131 -> 0.819 (held out 0.7775 -> 0.7837)
    static final double MAX_CER = 0.086;        // measured 0.0819
    static final double MIN_REGION_F1 = 0.81;   // measured 0.819 (held out 0.7837)

    static Path data() {
        return SharedData.find("nzz_newspaper_gt");
    }

    @Test
    void newspaperPagesKeepTheirBaseline() throws Exception {
        Path data = data();
        if (data == null) {
            System.out.println("SKIPPED NewspaperRatchetTest: ../shared/datasets/nzz_newspaper_gt not found");
        }
        assumeTrue(data != null, "../shared/datasets/nzz_newspaper_gt not found: newspaper ratchet skipped");
        IngestOptions options = IngestOptions.DEFAULT.withLanguages(List.of("frk")).withSegmentation(Segmentation.COLUMNS);
        List<NewspaperEvaluation.PageResult> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Pipeline pipeline = Pipeline.discover(2, s -> s instanceof ReadingOrderModel)) {
            List<Future<NewspaperEvaluation.PageResult>> futures = new ArrayList<>();
            for (NewspaperEvaluation.Item it : NewspaperEvaluation.items(data, 0)) {
                futures.add(pool.submit(() -> NewspaperEvaluation.evaluate(pipeline, options, it)));
            }
            for (Future<NewspaperEvaluation.PageResult> f : futures) {
                results.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, Object> s = NewspaperEvaluation.summary(results);
        System.out.println("NewspaperRatchetTest: " + dev.readout.eval.Json.pretty(s));
        @SuppressWarnings("unchecked")
        Map<String, Object> regions = (Map<String, Object>) s.get("regions");
        assertThat(results).hasSize(10);
        assertThat((double) s.get("cer")).as("CER baseline").isLessThanOrEqualTo(MAX_CER);
        assertThat((double) regions.get("f1")).as("region F1 baseline").isGreaterThanOrEqualTo(MIN_REGION_F1);
    }
}
