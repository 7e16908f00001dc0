package dev.readout.ingest;

import dev.readout.core.geometry.LineGrouper;
import dev.readout.core.geometry.Paragraphs;
import dev.readout.core.model.Box;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.Region;
import dev.readout.core.model.TextSource;
import dev.readout.core.model.Word;
import dev.readout.core.stage.OcrEngine.OcrBlock;
import dev.readout.core.stage.OcrEngine.OcrLine;
import dev.readout.core.stage.OcrEngine.OcrResult;
import dev.readout.core.stage.OcrEngine.OcrWord;
import dev.readout.core.stage.Segmentation;
import dev.readout.ingest.tesseract.TesseractOcrEngine;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link Page} records with stable ids ({@code p1-w1}, {@code p1-l1}, {@code p1-r1}) from engine output. */
public final class PageBuilder {
    static final String LINE_SOURCE = "readout-lines";
    /** The source of separator regions: rules found by {@link dev.readout.ingest.opencv.ColumnSegmenter}. */
    static final String SEPARATOR_SOURCE = "readout-columns";
    private static final LineGrouper LINES = new LineGrouper(1.0);

    private PageBuilder() {
    }

    /**
     * A page from the OCR path: the corrected image's size, rotation and skew, and the OCR output; the printed rules
     * found, if any, become regions of type {@code separator} after the text regions. With {@link Segmentation#COLUMNS}
     * the text regions are regrouped by the learned region model ({@link RegionBreaks}).
     */
    public static Page fromScan(int number, int dpi, ScanProcessor.Scan s, String engine, Segmentation segmentation) {
        Page p = fromOcr(number, s.image().getWidth(), s.image().getHeight(), dpi, s.rotation(), s.skew(), s.ocr(), engine);
        if (!s.separators().isEmpty()) {
            List<Region> regions = new ArrayList<>(p.regions());
            for (Box b : s.separators()) {
                regions.add(new Region("p" + number + "-r" + (regions.size() + 1), Region.SEPARATOR, b, List.of(), 1.0, SEPARATOR_SOURCE));
            }
            p = p.withRegions(regions);
        }
        // after the separators: the region model reads the printed rules between lines (RegionBreaks.ruleBetween)
        return segmentation == Segmentation.COLUMNS ? RegionBreaks.shared().refine(p) : p;
    }

    /**
     * A page from OCR output: its lines become lines; each of the engine's blocks is split into paragraphs
     * ({@link Paragraphs}), which become the regions (text blocks in ALTO, PAGE-XML and hOCR). Fill lines read as
     * underscores and box sides read as bars are taken out of the words first ({@link RuleMarks}); a line of nothing else is
     * dropped.
     */
    public static Page fromOcr(int number, int width, int height, int dpi, int rotation, double skew, OcrResult ocr, String engine) {
        List<Word> words = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        List<Region> regions = new ArrayList<>();
        for (OcrBlock block : ocr.blocks()) {
            List<OcrLine> kept = new ArrayList<>();
            for (OcrLine l : block.lines()) {
                OcrLine c = RuleMarks.clean(l);
                if (c != null) {
                    kept.add(c);
                }
            }
            if (kept.isEmpty()) {
                continue;
            }
            OcrBlock b = new OcrBlock(block.box(), kept);
            List<String> lineIds = new ArrayList<>();
            for (OcrLine l : kept) {
                List<String> wordIds = new ArrayList<>();
                List<Box> boxes = engine.startsWith(TesseractOcrEngine.NAME_PREFIX) ? paddedBoxes(l.words()) : l.words().stream().map(OcrWord::box).toList();
                for (int i = 0; i < l.words().size(); i++) {
                    OcrWord w = l.words().get(i);
                    String id = "p" + number + "-w" + (words.size() + 1);
                    words.add(new Word(id, w.text(), boxes.get(i), w.confidence(), engine));
                    wordIds.add(id);
                }
                String lid = "p" + number + "-l" + (lines.size() + 1);
                lines.add(new Line(lid, l.box(), wordIds, l.confidence(), engine));
                lineIds.add(lid);
            }
            for (List<Integer> para : Paragraphs.split(b.lines().stream().map(OcrLine::box).toList())) {
                List<String> ids = para.stream().map(lineIds::get).toList();
                double conf = para.stream().mapToDouble(i -> b.lines().get(i).confidence()).average().orElse(0);
                Box box = Box.unionOf(para.stream().map(i -> b.lines().get(i).box()).toList());
                regions.add(new Region("p" + number + "-r" + (regions.size() + 1), Region.TEXT, box, ids, conf, engine));
            }
        }
        TextSource src = words.isEmpty() ? TextSource.NONE : TextSource.OCR;
        return new Page(number, width, height, dpi, src, rotation, skew, words, lines, regions);
    }

    /** Horizontal padding of an OCR word's box, in line heights (at most half the gap to its neighbour). */
    static final double WORD_PAD = 0.1;

    /**
     * The boxes of one OCR line's words (left to right), widened as a text layer's advance widths are: each is padded
     * by {@value #WORD_PAD} of the line's height (top of its highest word to the foot of its lowest) on either side,
     * never beyond half the gap to its neighbour; top and foot stay as read. OCR engines box each word's ink tightly,
     * from its first stroke to its last, unlike a PDF's text layer and the word boxes of annotated forms such as
     * FUNSD, on which the layout model is trained and from whose gaps its segment boxes are grouped. Chosen on the
     * FUNSD training forms, over boxes that also span the line's height (docs/benchmarks.md, 2026-12-06). Tesseract's
     * words only: PP-OCR's are cut from the recogniser's character positions, and padding them lowered FUNSD entity
     * F1 from 0.4795 to 0.4632.
     */
    static List<Box> paddedBoxes(List<OcrWord> ws) {
        List<Box> out = new ArrayList<>(ws.size());
        if (ws.isEmpty()) {
            return out;
        }
        double lineTop = ws.stream().mapToDouble(w -> w.box().y0()).min().orElse(0);
        double lineFoot = ws.stream().mapToDouble(w -> w.box().y1()).max().orElse(0);
        double pad = WORD_PAD * (lineFoot - lineTop);
        for (int i = 0; i < ws.size(); i++) {
            Box b = ws.get(i).box();
            double left = pad;
            double right = pad;
            if (i > 0) {
                left = Math.max(0, Math.min(pad, (b.x0() - ws.get(i - 1).box().x1()) / 2));
            }
            if (i + 1 < ws.size()) {
                right = Math.max(0, Math.min(pad, (ws.get(i + 1).box().x0() - b.x1()) / 2));
            }
            out.add(new Box(Math.max(0, b.x0() - left), b.y0(), b.x1() + right, b.y1()));
        }
        return out;
    }

    /** A page from text-layer words (pixel boxes, in content order): lines are grouped geometrically. */
    public static Page fromTextLayer(int number, int width, int height, int dpi, List<String> texts, List<Box> boxes, String engine) {
        List<List<Integer>> groups = LINES.group(boxes);
        List<Word> words = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        for (List<Integer> g : groups) {
            List<String> ids = new ArrayList<>();
            List<Box> lb = new ArrayList<>();
            for (int i : g) {
                String id = "p" + number + "-w" + (words.size() + 1);
                words.add(new Word(id, texts.get(i), boxes.get(i), 1.0, engine));
                ids.add(id);
                lb.add(boxes.get(i));
            }
            lines.add(new Line("p" + number + "-l" + (lines.size() + 1), Box.unionOf(lb), ids, 1.0, LINE_SOURCE));
        }
        TextSource src = words.isEmpty() ? TextSource.NONE : TextSource.TEXT_LAYER;
        return new Page(number, width, height, dpi, src, 0, 0, words, lines, List.of());
    }
}
