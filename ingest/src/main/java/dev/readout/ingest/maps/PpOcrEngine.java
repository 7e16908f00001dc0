package dev.readout.ingest.maps;

import dev.readout.core.model.Box;
import dev.readout.core.stage.OcrEngine;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PaddleOCR's PP-OCRv4 as an {@link OcrEngine} of the document pipeline ({@code --ocr-engine ppocr}, API
 * {@code ocrEngine=ppocr}): the page image is one detection window (long side at most
 * {@value #MAX_DETECTION_SIDE_PX} px, upright text, a slash kept inside a word), its phrases become lines,
 * ordered top to bottom and, on one row, left to right, all in one block (the pipeline splits it into paragraphs and
 * orders it). The model ({@code models/ppocr-v4}) is loaded on the first page and shared by all threads; languages are
 * ignored (one Latin + Chinese recogniser). Thread-safe; {@link #close()} releases the model.
 *
 * <p>Why: Tesseract reads faint thermal and dot-matrix print on small receipt photos poorly (whole lines lost or
 * garbled), where PP-OCRv4, trained on photographed text, reads it. The recogniser's Chinese + Latin dictionary
 * confuses {@code O} and {@code 0} more often than Tesseract does.
 */
public final class PpOcrEngine implements OcrEngine, AutoCloseable {
    static final int MAX_DETECTION_SIDE_PX = 2048;
    /** Words read with a lower recognition score are dropped (the map default is 0.7; receipt fields are worth more). */
    static final double MIN_SCORE = 0.5;
    private final int threads;
    private volatile PpOcrModel model;

    /** @param threads ONNX Runtime threads per inference */
    public PpOcrEngine(int threads) {
        this.threads = Math.max(1, threads);
    }

    @Override
    public String name() {
        return MapOutputs.SOURCE;
    }

    /** Loads the model now, or fails with an EngineUnavailableException naming the missing piece. */
    @Override
    public void checkAvailable(List<String> languages) {
        model();
    }

    private PpOcrModel model() {
        PpOcrModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    model = PpOcrModel.discover(threads);
                }
                m = model;
            }
        }
        return m;
    }

    @Override
    public OcrResult recognize(BufferedImage gray, List<String> languages, int dpi) {
        MapText t;
        try (MapTextReader reader = new MapTextReader(model(), options(gray.getWidth(), gray.getHeight(), threads), false)) {
            t = reader.read(gray);
        }
        return toOcr(t);
    }

    /** Options for one image of {@code widthPx} × {@code heightPx}: a single window, upright text. */
    static MapOptions options(int widthPx, int heightPx, int threads) {
        int side = Math.max(widthPx, heightPx);
        double scale = Math.min(1.0, MAX_DETECTION_SIDE_PX / (double) side);
        MapOptions d = MapOptions.DEFAULT;
        return new MapOptions(Math.max(64, side), 0, scale, d.binaryThreshold(), d.boxThreshold(), d.unclipRatio(),
                MapOptions.UpsideDown.NONE, MapOptions.Reader.PPOCR, MIN_SCORE, threads);
    }

    /** Phrases as lines (top to bottom, a row left to right), their labels as words, in one block. */
    static OcrResult toOcr(MapText t) {
        Map<String, MapLabel> byId = new HashMap<>();
        t.labels().forEach(l -> byId.put(l.id(), l));
        List<OcrLine> lines = new ArrayList<>();
        for (MapPhrase p : t.phrases()) {
            List<OcrWord> words = new ArrayList<>();
            for (String id : p.labelIds()) {
                MapLabel l = byId.get(id);
                Box b = clamp(l.box(), t.widthPx(), t.heightPx());
                words.add(new OcrWord(l.text(), b, Math.max(0, Math.min(1, l.score()))));
            }
            if (words.isEmpty()) {
                continue;
            }
            words.sort(Comparator.comparingDouble(w -> w.box().x0()));
            double conf = words.stream().mapToDouble(OcrWord::confidence).min().orElse(0);
            lines.add(new OcrLine(Box.unionOf(words.stream().map(OcrWord::box).toList()), conf, words));
        }
        if (lines.isEmpty()) {
            return new OcrResult(List.of());
        }
        List<Box> boxes = lines.stream().map(OcrLine::box).toList();
        List<OcrLine> sorted = lines.stream().sorted(Comparator.comparingDouble((OcrLine l) -> rowKey(l.box(), boxes))
                .thenComparingDouble(l -> l.box().x0())).toList();
        return new OcrResult(List.of(new OcrBlock(Box.unionOf(boxes), sorted)));
    }

    /** The top of the highest line that shares a row with {@code b} (overlapping it vertically by half the smaller height). */
    static double rowKey(Box b, List<Box> all) {
        double key = b.y0();
        for (Box o : all) {
            double ov = Math.min(b.y1(), o.y1()) - Math.max(b.y0(), o.y0());
            if (ov >= 0.5 * Math.min(b.height(), o.height())) {
                key = Math.min(key, o.y0());
            }
        }
        return key;
    }

    private static Box clamp(Box b, int w, int h) {
        double x0 = Math.max(0, Math.min(w, b.x0()));
        double y0 = Math.max(0, Math.min(h, b.y0()));
        return new Box(x0, y0, Math.max(x0, Math.min(w, b.x1())), Math.max(y0, Math.min(h, b.y1())));
    }

    @Override
    public void close() {
        PpOcrModel m = model;
        if (m != null) {
            m.close();
        }
    }
}
