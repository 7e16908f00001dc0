package dev.readout.ingest;

import dev.readout.core.model.Box;
import dev.readout.core.stage.OcrEngine.OcrBlock;
import dev.readout.core.stage.OcrEngine.OcrLine;
import dev.readout.core.stage.OcrEngine.OcrResult;
import dev.readout.core.stage.OcrEngine.OcrWord;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Text that the OCR's page layout analysis left unread. Tesseract's automatic page segmentation sometimes takes a
 * block of dense, bold or dark print for a picture and returns nothing for it (seen on an 1875 newspaper page: a
 * whole column end, perfectly legible, read as one uniform block of text). This finds such areas — ink not covered by
 * any word the OCR returned — so that they can be read again as blocks, and keeps only what that second reading is
 * confident about and did not already have.
 *
 * <p>Areas: the page is cut into {@value #CELL} px cells; a cell is inky when more than {@value #INK_FRACTION} of its
 * pixels are darker than min(128, mean − 0.5 σ + 40) of the page; cells within one cell of a word's box are covered;
 * 4-connected groups of at least {@value #MIN_CELLS} inky uncovered cells give the areas (their bounding boxes).
 * Words read there are kept when their confidence is at least {@value #MIN_CONFIDENCE} and at most
 * {@value #MAX_OVERLAP} of their box lies on a word already read, in lines that keep at least {@value #MIN_LINE_WORDS}
 * words and blocks that keep at least {@value #MIN_BLOCK_LINES} lines or {@value #MIN_BLOCK_WORDS} words: missed
 * paragraphs and lines come back, scattered specks read as letters do not. Stateless.
 */
public final class MissedText {
    static final int CELL = 24;
    static final double INK_FRACTION = 0.05;
    static final int MIN_CELLS = 12;
    static final double MIN_CONFIDENCE = 0.70;
    static final double MAX_OVERLAP = 0.2;
    static final int MIN_LINE_WORDS = 2;
    static final int MIN_BLOCK_LINES = 2;
    static final int MIN_BLOCK_WORDS = 4;

    private MissedText() {
    }

    /** Areas of ink (pixels of {@code gray}) that no word of {@code read} covers, largest first. */
    public static List<Box> unreadAreas(BufferedImage gray, OcrResult read) {
        int w = gray.getWidth();
        int h = gray.getHeight();
        int gw = w / CELL;
        int gh = h / CELL;
        List<Box> out = new ArrayList<>();
        if (gw == 0 || gh == 0) {
            return out;
        }
        Raster r = gray.getRaster();
        int[] row = new int[w];
        double sum = 0;
        double sq = 0;
        for (int y = 0; y < h; y++) {
            r.getSamples(0, y, w, 1, 0, row);
            for (int v : row) {
                sum += v;
                sq += (double) v * v;
            }
        }
        double n = (double) w * h;
        double mean = sum / n;
        double sd = Math.sqrt(Math.max(0, sq / n - mean * mean));
        double threshold = Math.min(128, mean - 0.5 * sd + 40);
        int[][] dark = new int[gh][gw];
        for (int y = 0; y < gh * CELL; y++) {
            r.getSamples(0, y, gw * CELL, 1, 0, row);
            for (int x = 0; x < gw * CELL; x++) {
                if (row[x] < threshold) {
                    dark[y / CELL][x / CELL]++;
                }
            }
        }
        boolean[][] covered = new boolean[gh][gw];
        for (Box bx : wordBoxes(read)) {
            for (int cy = Math.max(0, (int) bx.y0() / CELL - 1); cy <= Math.min(gh - 1, (int) bx.y1() / CELL + 1); cy++) {
                for (int cx = Math.max(0, (int) bx.x0() / CELL - 1); cx <= Math.min(gw - 1, (int) bx.x1() / CELL + 1); cx++) {
                    covered[cy][cx] = true;
                }
            }
        }
        double minDark = INK_FRACTION * CELL * CELL;
        boolean[][] seen = new boolean[gh][gw];
        ArrayDeque<int[]> stack = new ArrayDeque<>();
        for (int y = 0; y < gh; y++) {
            for (int x = 0; x < gw; x++) {
                if (seen[y][x] || covered[y][x] || dark[y][x] <= minDark) {
                    continue;
                }
                int cells = 0;
                int x0 = x;
                int x1 = x;
                int y0 = y;
                int y1 = y;
                seen[y][x] = true;
                stack.push(new int[] {y, x});
                while (!stack.isEmpty()) {
                    int[] c = stack.pop();
                    cells++;
                    x0 = Math.min(x0, c[1]);
                    x1 = Math.max(x1, c[1]);
                    y0 = Math.min(y0, c[0]);
                    y1 = Math.max(y1, c[0]);
                    int[][] next = {{c[0] + 1, c[1]}, {c[0] - 1, c[1]}, {c[0], c[1] + 1}, {c[0], c[1] - 1}};
                    for (int[] q : next) {
                        if (q[0] >= 0 && q[0] < gh && q[1] >= 0 && q[1] < gw && !seen[q[0]][q[1]] && !covered[q[0]][q[1]]
                                && dark[q[0]][q[1]] > minDark) {
                            seen[q[0]][q[1]] = true;
                            stack.push(q);
                        }
                    }
                }
                if (cells >= MIN_CELLS) {
                    out.add(new Box(x0 * CELL, y0 * CELL, (x1 + 1) * CELL, (y1 + 1) * CELL));
                }
            }
        }
        out.sort((a, b) -> Double.compare(b.width() * b.height(), a.width() * a.height()));
        return out;
    }

    /**
     * {@code read} with the confident words of {@code reread} (the areas read again) that it does not already have,
     * as extra blocks after its own; lines and blocks left too small are dropped.
     */
    public static OcrResult merge(OcrResult read, List<OcrResult> reread) {
        List<Box> have = wordBoxes(read);
        List<OcrBlock> blocks = new ArrayList<>(read.blocks());
        for (OcrResult r : reread) {
            for (OcrBlock b : r.blocks()) {
                List<OcrLine> lines = new ArrayList<>();
                for (OcrLine l : b.lines()) {
                    List<OcrWord> keep = new ArrayList<>();
                    for (OcrWord wd : l.words()) {
                        if (wd.confidence() >= MIN_CONFIDENCE && !overlapsAny(wd.box(), have)) {
                            keep.add(wd);
                        }
                    }
                    if (keep.size() >= MIN_LINE_WORDS) {
                        lines.add(new OcrLine(Box.unionOf(keep.stream().map(OcrWord::box).toList()), l.confidence(), keep));
                    }
                }
                if (lines.size() >= MIN_BLOCK_LINES || lines.stream().mapToInt(l -> l.words().size()).sum() >= MIN_BLOCK_WORDS) {
                    blocks.add(new OcrBlock(Box.unionOf(lines.stream().map(OcrLine::box).toList()), lines));
                }
            }
        }
        return new OcrResult(blocks);
    }

    private static List<Box> wordBoxes(OcrResult r) {
        return r.blocks().stream().flatMap(b -> b.lines().stream()).flatMap(l -> l.words().stream()).map(OcrWord::box).toList();
    }

    private static boolean overlapsAny(Box b, List<Box> have) {
        double limit = MAX_OVERLAP * Math.max(1e-9, b.area());
        return have.stream().anyMatch(o -> b.intersectionArea(o) > limit);
    }
}
