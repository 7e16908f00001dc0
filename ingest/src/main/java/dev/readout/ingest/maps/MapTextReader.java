package dev.readout.ingest.maps;

import dev.readout.core.geometry.Polygons;
import dev.readout.ingest.image.ImageDecoder;
import dev.readout.ingest.opencv.OpenCvPreprocessor;
import dev.readout.ingest.tesseract.TesseractOcrEngine;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.RotatedRect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Reads the text labels of a map image at any rotation: the image is cut into overlapping square tiles (as
 * MapReader does), the DB detector finds rotated text rectangles in each tile, these are mapped to image pixels and
 * duplicates from overlapping tiles merged (a rectangle cut by a tile border gives way to a whole one, and two cut
 * halves of one label are joined); each rectangle is warped to a horizontal strip, read by the CTC recogniser (both
 * ways up when asked, keeping the more confident reading), and the labels grouped into phrases.
 *
 * <p>Thread-safe: holds no per-image state; borrows the {@link PpOcrModel} (the caller closes it); owns the
 * Tesseract engine when that reads the strips ({@link #close()} frees it).
 */
public final class MapTextReader implements AutoCloseable {
    private static final double BORDER_PX = 3;
    /** Reading both ways up, the turned reading wins only when its score is higher by this much. */
    static final double FLIP_MARGIN = 0.1;

    private final DbTextDetector detector;
    private final CtcTextRecognizer recognizer;
    private final TesseractOcrEngine tesseract;
    private final StripReader strips;
    private final MapOptions options;
    private final boolean slashSplitsWords;

    public MapTextReader(PpOcrModel model, MapOptions options) {
        this(model, options, true);
    }

    /**
     * @param slashSplitsWords whether a slash separates words, as on map labels ({@code Ober/Unter}); documents keep
     *                         it inside a word ({@code 25/01/2018}, {@code S/B})
     */
    public MapTextReader(PpOcrModel model, MapOptions options, boolean slashSplitsWords) {
        this.slashSplitsWords = slashSplitsWords;
        this.detector = new DbTextDetector(model);
        this.recognizer = new CtcTextRecognizer(model, true);
        this.options = options;
        if (options.reader() == MapOptions.Reader.TESSERACT) {
            this.tesseract = TesseractOcrEngine.systemDefault();
            tesseract.checkAvailable(java.util.List.of("eng"));
            this.strips = new TesseractStripReader(tesseract);
        } else {
            this.tesseract = null;
            this.strips = recognizer;
        }
    }

    @Override
    public void close() {
        if (tesseract != null) {
            tesseract.close();
        }
    }

    public MapOptions options() {
        return options;
    }

    /** A detected rectangle in image pixels: centre, reading direction (unit vector), length, height. */
    record Candidate(double cx, double cy, double vx, double vy, double length, double height, double score, boolean cut) {
        /** Corners tl, tr, br, bl as the text reads (with y down, "down" is the normal (-vy, vx)). */
        double[] polygon() {
            double nx = -vy;
            double ny = vx;
            double l = length / 2;
            double h = height / 2;
            return new double[] {
                cx - vx * l - nx * h, cy - vy * l - ny * h,
                cx + vx * l - nx * h, cy + vy * l - ny * h,
                cx + vx * l + nx * h, cy + vy * l + ny * h,
                cx - vx * l + nx * h, cy - vy * l + ny * h};
        }

        double area() {
            return length * height;
        }

        Candidate turned() {
            return new Candidate(cx, cy, -vx, -vy, length, height, score, cut);
        }

        static Candidate of(RotatedRect r, double dx, double dy, double score, boolean cut) {
            Point[] p = new Point[4];
            r.points(p);
            double ax = p[1].x - p[0].x;
            double ay = p[1].y - p[0].y;
            double bx = p[2].x - p[1].x;
            double by = p[2].y - p[1].y;
            double la = Math.hypot(ax, ay);
            double lb = Math.hypot(bx, by);
            double vx = la >= lb ? ax : bx;
            double vy = la >= lb ? ay : by;
            double len = Math.max(la, lb);
            double n = Math.max(1e-9, len);
            vx /= n;
            vy /= n;
            // read left to right on the page; a vertical label reads upwards (the commoner way on maps)
            if (vx < -1e-6 || (Math.abs(vx) <= 1e-6 && vy > 0)) {
                vx = -vx;
                vy = -vy;
            }
            return new Candidate(r.center.x + dx, r.center.y + dy, vx, vy, len, Math.min(la, lb), score, cut);
        }
    }

    /** Reads the labels of an image (converted to 8-bit gray first when it is not). */
    public MapText read(BufferedImage input) {
        long t0 = System.nanoTime();
        OpenCvPreprocessor.load();
        BufferedImage gray = input.getType() == BufferedImage.TYPE_BYTE_GRAY ? input : ImageDecoder.toGray(input);
        Mat image = OpenCvPreprocessor.toMat(gray);
        try {
            List<int[]> tiles = tiles(image.cols(), image.rows());
            List<Candidate> found = new ArrayList<>();
            for (int[] t : tiles) {
                found.addAll(detectTile(image, t));
            }
            List<Candidate> merged = merge(found);
            List<MapLabel> labels = recognise(image, merged);
            labels = sorted(labels);
            PhraseGrouper.Result g = new PhraseGrouper().group(labels);
            return new MapText(image.cols(), image.rows(), g.labels(), g.phrases(), tiles.size(), (System.nanoTime() - t0) / 1e9);
        } finally {
            image.release();
        }
    }

    /** Tile rectangles {x, y, w, h}: a grid of {@code tileSizePx} squares stepping by size − overlap, the last flush with the edge. */
    List<int[]> tiles(int width, int height) {
        List<int[]> out = new ArrayList<>();
        for (int y : starts(height)) {
            for (int x : starts(width)) {
                out.add(new int[] {x, y, Math.min(options.tileSizePx(), width - x), Math.min(options.tileSizePx(), height - y)});
            }
        }
        return out;
    }

    private List<Integer> starts(int extent) {
        int size = options.tileSizePx();
        List<Integer> s = new ArrayList<>();
        if (extent <= size) {
            s.add(0);
            return s;
        }
        int step = size - options.overlapPx();
        for (int p = 0; ; p += step) {
            if (p + size >= extent) {
                s.add(extent - size);
                break;
            }
            s.add(p);
        }
        return s;
    }

    private List<Candidate> detectTile(Mat image, int[] t) {
        Mat tile = image.submat(new Rect(t[0], t[1], t[2], t[3]));
        try {
            List<Candidate> out = new ArrayList<>();
            for (DbTextDetector.Detection d : detector.detect(tile, options.detectionScale(), options)) {
                Candidate c = Candidate.of(d.rect(), t[0], t[1], d.score(), false);
                out.add(new Candidate(c.cx, c.cy, c.vx, c.vy, c.length, c.height, c.score, cut(c, t, image.cols(), image.rows())));
            }
            return out;
        } finally {
            tile.release();
        }
    }

    /** Whether the rectangle touches a tile border that is not an image border (so the label may go on beyond it). */
    private static boolean cut(Candidate c, int[] t, int width, int height) {
        var b = Polygons.bounds(c.polygon());
        return (t[0] > 0 && b.x0() < t[0] + BORDER_PX) || (t[1] > 0 && b.y0() < t[1] + BORDER_PX)
                || (t[0] + t[2] < width && b.x1() > t[0] + t[2] - BORDER_PX)
                || (t[1] + t[3] < height && b.y1() > t[1] + t[3] - BORDER_PX);
    }

    /**
     * Merges detections of overlapping tiles: whole rectangles before cut ones, larger before smaller; a rectangle
     * mostly inside a kept one, or overlapping it with IoU over 0.3, is a duplicate; two cut rectangles of the same
     * direction that overlap are halves of one label and are joined into their minimum-area rectangle.
     */
    static List<Candidate> merge(List<Candidate> found) {
        List<Candidate> order = new ArrayList<>(found);
        order.sort(Comparator.comparing(Candidate::cut).thenComparing(Comparator.comparingDouble(Candidate::area).reversed()));
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : order) {
            double[] pc = c.polygon();
            boolean drop = false;
            for (int i = 0; i < kept.size() && !drop; i++) {
                Candidate k = kept.get(i);
                double[] pk = k.polygon();
                double inter = Polygons.intersectionArea(pc, pk);
                if (inter <= 0) {
                    continue;
                }
                if (c.cut && k.cut && sameDirection(c, k) && inter > 0.05 * Math.min(c.area(), k.area())) {
                    kept.set(i, join(k, c));
                    drop = true;
                } else if (inter > 0.6 * c.area() || inter / (c.area() + k.area() - inter) > 0.3) {
                    drop = true;
                }
            }
            if (!drop) {
                kept.add(c);
            }
        }
        return kept;
    }

    private static boolean sameDirection(Candidate a, Candidate b) {
        return Math.abs(a.vx * b.vx + a.vy * b.vy) > Math.cos(Math.toRadians(12));
    }

    private static Candidate join(Candidate a, Candidate b) {
        double[] pa = a.polygon();
        double[] pb = b.polygon();
        Point[] pts = new Point[8];
        for (int i = 0; i < 4; i++) {
            pts[i] = new Point(pa[2 * i], pa[2 * i + 1]);
            pts[4 + i] = new Point(pb[2 * i], pb[2 * i + 1]);
        }
        MatOfPoint2f m = new MatOfPoint2f(pts);
        try {
            RotatedRect r = Imgproc.minAreaRect(m);
            Candidate j = Candidate.of(r, 0, 0, Math.max(a.score, b.score), a.cut && b.cut);
            return j;
        } finally {
            m.release();
        }
    }

    private List<MapLabel> recognise(Mat image, List<Candidate> cands) {
        List<BufferedImage> strips = new ArrayList<>();
        for (Candidate c : cands) {
            strips.add(strip(image, c.polygon()));
        }
        StripReader reader = this.strips;
        List<CtcTextRecognizer.Reading> up = reader.read(strips);
        List<CtcTextRecognizer.Reading> down = null;
        double[] turn = null;
        switch (options.upsideDown()) {
            case BOTH -> down = reader.read(strips.stream().map(MapTextReader::rotate180).toList());
            case CLASSIFIER -> {
                turn = recognizer.upsideDown(strips);
                List<BufferedImage> turned = new ArrayList<>();
                List<Integer> which = new ArrayList<>();
                for (int i = 0; i < strips.size(); i++) {
                    if (turn[i] > 0.9) {
                        turned.add(rotate180(strips.get(i)));
                        which.add(i);
                    }
                }
                List<CtcTextRecognizer.Reading> r = reader.read(turned);
                down = new ArrayList<>(java.util.Collections.nCopies(strips.size(), CtcTextRecognizer.Reading.none()));
                for (int k = 0; k < which.size(); k++) {
                    down.set(which.get(k), r.get(k));
                }
            }
            default -> { }
        }
        List<MapLabel> out = new ArrayList<>();
        for (int i = 0; i < cands.size(); i++) {
            Candidate c = cands.get(i);
            CtcTextRecognizer.Reading r = up.get(i);
            if (down != null && (turn != null ? down.get(i).score() >= 0 : down.get(i).score() > r.score() + FLIP_MARGIN)) {
                r = down.get(i);
                c = c.turned();
            }
            if (!readable(r.text()) || r.score() < options.minScore()) {
                continue;
            }
            double angle = Math.toDegrees(Math.atan2(-c.vy, c.vx));
            for (WordSplitter.Word w : WordSplitter.split(r.glyphs(), c.length, slashSplitsWords)) {
                // a sign between words of a readable strip ("1851-A & 1851-B") is text; a strip of signs alone is not
                if (readable(w.text()) || !w.text().isBlank() && w.score() >= options.minScore()) {
                    out.add(new MapLabel("", slice(c.polygon(), w.fromPx() / c.length, w.toPx() / c.length), w.text(), w.score(),
                            c.score, angle, ""));
                }
            }
        }
        return out;
    }

    /** The part of a rectangle (tl, tr, br, bl) between fractions {@code a} and {@code b} of its length. */
    static double[] slice(double[] q, double a, double b) {
        a = Math.max(0, Math.min(1, a));
        b = Math.max(a, Math.min(1, b));
        return new double[] {
            q[0] + (q[2] - q[0]) * a, q[1] + (q[3] - q[1]) * a,
            q[0] + (q[2] - q[0]) * b, q[1] + (q[3] - q[1]) * b,
            q[6] + (q[4] - q[6]) * b, q[7] + (q[5] - q[7]) * b,
            q[6] + (q[4] - q[6]) * a, q[7] + (q[5] - q[7]) * a};
    }

    /** At least one letter or digit. */
    private static boolean readable(String s) {
        return s.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    /** The text under {@code polygon} (tl, tr, br, bl) warped to an upright strip of its length × height. */
    static BufferedImage strip(Mat image, double[] q) {
        int w = Math.max(1, (int) Math.round(Math.hypot(q[2] - q[0], q[3] - q[1])));
        int h = Math.max(1, (int) Math.round(Math.hypot(q[6] - q[0], q[7] - q[1])));
        MatOfPoint2f src = new MatOfPoint2f(new Point(q[0], q[1]), new Point(q[2], q[3]), new Point(q[4], q[5]), new Point(q[6], q[7]));
        MatOfPoint2f dst = new MatOfPoint2f(new Point(0, 0), new Point(w, 0), new Point(w, h), new Point(0, h));
        Mat m = Imgproc.getPerspectiveTransform(src, dst);
        Mat out = new Mat();
        try {
            Imgproc.warpPerspective(image, out, m, new Size(w, h), Imgproc.INTER_CUBIC, Core.BORDER_REPLICATE);
            return OpenCvPreprocessor.toImage(out);
        } finally {
            src.release();
            dst.release();
            m.release();
            out.release();
        }
    }

    static BufferedImage rotate180(BufferedImage s) {
        int w = s.getWidth();
        int h = s.getHeight();
        BufferedImage r = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] a = ((java.awt.image.DataBufferByte) s.getRaster().getDataBuffer()).getData();
        byte[] b = ((java.awt.image.DataBufferByte) r.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < a.length; i++) {
            b[a.length - 1 - i] = a[i];
        }
        return r;
    }

    private static List<MapLabel> sorted(List<MapLabel> labels) {
        List<MapLabel> l = new ArrayList<>(labels);
        l.sort(Comparator.comparingDouble((MapLabel m) -> Math.round(m.box().centerY() / 8.0)).thenComparingDouble(m -> m.box().centerX()));
        return l;
    }
}
