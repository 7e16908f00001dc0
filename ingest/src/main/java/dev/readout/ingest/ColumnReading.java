package dev.readout.ingest;

import dev.readout.core.model.Box;
import dev.readout.core.stage.OcrEngine.OcrBlock;
import dev.readout.core.stage.OcrEngine.OcrLine;
import dev.readout.core.stage.OcrEngine.OcrResult;
import dev.readout.core.stage.OcrEngine.OcrWord;
import dev.readout.ingest.opencv.DisplayLines;
import dev.readout.ingest.opencv.OpenCvPreprocessor;
import dev.readout.ingest.tesseract.TesseractOcrEngine;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the blocks found by {@link dev.readout.ingest.opencv.ColumnSegmenter}, each as one uniform block of text
 * (Tesseract's page segmentation mode 6), with words in page coordinates.
 * <ul>
 * <li><b>Thinning probe:</b> the tops ({@value #PROBE_LINES} glyph heights) of the {@value #PROBE_BLOCKS} largest
 * blocks are read as they are and thinned (a 3×3 maximum filter on the gray image, which erodes dark ink); the page is
 * read the way that gave the higher mean word confidence. Bleeding, heavy print reads better thinned, clean print as
 * it is.</li>
 * <li><b>Noise lines:</b> lines without any letter or digit, lines whose confidence (the median of their words') is
 * below {@value #MIN_LINE_CONFIDENCE}, and lines below {@value #RELATIVE_LINE_CONFIDENCE} × the page's median line
 * confidence that hold no word of {@value #WORD_LETTERS} letters, are dropped (speckle, rules and picture edges read as
 * text). A letter-spaced heading or a masthead reads with low confidence but holds a word, and stays.</li>
 * <li><b>Stray marks:</b> a word without letters or digits at either end of a line, more than {@value #STRAY_GAP}
 * line height from its neighbour (a rule read as {@code |}), is dropped.</li>
 * <li><b>Line boxes</b> span their words left to right and, top to bottom, the median of their words' tops and
 * bottoms, so that one tall word (a capital, a misread speck) does not stretch the line.</li>
 * <li><b>Display lines</b> ({@link dev.readout.ingest.opencv.DisplayLines}: a masthead title, a heading many glyphs
 * tall) are cut out, scaled to {@value #DISPLAY_PX} px high and read as one line (Tesseract reads a 500 px blackletter
 * title as a few fragments, or not at all, and the same title scaled down correctly). A reading whose median word
 * confidence is at least {@value #DISPLAY_MIN_CONFIDENCE} and which holds a word of {@value #DISPLAY_WORD_LETTERS}
 * letters replaces the lines of the blocks whose centre lies in the display line and that are either
 * at least {@value #DISPLAY_TALL} of its height or read with confidence under {@value #DISPLAY_PIECE_CONFIDENCE}
 * (pieces of the title; the ordinary lines of a subscription box beside a title's descenders stay). The area read is
 * the display line together with those tall pieces (a capital the detection missed); the line's box spans its words
 * left to right and the display line's band top to bottom (the median of its letters' tops and bottoms, as ordinary
 * line boxes take the median of their words': capitals and descenders reach into the rows above and below, and a box
 * that overlapped them disturbed the reading order of a masthead). The line takes the first piece's place in the
 * reading, or, when no block read any piece, a block of its own before the first block below it.</li>
 * </ul>
 * The thresholds were tuned on the 10 NZZ ground-truth pages (the only newspaper ground truth available). Stateless.
 */
final class ColumnReading {
    static final int PROBE_BLOCKS = 3;
    static final double PROBE_LINES = 8;
    static final double MIN_LINE_CONFIDENCE = 0.2;
    static final double RELATIVE_LINE_CONFIDENCE = 0.5;
    static final double STRAY_GAP = 1.0;
    static final int WORD_LETTERS = 4;
    static final double DISPLAY_PX = 60;
    static final int DISPLAY_PAD = 20;
    static final double DISPLAY_MIN_CONFIDENCE = 0.5;
    static final int DISPLAY_WORD_LETTERS = 3;
    static final double DISPLAY_TALL = 0.4;
    static final double DISPLAY_PIECE_CONFIDENCE = 0.5;

    private ColumnReading() {
    }

    /**
     * @param blocks      blocks in pixels of {@code image}, in reading order
     * @param glyphPx     the text glyph height in pixels of {@code image}
     * @param displays    lines of display type in pixels of {@code image}
     */
    static OcrResult read(TesseractOcrEngine ocr, OpenCvPreprocessor cv, BufferedImage image, List<Box> blocks, double glyphPx,
                          List<DisplayLines.Display> displays, List<String> languages, int dpi) {
        if (blocks.isEmpty()) {
            return new OcrResult(List.of());
        }
        List<Box> tops = blocks.stream().sorted(Comparator.comparingDouble(Box::area).reversed()).limit(PROBE_BLOCKS)
                .map(b -> new Box(b.x0(), b.y0(), b.x1(), Math.min(b.y1(), b.y0() + PROBE_LINES * glyphPx))).toList();
        BufferedImage thinned = cv.thin(image);
        double asIs = meanConfidence(ocr.recognizeBlocks(image, languages, dpi, tops));
        double thin = meanConfidence(ocr.recognizeBlocks(thinned, languages, dpi, tops));
        BufferedImage chosen = thin > asIs ? thinned : image;
        OcrResult read = clean(ocr.recognizeBlocks(chosen, languages, dpi, blocks));
        for (DisplayLines.Display display : displays) {
            Box d = display.box();
            Box whole = d;
            for (OcrBlock b : read.blocks()) {
                for (OcrLine l : b.lines()) {
                    if (inside(l, d) && l.box().height() >= DISPLAY_TALL * d.height()) {
                        whole = whole.union(l.box());
                    }
                }
            }
            OcrLine line = readDisplay(ocr, cv, image, whole, languages);
            if (line != null) {
                double x0 = line.words().stream().mapToDouble(w -> w.box().x0()).min().orElse(whole.x0());
                double x1 = line.words().stream().mapToDouble(w -> w.box().x1()).max().orElse(whole.x1());
                Box band = new Box(x0, display.band().y0(), Math.max(x0, x1), display.band().y1());
                read = withDisplayLine(read, new OcrLine(band, line.confidence(), line.words()), d);
            }
        }
        return read;
    }

    /**
     * The display line {@code d} of {@code image} read on its own, scaled to {@value #DISPLAY_PX} px high; words in
     * pixels of {@code image}, the line's box {@code d}, its confidence the median of its words'. Null when the reading
     * is not confident text (a picture or ornament taken for letters).
     */
    static OcrLine readDisplay(TesseractOcrEngine ocr, OpenCvPreprocessor cv, BufferedImage image, Box d, List<String> languages) {
        int x = (int) Math.max(0, Math.floor(d.x0()));
        int y = (int) Math.max(0, Math.floor(d.y0()));
        int w = (int) Math.min(image.getWidth() - x, Math.ceil(d.x1()) - x);
        int h = (int) Math.min(image.getHeight() - y, Math.ceil(d.y1()) - y);
        if (w < 2 || h < 2) {
            return null;
        }
        double s = Math.min(1, DISPLAY_PX / h);
        BufferedImage crop = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = crop.createGraphics();
        g.drawImage(image.getSubimage(x, y, w, h), 0, 0, null);
        g.dispose();
        BufferedImage small = s < 1 ? cv.scale(crop, s) : crop;
        BufferedImage padded = new BufferedImage(small.getWidth() + 2 * DISPLAY_PAD, small.getHeight() + 2 * DISPLAY_PAD,
                BufferedImage.TYPE_BYTE_GRAY);
        g = padded.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, padded.getWidth(), padded.getHeight());
        g.drawImage(small, DISPLAY_PAD, DISPLAY_PAD, null);
        g.dispose();
        OcrResult r = ocr.recognizeLine(padded, languages, 300);
        List<OcrWord> words = new ArrayList<>();
        for (OcrBlock b : r.blocks()) {
            for (OcrLine l : b.lines()) {
                for (OcrWord wd : l.words()) {
                    Box wb = wd.box();
                    Box page = new Box(x + Math.max(0, wb.x0() - DISPLAY_PAD) / s, y + Math.max(0, wb.y0() - DISPLAY_PAD) / s,
                            x + Math.max(0, wb.x1() - DISPLAY_PAD) / s, y + Math.max(0, wb.y1() - DISPLAY_PAD) / s);
                    words.add(new OcrWord(wd.text(), clip(page, d), wd.confidence()));
                }
            }
        }
        if (words.isEmpty()) {
            return null;
        }
        double conf = median(words.stream().mapToDouble(OcrWord::confidence).sorted().toArray());
        boolean word = words.stream().anyMatch(wd -> wd.text().codePoints().filter(Character::isLetter).count() >= DISPLAY_WORD_LETTERS);
        return conf >= DISPLAY_MIN_CONFIDENCE && word ? new OcrLine(d, conf, words) : null;
    }

    private static boolean inside(OcrLine l, Box d) {
        Box lb = l.box();
        return d.x0() <= lb.centerX() && lb.centerX() <= d.x1() && d.y0() <= lb.centerY() && lb.centerY() <= d.y1();
    }

    private static Box clip(Box b, Box to) {
        double x0 = Math.max(to.x0(), Math.min(b.x0(), to.x1()));
        double y0 = Math.max(to.y0(), Math.min(b.y0(), to.y1()));
        return new Box(x0, y0, Math.max(x0, Math.min(b.x1(), to.x1())), Math.max(y0, Math.min(b.y1(), to.y1())));
    }

    /**
     * {@code read} with the display line in place of the pieces of it (lines centred in the detected box {@code d}) that
     * the blocks' reading found (see the class comment); blocks left without lines go, block boxes follow their lines.
     */
    static OcrResult withDisplayLine(OcrResult read, OcrLine display, Box d) {
        List<List<OcrLine>> kept = new ArrayList<>();
        int atBlock = -1;
        int atLine = -1;
        for (OcrBlock b : read.blocks()) {
            List<OcrLine> ls = new ArrayList<>();
            for (OcrLine l : b.lines()) {
                if (inside(l, d) && (l.box().height() >= DISPLAY_TALL * d.height() || l.confidence() < DISPLAY_PIECE_CONFIDENCE)) {
                    if (atBlock < 0) {
                        atBlock = kept.size();
                        atLine = ls.size();
                    }
                } else {
                    ls.add(l);
                }
            }
            kept.add(ls);
        }
        OcrLine placed = display;
        if (atBlock >= 0) {
            kept.get(atBlock).add(atLine, placed);
        } else {
            int before = kept.size();
            for (int i = 0; i < read.blocks().size(); i++) {
                Box bb = read.blocks().get(i).box();
                if (bb.y0() >= d.centerY() && Math.min(bb.x1(), d.x1()) > Math.max(bb.x0(), d.x0())) {
                    before = i;
                    break;
                }
            }
            List<OcrLine> own = new ArrayList<>();
            own.add(placed);
            kept.add(before, own);
        }
        List<OcrBlock> out = new ArrayList<>();
        for (List<OcrLine> ls : kept) {
            if (!ls.isEmpty()) {
                out.add(new OcrBlock(Box.unionOf(ls.stream().map(OcrLine::box).toList()), ls));
            }
        }
        return new OcrResult(out);
    }

    /** One block per area read, without noise lines, with robust line boxes. */
    static OcrResult clean(List<OcrResult> perBlock) {
        List<List<OcrLine>> lines = new ArrayList<>();
        List<Double> confidences = new ArrayList<>();
        for (OcrResult r : perBlock) {
            List<OcrLine> ls = new ArrayList<>();
            for (OcrBlock b : r.blocks()) {
                for (OcrLine l : b.lines()) {
                    if (l.words().stream().anyMatch(w -> w.text().codePoints().anyMatch(Character::isLetterOrDigit))) {
                        ls.add(l);
                        confidences.add(score(l));
                    }
                }
            }
            lines.add(ls);
        }
        double[] c = confidences.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double floor = c.length == 0 ? 0 : RELATIVE_LINE_CONFIDENCE * c[c.length / 2];
        List<OcrBlock> out = new ArrayList<>();
        for (List<OcrLine> ls : lines) {
            List<OcrLine> keep = new ArrayList<>();
            for (OcrLine l : ls) {
                List<OcrWord> words = withoutStrayMarks(l.words());
                double score = score(l);
                boolean noise = score < MIN_LINE_CONFIDENCE || score < floor && !hasWord(l);
                if (!noise && !words.isEmpty()) {
                    keep.add(new OcrLine(lineBox(words), l.confidence(), words));
                }
            }
            if (!keep.isEmpty()) {
                out.add(new OcrBlock(Box.unionOf(keep.stream().map(OcrLine::box).toList()), keep));
            }
        }
        return new OcrResult(out);
    }

    /** A line's confidence for the noise test: the median of its words' (one misread speck does not sink a heading). */
    static double score(OcrLine l) {
        return median(l.words().stream().mapToDouble(OcrWord::confidence).sorted().toArray());
    }

    /** Whether the line holds a word of at least {@value #WORD_LETTERS} letters (speckle read as text rarely does). */
    static boolean hasWord(OcrLine l) {
        return l.words().stream().anyMatch(w -> w.text().codePoints().filter(Character::isLetter).count() >= WORD_LETTERS);
    }

    /**
     * The words without marks at either end of the line that hold no letter or digit and stand more than
     * {@value #STRAY_GAP} line heights from their neighbour: a rule or the edge of a frame read as {@code |}, {@code ]}
     * or {@code ;}, which would otherwise stretch the line to the rule and hide where the line really ends.
     */
    static List<OcrWord> withoutStrayMarks(List<OcrWord> words) {
        List<OcrWord> ws = new ArrayList<>(words);
        double h = median(ws.stream().mapToDouble(w -> w.box().height()).sorted().toArray());
        while (ws.size() > 1 && stray(ws.get(ws.size() - 1)) && ws.get(ws.size() - 1).box().x0() - ws.get(ws.size() - 2).box().x1() > STRAY_GAP * h) {
            ws.remove(ws.size() - 1);
        }
        while (ws.size() > 1 && stray(ws.get(0)) && ws.get(1).box().x0() - ws.get(0).box().x1() > STRAY_GAP * h) {
            ws.remove(0);
        }
        return ws;
    }

    private static boolean stray(OcrWord w) {
        return w.text().codePoints().noneMatch(Character::isLetterOrDigit);
    }

    /** Left and right from the words; top and bottom the median of the words' tops and bottoms. */
    static Box lineBox(List<OcrWord> words) {
        double[] tops = words.stream().mapToDouble(w -> w.box().y0()).sorted().toArray();
        double[] bottoms = words.stream().mapToDouble(w -> w.box().y1()).sorted().toArray();
        double x0 = words.stream().mapToDouble(w -> w.box().x0()).min().orElse(0);
        double x1 = words.stream().mapToDouble(w -> w.box().x1()).max().orElse(0);
        double y0 = median(tops);
        double y1 = Math.max(y0, median(bottoms));
        return new Box(x0, y0, Math.max(x0, x1), y1);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n == 0 ? 0 : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double meanConfidence(List<OcrResult> rs) {
        double[] c = rs.stream().flatMap(r -> r.blocks().stream()).flatMap(b -> b.lines().stream())
                .flatMap(l -> l.words().stream()).mapToDouble(OcrWord::confidence).toArray();
        return c.length == 0 ? 0 : Arrays.stream(c).average().orElse(0);
    }
}
