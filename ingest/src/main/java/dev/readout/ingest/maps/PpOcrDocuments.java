package dev.readout.ingest.maps;

import dev.readout.core.model.Document;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.stage.Limits;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * Document images (receipts, photographed slips) read by PaddleOCR's PP-OCRv4 detector and recogniser instead of
 * Tesseract: the whole image is one detection window, scaled so that its long side is at most
 * {@value #MAX_DETECTION_SIDE_PX} px, text is read upright only, and the phrases become the page's lines, ordered
 * top to bottom (then left to right) as the reading order. Boxes are in pixels of the image as stored.
 *
 * <p>Why: Tesseract reads faint thermal and dot-matrix print on small receipt photos poorly (whole lines lost or
 * garbled), where PP-OCRv4, trained on photographed text, reads it. The recogniser's Chinese + Latin dictionary
 * confuses {@code O} and {@code 0} more often than Tesseract does. Owns nothing: the model and reader are the caller's.
 */
public final class PpOcrDocuments {
    static final int MAX_DETECTION_SIDE_PX = 2048;
    /** Words read with a lower recognition score are dropped (the map default is 0.7; receipt fields are worth more). */
    static final double MIN_SCORE = 0.5;

    private PpOcrDocuments() {
    }

    /** Options for one image of {@code widthPx} × {@code heightPx}: a single window, upright text. */
    public static MapOptions options(int widthPx, int heightPx, int threads) {
        int side = Math.max(widthPx, heightPx);
        double scale = Math.min(1.0, MAX_DETECTION_SIDE_PX / (double) side);
        MapOptions d = MapOptions.DEFAULT;
        return new MapOptions(Math.max(64, side), 0, scale, d.binaryThreshold(), d.boxThreshold(), d.unclipRatio(),
                MapOptions.UpsideDown.NONE, MapOptions.Reader.PPOCR, MIN_SCORE, threads);
    }

    /** Reads one image file (its first page) into a one-page document. */
    public static Document read(Path file, Limits limits, PpOcrModel model, int threads) {
        int[] size = MapImages.headerSize(file, limits);
        if (size == null) {
            throw new dev.readout.core.error.UnsupportedFormatException("the PP-OCR engine reads images, not PDF");
        }
        try (MapTextReader reader = new MapTextReader(model, options(size[0], size[1], threads), false)) {
            MapImages.Read r = MapImages.read(file, file.getFileName().toString(), limits, reader);
            return inReadingOrder(MapOutputs.toDocument(r.text(), r.source(), r.dpi() > 0 ? r.dpi() : 300));
        }
    }

    /** The document with its lines ordered top to bottom, lines on one row left to right. */
    static Document inReadingOrder(Document d) {
        Page p = d.pages().get(0);
        List<Line> sorted = p.lines().stream().sorted(Comparator.comparingDouble((Line l) -> rowKey(l, p.lines()))
                .thenComparingDouble(l -> l.box().x0())).toList();
        Page q = new Page(p.number(), p.width(), p.height(), p.dpi(), p.textSource(), p.rotation(), p.skew(), p.words(),
                sorted, p.regions(), sorted.stream().map(Line::id).toList(), "top-to-bottom", p.entities(), p.relations());
        return new Document(d.schemaVersion(), d.source(), d.status(), List.of(q), d.formFields(), d.errors());
    }

    /** The top of the highest line that shares a row with {@code l} (lines overlapping vertically by half). */
    private static double rowKey(Line l, List<Line> all) {
        double key = l.box().y0();
        for (Line o : all) {
            double ov = Math.min(l.box().y1(), o.box().y1()) - Math.max(l.box().y0(), o.box().y0());
            if (ov >= 0.5 * Math.min(l.box().height(), o.box().height())) {
                key = Math.min(key, o.box().y0());
            }
        }
        return key;
    }
}
