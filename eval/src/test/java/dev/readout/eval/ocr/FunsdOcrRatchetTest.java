package dev.readout.eval.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.readout.core.stage.IngestOptions;
import dev.readout.eval.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Quality ratchet on real data: our OCR path on the first {@value #PAGES} FUNSD training forms (sorted by name)
 * must stay at least as good as plain tesseract on every figure and must not drop below the recorded baseline.
 * Runs where {@code ../shared/datasets/funsd} exists (as in CI); reports itself skipped elsewhere.
 * When a change improves the figures, raise the baselines here in the same commit.
 */
class FunsdOcrRatchetTest {
    static final int PAGES = 12;
    // measured 2026-12-07 on these 12 forms, fill lines and box sides out of the words: P 0.6340, R 0.5795, CER
    // 0.2442 (fill lines only 0.6300 / 0.5786 / 0.2450; before, the same day: 0.6253 / 0.5772 / 0.2490; 2026-11-26: 0.5721 / 0.5157 / 0.2589; tesseract CLI: 0.4084 / 0.3346 / 0.3521)
    static final double MIN_PRECISION = 0.625;
    static final double MIN_RECALL = 0.570;
    static final double MAX_CER = 0.252;

    static Path funsd() {
        Path marker = SharedData.find("funsd/training_data/annotations");
        return marker == null ? null : marker.getParent();
    }

    @Test
    void ourOcrPathBeatsPlainTesseractAndKeepsItsBaseline() {
        Path data = funsd();
        if (data == null) {
            System.out.println("SKIPPED FunsdOcrRatchetTest: ../shared/datasets/funsd not found");
        }
        assumeTrue(data != null, "../shared/datasets/funsd not found: OCR quality ratchet skipped");
        TesseractTsv cli = new TesseractTsv("tesseract", "eng", 120);
        assumeTrue(cli.unavailableReason() == null, "tesseract CLI not installed: OCR quality ratchet skipped");
        OcrEvaluation eval = new OcrEvaluation(2, m -> { });
        List<FunsdPage> pages = eval.load(data, PAGES);
        try (ReadoutOcrSystem ours = ReadoutOcrSystem.discover(2, IngestOptions.DEFAULT)) {
            OcrReport report = eval.run(pages, List.of(ours, cli.asSystem()), Map.of());
            OcrScores r = report.systems().get("readout");
            OcrScores t = report.systems().get("tesseract-cli");
            System.out.println("FunsdOcrRatchetTest:\n" + report.toTable());
            assertThat(r.failedPages()).isZero();
            assertThat(r.precision()).as("precision vs tesseract").isGreaterThanOrEqualTo(t.precision());
            assertThat(r.recall()).as("recall vs tesseract").isGreaterThanOrEqualTo(t.recall());
            assertThat(r.cer()).as("CER vs tesseract").isLessThanOrEqualTo(t.cer());
            assertThat(r.precision()).as("precision baseline").isGreaterThanOrEqualTo(MIN_PRECISION);
            assertThat(r.recall()).as("recall baseline").isGreaterThanOrEqualTo(MIN_RECALL);
            assertThat(r.cer()).as("CER baseline").isLessThanOrEqualTo(MAX_CER);
        }
    }
}
