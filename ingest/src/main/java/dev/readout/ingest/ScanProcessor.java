package dev.readout.ingest;

import dev.readout.core.model.Box;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.OcrEngine;
import dev.readout.core.stage.OcrEngineKind;
import dev.readout.core.stage.OcrEngine.OcrBlock;
import dev.readout.core.stage.OcrEngine.OcrLine;
import dev.readout.core.stage.OcrEngine.OcrResult;
import dev.readout.core.stage.OcrEngine.OcrWord;
import dev.readout.core.stage.Segmentation;
import dev.readout.ingest.opencv.ColumnSegmenter;
import dev.readout.ingest.opencv.DisplayLines;
import dev.readout.ingest.opencv.OpenCvPreprocessor;
import dev.readout.ingest.tesseract.TesseractOcrEngine;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The OCR path for one page image: deskew (±10°), quarter-turn orientation when the upright reading is
 * poor, speckle removal, scaling of small print, then Tesseract, either with its own page layout analysis (and a
 * second reading of ink it left unread, {@link MissedText}) or block by block after {@link ColumnSegmenter} cut the
 * page into columns ({@link Segmentation#COLUMNS}). Boxes come back in pixels of the
 * corrected page image (rotated and deskewed, at its original resolution). Thread-safe.
 */
public final class ScanProcessor {
    /** Text smaller than this median glyph height (px) is scaled up before OCR. */
    static final double MIN_GLYPH_PX = 20;
    static final double MAX_UPSCALE = 2.5;
    /** At most this many unread areas ({@link MissedText}) are read again per page, the largest first. */
    static final int MAX_REREAD_AREAS = 40;
    /** Dark components touching an image edge over at least this share of its length are cleared before OCR. */
    static final double MIN_BORDER_SPAN = 0.3;
    /**
     * A page whose paper is brighter than this many times in one part than in another (the brightest and darkest cell
     * of {@link OpenCvPreprocessor#flattenBackground}'s grid) is evened out before OCR.
     */
    static final double MAX_BACKGROUND_RATIO = 1.35;
    /** Skew below this (degrees) is left alone. */
    static final double MIN_SKEW_DEG = 0.3;
    /** Pass as {@code dpi} when the image does not declare its resolution. */
    public static final int DPI_UNKNOWN = 0;
    /**
     * With no declared resolution, Tesseract is told {@value} × the median glyph height (px) as dpi: body text
     * glyphs average about 1/14 inch tall. Telling it 300 for a 90-dpi scan made it misjudge text size (measured
     * on FUNSD: CER 0.34 → 0.25).
     */
    static final double DPI_PER_GLYPH_PX = 14;

    private final TesseractOcrEngine ocr;
    private final OcrEngine ppocr;
    private volatile OpenCvPreprocessor cvInstance;
    private volatile ColumnSegmenter segmenterInstance;

    /** OpenCV's native library is loaded on the first page that needs it, not before. Tesseract only. */
    public ScanProcessor(TesseractOcrEngine ocr) {
        this(ocr, null);
    }

    /**
     * @param ppocr the engine for {@link OcrEngineKind#PPOCR} (PP-OCRv4, {@code ingest.maps.PpOcrEngine}), or null
     *              when this processor only has Tesseract
     */
    public ScanProcessor(TesseractOcrEngine ocr, OcrEngine ppocr) {
        this.ocr = ocr;
        this.ppocr = ppocr;
    }

    /** The engine that reads the text of scans with these options (Tesseract also finds orientation for both). */
    private OcrEngine reader(IngestOptions options) {
        if (options.ocrEngine() == OcrEngineKind.PPOCR) {
            if (ppocr == null) {
                throw new dev.readout.core.error.EngineUnavailableException("the ppocr engine is not available in this ingestor");
            }
            return ppocr;
        }
        return ocr;
    }

    private OpenCvPreprocessor cv() {
        if (cvInstance == null) {
            cvInstance = new OpenCvPreprocessor();
        }
        return cvInstance;
    }

    private ColumnSegmenter segmenter() {
        if (segmenterInstance == null) {
            segmenterInstance = new ColumnSegmenter();
        }
        return segmenterInstance;
    }

    /** Fails with an EngineUnavailableException when the engine these options name cannot read (model, languages). */
    public void checkAvailable(IngestOptions options) {
        reader(options).checkAvailable(options.languages());
    }

    /** Name and version of the engine that reads scans with these options, recorded as the source of its words. */
    public String engineName(IngestOptions options) {
        return reader(options).name();
    }

    /**
     * A page after clean-up and OCR. {@code rotation} is clockwise degrees; {@code skew} counter-clockwise;
     * {@code separators} the printed rules found by the column segmentation (empty otherwise), in page pixels.
     */
    public record Scan(BufferedImage image, int rotation, double skew, OcrResult ocr, List<Box> separators) {
        public Scan {
            separators = List.copyOf(separators);
        }

        public Scan(BufferedImage image, int rotation, double skew, OcrResult ocr) {
            this(image, rotation, skew, ocr, List.of());
        }
    }

    /**
     * @param dpi resolution of the image, or {@link #DPI_UNKNOWN} when the file does not declare one
     */
    public Scan process(BufferedImage gray, int dpi, IngestOptions options) {
        if (!options.preprocess()) {
            if (options.segmentation().columns()) {
                return readColumns(gray, 0, 0, dpi, options);
            }
            int hint = dpi != DPI_UNKNOWN ? dpi : estimateDpi(cv().inkStats(gray).medianCharHeightPx());
            return new Scan(gray, 0, 0, reader(options).recognize(gray, options.languages(), hint));
        }
        Scan upright = prepareAndRecognize(gray, 0, dpi, options);
        if (looksRight(upright.ocr())) {
            return upright;
        }
        // Lines standing on end mean a quarter turn; lying lines read badly mean upside down.
        List<Integer> candidates = new ArrayList<>(mostlyTall(upright.ocr()) ? List.of(90, 270) : List.of(180));
        int osdDpi = dpi != DPI_UNKNOWN ? dpi : estimateDpi(cv().inkStats(gray).medianCharHeightPx());
        TesseractOcrEngine.Orientation hint = candidates.size() > 1 ? ocr.detectOrientation(gray, osdDpi) : null;
        if (hint != null && hint.rotateClockwise() == 270) {
            java.util.Collections.reverse(candidates);
        }
        Scan best = upright;
        for (int turn : candidates) {
            Scan turned = prepareAndRecognize(cv().rotateQuarter(gray, turn), turn, dpi, options);
            if (looksRight(turned.ocr())) {
                return turned;
            }
            if (!mostlyTall(turned.ocr()) && quality(turned.ocr()) > quality(best.ocr())) {
                best = turned;
            }
        }
        return best;
    }

    private static boolean mostlyTall(OcrResult r) {
        int lines = 0;
        int tall = 0;
        for (OcrBlock b : r.blocks()) {
            for (OcrLine l : b.lines()) {
                if (l.words().stream().mapToInt(w -> w.text().length()).sum() >= 6) {
                    lines++;
                    if (l.box().height() > l.box().width()) {
                        tall++;
                    }
                }
            }
        }
        return tall * 2 > lines;
    }

    /** A resolution guess from the median glyph height, for images that do not declare theirs. */
    static int estimateDpi(double medianGlyphPx) {
        if (medianGlyphPx <= 0) {
            return 300;
        }
        return (int) Math.max(70, Math.min(1200, Math.round(DPI_PER_GLYPH_PX * medianGlyphPx)));
    }

    /** Applies a rotation (clockwise quarter turns) and skew chosen earlier by {@link #process}. */
    public BufferedImage correct(BufferedImage gray, int rotation, double skew) {
        BufferedImage turned = cv().rotateQuarter(gray, rotation);
        return skew == 0 ? turned : cv().rotate(turned, skew);
    }

    private Scan prepareAndRecognize(BufferedImage gray, int rotation, int dpi, IngestOptions options) {
        double skew = cv().estimateSkew(gray);
        BufferedImage page = Math.abs(skew) >= MIN_SKEW_DEG ? cv().rotate(gray, skew) : gray;
        if (Math.abs(skew) < MIN_SKEW_DEG) {
            skew = 0;
        }
        if (options.segmentation().columns()) {
            return readColumns(page, rotation, skew, dpi, options);
        }
        // a page lit unevenly (a phone photo) is evened out first, so that one global threshold fits all of it and
        // its shadowed side is not taken for a dark border
        BufferedImage forOcr = cv().flattenBackground(page, MAX_BACKGROUND_RATIO);
        // dark scan borders and torn edges can make Tesseract's layout analysis give up on the whole page
        forOcr = cv().clearEdgeBorders(forOcr, MIN_BORDER_SPAN);
        if (options.ocrEngine() == OcrEngineKind.PPOCR) {
            // PP-OCR scales the page to its detection window itself and reads every line it finds: no re-reading
            return new Scan(page, rotation, skew, reader(options).recognize(forOcr, options.languages(), dpi));
        }
        OpenCvPreprocessor.InkStats ink = cv().inkStats(forOcr);
        boolean smallPrint = ink.medianCharHeightPx() > 0 && ink.medianCharHeightPx() < MIN_GLYPH_PX;
        // a median filter erodes the thin strokes of small print (measured on FUNSD): only for normal-sized text
        if (!smallPrint && ink.components() > 500 && ink.speckleFraction() > 0.5) {
            forOcr = cv().despeckle(forOcr);
        }
        double scale = 1;
        if (smallPrint) {
            scale = Math.min(MAX_UPSCALE, MIN_GLYPH_PX / ink.medianCharHeightPx());
            forOcr = cv().scale(forOcr, scale);
        }
        int sourceDpi = dpi != DPI_UNKNOWN ? dpi : estimateDpi(ink.medianCharHeightPx());
        int ocrDpi = (int) Math.round(sourceDpi * scale);
        OcrResult r = ocr.recognize(forOcr, options.languages(), ocrDpi);
        List<Box> unread = MissedText.unreadAreas(forOcr, r);
        if (!unread.isEmpty()) {
            // ink the page layout analysis skipped (dense or bold print taken for a picture): read it as blocks
            List<Box> areas = unread.subList(0, Math.min(MAX_REREAD_AREAS, unread.size()));
            r = MissedText.merge(r, ocr.recognizeBlocks(forOcr, options.languages(), ocrDpi, areas));
        }
        if (scale != 1) {
            r = rescale(r, 1 / scale, page.getWidth(), page.getHeight());
        }
        return new Scan(page, rotation, skew, r);
    }

    /**
     * The column way ({@link Segmentation#COLUMNS}): blocks and rules from {@link ColumnSegmenter}, small print scaled up
     * by the ink-weighted glyph height, each block read on its own ({@link ColumnReading}).
     */
    private Scan readColumns(BufferedImage page, int rotation, double skew, int dpi, IngestOptions options) {
        ColumnSegmenter.Layout layout = segmenter().segment(page);
        double glyph = layout.glyphHeightPx();
        double scale = glyph > 0 && glyph < MIN_GLYPH_PX ? Math.min(MAX_UPSCALE, MIN_GLYPH_PX / glyph) : 1;
        BufferedImage forOcr = scale != 1 ? cv().scale(page, scale) : page;
        int ocrDpi = (int) Math.round((dpi != DPI_UNKNOWN ? dpi : estimateDpi(glyph)) * scale);
        List<Box> blocks = layout.blocks().stream().map(b -> clip(b.scale(scale), forOcr.getWidth(), forOcr.getHeight())).toList();
        List<DisplayLines.Display> displays = layout.displayLines().stream().map(d -> d.scale(scale)).toList();
        OcrResult r = ColumnReading.read(ocr, cv(), forOcr, blocks, glyph * scale, displays, options.languages(), ocrDpi);
        if (scale != 1) {
            r = rescale(r, 1 / scale, page.getWidth(), page.getHeight());
        }
        return new Scan(page, rotation, skew, r, layout.rules().stream().map(ColumnSegmenter.Rule::box).toList());
    }

    /**
     * Enough confident words on horizontal lines to trust the orientation without asking OSD. Tesseract
     * reads a page turned by 90° as vertical lines, often confidently, so line shape matters as much as
     * confidence; a page upside down gives low confidence.
     */
    static boolean looksRight(OcrResult r) {
        int n = 0;
        double sum = 0;
        int longLines = 0;
        int upright = 0;
        for (OcrBlock b : r.blocks()) {
            for (OcrLine l : b.lines()) {
                int chars = 0;
                for (OcrWord w : l.words()) {
                    n++;
                    sum += w.confidence();
                    chars += w.text().length();
                }
                if (chars >= 6) {
                    longLines++;
                    if (l.box().width() > l.box().height()) {
                        upright++;
                    }
                }
            }
        }
        return n >= 5 && sum / n >= 0.6 && upright * 2 > longLines;
    }

    private static double quality(OcrResult r) {
        double q = 0;
        for (OcrBlock b : r.blocks()) {
            for (OcrLine l : b.lines()) {
                for (OcrWord w : l.words()) {
                    q += w.confidence() * w.confidence() * w.text().length();
                }
            }
        }
        return q;
    }

    private static OcrResult rescale(OcrResult r, double f, int w, int h) {
        List<OcrBlock> blocks = new ArrayList<>();
        for (OcrBlock b : r.blocks()) {
            List<OcrLine> lines = new ArrayList<>();
            for (OcrLine l : b.lines()) {
                List<OcrWord> words = new ArrayList<>();
                for (OcrWord wd : l.words()) {
                    words.add(new OcrWord(wd.text(), clip(wd.box().scale(f), w, h), wd.confidence()));
                }
                lines.add(new OcrLine(clip(l.box().scale(f), w, h), l.confidence(), words));
            }
            blocks.add(new OcrBlock(clip(b.box().scale(f), w, h), lines));
        }
        return new OcrResult(blocks);
    }

    static Box clip(Box b, int w, int h) {
        double x0 = Math.max(0, Math.min(w, b.x0()));
        double y0 = Math.max(0, Math.min(h, b.y0()));
        return new Box(x0, y0, Math.max(x0, Math.min(w, b.x1())), Math.max(y0, Math.min(h, b.y1())));
    }
}
