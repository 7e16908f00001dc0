package dev.readout.api.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.Limits;
import dev.readout.core.stage.OcrEngineKind;
import dev.readout.core.stage.OcrMode;
import dev.readout.core.stage.PageSelection;
import dev.readout.core.stage.Segmentation;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a client asked for with an upload; stored with the job as JSON so a resumed job runs the same way.
 * Plain values only: nothing here can name a server path.
 *
 * @param ocr       auto, always or never
 * @param languages Tesseract language codes
 * @param dpi       render resolution of PDF pages
 * @param pages     page selection spec, e.g. {@code 1-3,7}, or {@code all}
 * @param invoice   whether invoice fields were asked for
 * @param timeoutSeconds a shorter processing timeout than the service's, or null for the service's
 * @param segmentation how scans are cut into blocks before OCR: {@code auto}, {@code columns} or {@code columns-rules} (null, in jobs stored
 *                     before this option existed: auto)
 * @param ocrEngine which engine reads scans: {@code tesseract} or {@code ppocr} (null, in jobs stored before this
 *                  option existed: tesseract)
 */
public record JobOptions(String ocr, List<String> languages, int dpi, String pages, boolean invoice, Integer timeoutSeconds,
                         String segmentation, String ocrEngine) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses and checks request parameters (null: default); throws IllegalArgumentException with a message for the client. */
    public static JobOptions parse(String ocr, String lang, Integer dpi, String pages, Boolean invoice, Integer timeoutSeconds,
                                   String segmentation, String ocrEngine, int maxDpi) {
        if (timeoutSeconds != null && timeoutSeconds < 1) {
            throw new IllegalArgumentException("timeout must be at least 1 second: " + timeoutSeconds);
        }
        String mode = ocr == null || ocr.isBlank() ? "auto" : ocr.strip().toLowerCase(Locale.ROOT);
        if (!List.of("auto", "always", "never").contains(mode)) {
            throw new IllegalArgumentException("ocr must be auto, always or never, not '" + ocr + "'");
        }
        List<String> langs = lang == null || lang.isBlank() ? List.of("eng")
                : Arrays.stream(lang.split("[+,]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        int d = dpi == null ? 300 : dpi;
        if (d < 72 || d > maxDpi) {
            throw new IllegalArgumentException("dpi must be between 72 and " + maxDpi + ": " + d);
        }
        String spec = pages == null || pages.isBlank() ? "all" : pages.strip();
        PageSelection.parse(spec);
        String seg = segmentation == null || segmentation.isBlank() ? "auto"
                : Segmentation.parse(segmentation).name().toLowerCase(Locale.ROOT);
        String engine = ocrEngine == null || ocrEngine.isBlank() ? "tesseract" : OcrEngineKind.parse(ocrEngine).key();
        JobOptions o = new JobOptions(mode, langs, d, spec, invoice != null && invoice, timeoutSeconds, seg, engine);
        o.ingest(Limits.DEFAULT);
        return o;
    }

    public IngestOptions ingest(Limits limits) {
        OcrMode mode = OcrMode.valueOf(ocr.toUpperCase(Locale.ROOT));
        Segmentation seg = segmentation == null ? Segmentation.AUTO : Segmentation.parse(segmentation);
        OcrEngineKind engine = ocrEngine == null ? OcrEngineKind.TESSERACT : OcrEngineKind.parse(ocrEngine);
        return new IngestOptions(dpi, mode, languages, null, limits, true, seg, engine);
    }

    public PageSelection selection() {
        return PageSelection.parse(pages);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JobOptions fromJson(String json) {
        try {
            return JSON.readValue(json, JobOptions.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored job options are unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
