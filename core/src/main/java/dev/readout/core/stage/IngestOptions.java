package dev.readout.core.stage;

import java.util.List;
import java.util.Objects;

/**
 * Per-document options for ingestion. Plain values only: no server paths.
 *
 * @param dpi       resolution at which PDF pages are rendered and boxes expressed (default 300)
 * @param ocr       when to OCR PDF pages
 * @param languages Tesseract language codes, e.g. {@code [eng]} or {@code [eng, deu]}
 * @param password  password for encrypted PDFs, or null
 * @param limits    input limits
 * @param preprocess whether scans are deskewed and orientation-corrected before OCR
 * @param segmentation how OCR'd pages are cut into blocks before reading ({@link Segmentation#AUTO}: the engine's own)
 * @param ocrEngine which engine reads scanned pages ({@link OcrEngineKind#PPOCR} reads the whole page itself: it takes
 *                  no languages and no column segmentation)
 */
public record IngestOptions(int dpi, OcrMode ocr, List<String> languages, String password, Limits limits,
                            boolean preprocess, Segmentation segmentation, OcrEngineKind ocrEngine) {
    public static final IngestOptions DEFAULT = new IngestOptions(300, OcrMode.AUTO, List.of("eng"), null, Limits.DEFAULT, true);

    /** Options with the engine's own page segmentation. */
    public IngestOptions(int dpi, OcrMode ocr, List<String> languages, String password, Limits limits, boolean preprocess) {
        this(dpi, ocr, languages, password, limits, preprocess, Segmentation.AUTO);
    }

    /** Options with Tesseract reading scans. */
    public IngestOptions(int dpi, OcrMode ocr, List<String> languages, String password, Limits limits, boolean preprocess,
                         Segmentation segmentation) {
        this(dpi, ocr, languages, password, limits, preprocess, segmentation, OcrEngineKind.TESSERACT);
    }

    public IngestOptions {
        if (dpi < 36 || dpi > 1200) {
            throw new IllegalArgumentException("dpi must be between 36 and 1200: " + dpi);
        }
        Objects.requireNonNull(ocr, "ocr");
        languages = List.copyOf(languages);
        if (languages.isEmpty()) {
            throw new IllegalArgumentException("at least one OCR language is needed");
        }
        for (String l : languages) {
            if (!l.matches("[A-Za-z0-9_/]+") || l.contains("..")) {
                throw new IllegalArgumentException("bad OCR language code: '" + l + "'");
            }
        }
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(segmentation, "segmentation");
        Objects.requireNonNull(ocrEngine, "ocrEngine");
        if (ocrEngine == OcrEngineKind.PPOCR && segmentation.columns()) {
            throw new IllegalArgumentException("the ppocr engine reads whole pages: column segmentation needs tesseract");
        }
    }

    public IngestOptions withDpi(int d) {
        return new IngestOptions(d, ocr, languages, password, limits, preprocess, segmentation, ocrEngine);
    }

    public IngestOptions withOcr(OcrMode m) {
        return new IngestOptions(dpi, m, languages, password, limits, preprocess, segmentation, ocrEngine);
    }

    public IngestOptions withLanguages(List<String> l) {
        return new IngestOptions(dpi, ocr, l, password, limits, preprocess, segmentation, ocrEngine);
    }

    public IngestOptions withPassword(String p) {
        return new IngestOptions(dpi, ocr, languages, p, limits, preprocess, segmentation, ocrEngine);
    }

    public IngestOptions withLimits(Limits l) {
        return new IngestOptions(dpi, ocr, languages, password, l, preprocess, segmentation, ocrEngine);
    }

    public IngestOptions withPreprocess(boolean p) {
        return new IngestOptions(dpi, ocr, languages, password, limits, p, segmentation, ocrEngine);
    }

    public IngestOptions withSegmentation(Segmentation s) {
        return new IngestOptions(dpi, ocr, languages, password, limits, preprocess, s, ocrEngine);
    }

    public IngestOptions withOcrEngine(OcrEngineKind e) {
        return new IngestOptions(dpi, ocr, languages, password, limits, preprocess, segmentation, e);
    }

    /** Languages joined the way Tesseract takes them, e.g. {@code eng+deu}. */
    public String languageSpec() {
        return String.join("+", languages);
    }
}
