package dev.readout.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.readout.core.error.EngineUnavailableException;
import dev.readout.core.stage.OcrEngine.OcrResult;
import dev.readout.ingest.tesseract.TesseractOcrEngine;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class TesseractLanguagesTest {

    @Test
    void aMissingLanguageNamesThePackageToInstall() {
        assumeTrue(TestPages.tesseractInstalled(), "Tesseract is not installed: skipping");
        try (TesseractOcrEngine t = TesseractOcrEngine.systemDefault()) {
            assertThatThrownBy(() -> t.checkAvailable(List.of("eng", "xyz")))
                    .isInstanceOf(EngineUnavailableException.class)
                    .hasMessageContaining("'xyz'").hasMessageContaining("apt-get install tesseract-ocr-xyz");
            assertThat(t.name()).startsWith("tesseract-5.");
        }
    }

    @Test
    void combinesLanguages() {
        assumeTrue(Files.isRegularFile(TesseractOcrEngine.DEBIAN_TESSDATA.resolve("deu.traineddata")), "deu data not installed: skipping");
        try (TesseractOcrEngine t = TesseractOcrEngine.systemDefault()) {
            OcrResult r = t.recognize(TestPages.page(), List.of("eng", "deu"), 150);
            String text = String.join(" ", r.blocks().stream().flatMap(b -> b.lines().stream())
                    .flatMap(l -> l.words().stream()).map(w -> w.text()).toList());
            assertThat(text).contains("quick brown fox");
        }
    }
}
