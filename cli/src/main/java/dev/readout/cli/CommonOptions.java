package dev.readout.cli;

import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.Limits;
import dev.readout.core.stage.OcrEngineKind;
import dev.readout.core.stage.OcrMode;
import dev.readout.core.stage.Segmentation;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** Ingest options shared by the commands that read documents. */
final class CommonOptions {
    @Option(names = "--dpi", defaultValue = "300", description = "Resolution of page images and boxes (default ${DEFAULT-VALUE}).")
    int dpi;

    @Option(names = "--ocr", defaultValue = "auto", description = "auto|always|never: OCR PDF pages without a usable text layer, every page, or none.")
    String ocr;

    @Option(names = "--lang", defaultValue = "eng", description = "Tesseract languages joined by '+', e.g. eng+deu (default ${DEFAULT-VALUE}).")
    String lang;

    @Option(names = "--password", description = "Password of an encrypted PDF.")
    String password;

    @Option(names = "--workers", description = "Pages processed in parallel (default: all cores).")
    Integer workers;

    @Option(names = "--max-pages", defaultValue = "5000", description = "Refuse documents with more pages (default ${DEFAULT-VALUE}).")
    int maxPages;

    @Option(names = "--max-pixels", defaultValue = "200000000", description = "Refuse page images larger than this many pixels, checked before decoding (default ${DEFAULT-VALUE}).")
    long maxPixels;

    @Option(names = "--max-bytes", defaultValue = "536870912", description = "Refuse files larger than this (default ${DEFAULT-VALUE}).")
    long maxBytes;

    @Option(names = "--no-layout", description = "Skip the layout model (entities and key-value links): text extraction only.")
    boolean noLayout;

    @Option(names = "--no-preprocess", description = "Skip deskew, orientation and clean-up of scans before OCR.")
    boolean noPreprocess;

    @Option(names = "--segmentation", paramLabel = "auto|tesseract|columns|columns-rules", description = {
            "How scanned pages are cut into blocks before OCR: auto (= tesseract, its own page layout analysis) or",
            "columns (columns and rules found with OpenCV first, each block read on its own, text regions grouped by the",
            "learned region model: for newspapers); columns-rules: the same with the typographic rules' regions only.",
            "Default: columns with --profile newspaper and in 'eval newspaper', else auto."})
    String segmentation;

    @Option(names = "--ocr-engine", defaultValue = "tesseract", paramLabel = "tesseract|ppocr", description = {
            "The engine that reads scanned pages: tesseract (default; --lang picks its language models) or ppocr",
            "(PaddleOCR's PP-OCRv4 detector and recogniser, models/ppocr-v4: photographed and thermal print such as",
            "receipts, where it reads more than Tesseract; Latin script; not with --segmentation columns)."})
    String ocrEngine;

    /** The options, with the engine's own page segmentation unless --segmentation says otherwise. */
    IngestOptions ingestOptions() {
        return ingestOptions(Segmentation.AUTO);
    }

    /** The options, with {@code fallback} as the segmentation unless --segmentation names one. */
    IngestOptions ingestOptions(Segmentation fallback) {
        OcrMode mode = switch (ocr.toLowerCase()) {
            case "auto" -> OcrMode.AUTO;
            case "always" -> OcrMode.ALWAYS;
            case "never" -> OcrMode.NEVER;
            default -> throw new IllegalArgumentException("--ocr must be auto, always or never, not '" + ocr + "'");
        };
        List<String> langs = Arrays.stream(lang.split("\\+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        OcrEngineKind engine = OcrEngineKind.parse(ocrEngine);
        Segmentation seg = segmentation != null ? Segmentation.parse(segmentation)
                : engine == OcrEngineKind.PPOCR ? Segmentation.AUTO : fallback;
        if (engine == OcrEngineKind.PPOCR && seg.columns()) {
            throw new IllegalArgumentException("--ocr-engine ppocr reads whole pages: it does not take --segmentation columns");
        }
        return new IngestOptions(dpi, mode, langs, password, new Limits(maxBytes, maxPages, maxPixels), !noPreprocess, seg, engine);
    }

    /** The pipeline these options ask for. */
    dev.readout.core.Pipeline pipeline() {
        return noLayout
                ? dev.readout.core.Pipeline.discover(workers(), s -> s instanceof dev.readout.core.stage.ReadingOrderModel)
                : dev.readout.core.Pipeline.discover(workers());
    }

    int workers() {
        int w = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
        if (w < 1) {
            throw new IllegalArgumentException("--workers must be at least 1");
        }
        return w;
    }
}
