package dev.readout.ingest.opencv;

import dev.readout.core.error.EngineUnavailableException;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Page clean-up with OpenCV: skew estimation and correction (±10°), quarter-turn rotation, speckle
 * removal and an estimate of the text size (for scaling small print up before OCR).
 * Stateless and thread-safe; every {@link Mat} made here is released here.
 */
public final class OpenCvPreprocessor {
    private static volatile boolean loaded;

    /** Loads the OpenCV native library once per JVM (about a second). */
    public static void load() {
        if (!loaded) {
            synchronized (OpenCvPreprocessor.class) {
                if (!loaded) {
                    try {
                        nu.pattern.OpenCV.loadLocally();
                    } catch (Throwable e) {
                        throw new EngineUnavailableException("OpenCV native library could not be loaded: " + e.getMessage(), e);
                    }
                    loaded = true;
                }
            }
        }
    }

    public OpenCvPreprocessor() {
        load();
    }

    /**
     * Estimates the skew of text lines by maximising the variance of the horizontal projection profile of
     * the binarised page over angles in [-10°, 10°].
     *
     * @return degrees, counter-clockwise positive, to rotate the image by to make lines horizontal
     */
    public double estimateSkew(BufferedImage gray) {
        Mat src = toMat(gray);
        Mat small = new Mat();
        Mat bin = new Mat();
        try {
            double scale = Math.min(1.0, 900.0 / Math.max(gray.getWidth(), gray.getHeight()));
            Imgproc.resize(src, small, new Size(Math.max(1, gray.getWidth() * scale), Math.max(1, gray.getHeight() * scale)), 0, 0, Imgproc.INTER_AREA);
            Imgproc.threshold(small, bin, 0, 255, Imgproc.THRESH_BINARY_INV | Imgproc.THRESH_OTSU);
            if (Core.countNonZero(bin) < 50) {
                return 0;
            }
            double best = 0;
            double bestScore = profileScore(bin, 0);
            for (double a = -10; a <= 10.001; a += 0.5) {
                double s = profileScore(bin, a);
                if (s > bestScore) {
                    bestScore = s;
                    best = a;
                }
            }
            double coarse = best;
            for (double a = coarse - 0.4; a <= coarse + 0.401; a += 0.1) {
                double s = profileScore(bin, a);
                if (s > bestScore) {
                    bestScore = s;
                    best = a;
                }
            }
            return Math.round(best * 10) / 10.0;
        } finally {
            src.release();
            small.release();
            bin.release();
        }
    }

    private static double profileScore(Mat bin, double angle) {
        Mat rot = new Mat();
        Mat rows = new Mat();
        Mat m = Imgproc.getRotationMatrix2D(new Point(bin.cols() / 2.0, bin.rows() / 2.0), angle, 1.0);
        try {
            Imgproc.warpAffine(bin, rot, m, bin.size(), Imgproc.INTER_NEAREST, Core.BORDER_CONSTANT, new Scalar(0));
            Core.reduce(rot, rows, 1, Core.REDUCE_SUM, CvType.CV_64F);
            double sum = 0;
            double sumSq = 0;
            double prev = 0;
            double diffSq = 0;
            int n = rows.rows();
            double[] v = new double[n];
            rows.get(0, 0, v);
            for (double x : v) {
                sum += x;
                sumSq += x * x;
                diffSq += (x - prev) * (x - prev);
                prev = x;
            }
            return diffSq; // sharp transitions between lines and gaps peak when lines are level
        } finally {
            rot.release();
            rows.release();
            m.release();
        }
    }

    /** Rotates by {@code degrees} counter-clockwise about the centre, same canvas, white border. */
    public BufferedImage rotate(BufferedImage gray, double degrees) {
        if (Math.abs(degrees) < 1e-6) {
            return gray;
        }
        Mat src = toMat(gray);
        Mat dst = new Mat();
        Mat m = Imgproc.getRotationMatrix2D(new Point(gray.getWidth() / 2.0, gray.getHeight() / 2.0), degrees, 1.0);
        try {
            Imgproc.warpAffine(src, dst, m, src.size(), Imgproc.INTER_LINEAR, Core.BORDER_CONSTANT, new Scalar(255));
            return toImage(dst);
        } finally {
            src.release();
            dst.release();
            m.release();
        }
    }

    /** Rotates by a quarter-turn multiple, clockwise: 90, 180 or 270. */
    public BufferedImage rotateQuarter(BufferedImage gray, int clockwise) {
        int q = ((clockwise % 360) + 360) % 360;
        if (q == 0) {
            return gray;
        }
        Mat src = toMat(gray);
        Mat dst = new Mat();
        try {
            int code = q == 90 ? Core.ROTATE_90_CLOCKWISE : q == 180 ? Core.ROTATE_180 : Core.ROTATE_90_COUNTERCLOCKWISE;
            Core.rotate(src, dst, code);
            return toImage(dst);
        } finally {
            src.release();
            dst.release();
        }
    }

    /** Measures of the ink on a page that steer OCR preparation. */
    public record InkStats(double medianCharHeightPx, double speckleFraction, int components) {
    }

    /** Connected components of the Otsu-binarised page: median height of character-sized ones, share of specks. */
    public InkStats inkStats(BufferedImage gray) {
        try (OtsuComponents cc = OtsuComponents.of(gray)) {
            int n = cc.count();
            int specks = 0;
            double[] heights = new double[Math.max(0, n - 1)];
            int k = 0;
            for (int i = 1; i < n; i++) {
                int[] row = cc.stats[i];
                int w = row[Imgproc.CC_STAT_WIDTH];
                int h = row[Imgproc.CC_STAT_HEIGHT];
                int area = row[Imgproc.CC_STAT_AREA];
                if (area <= 2) {
                    specks++;
                } else if (h >= 4 && h < gray.getHeight() / 10 && w < gray.getWidth() / 10) {
                    heights[k++] = h;
                }
            }
            double median = 0;
            if (k > 0) {
                java.util.Arrays.sort(heights, 0, k);
                median = heights[k / 2];
            }
            return new InkStats(median, n <= 1 ? 0 : specks / (double) (n - 1), n - 1);
        }
    }

    /**
     * Whitens dark areas that touch the image edge and span a large part of it: the scanner bed or table around
     * a photographed or scanned receipt, torn paper edges, black scan borders. Tesseract's page layout analysis
     * can fail on a whole page because of such a strip (a receipt read as nothing at all). An ink component (Otsu)
     * is taken for border when it touches an edge and its box spans at least {@code minSpan} of that edge's
     * length; its pixels, grown by 2 px, are painted white. Text never forms such a component unless it touches
     * a ruled frame that runs into the edge. Returns the image itself when nothing was found.
     */
    public BufferedImage clearEdgeBorders(BufferedImage gray, double minSpan) {
        Mat mask = new Mat();
        try (OtsuComponents cc = OtsuComponents.of(gray)) {
            int n = cc.count();
            int width = gray.getWidth();
            int height = gray.getHeight();
            java.util.List<Integer> border = new java.util.ArrayList<>();
            for (int i = 1; i < n; i++) {
                int[] row = cc.stats[i];
                int x = row[Imgproc.CC_STAT_LEFT];
                int y = row[Imgproc.CC_STAT_TOP];
                int w = row[Imgproc.CC_STAT_WIDTH];
                int h = row[Imgproc.CC_STAT_HEIGHT];
                boolean horizontalEdge = (y == 0 || y + h == height) && w >= minSpan * width;
                boolean verticalEdge = (x == 0 || x + w == width) && h >= minSpan * height;
                if (horizontalEdge || verticalEdge) {
                    border.add(i);
                }
            }
            if (border.isEmpty()) {
                return gray;
            }
            mask.release();
            mask = Mat.zeros(cc.labels.size(), CvType.CV_8UC1);
            Mat one = new Mat();
            try {
                for (int i : border) {
                    Core.compare(cc.labels, new org.opencv.core.Scalar(i), one, Core.CMP_EQ);
                    Core.bitwise_or(mask, one, mask);
                }
            } finally {
                one.release();
            }
            Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(5, 5));
            Imgproc.dilate(mask, mask, kernel);
            kernel.release();
            cc.gray.setTo(new org.opencv.core.Scalar(255), mask);
            return toImage(cc.gray);
        } finally {
            mask.release();
        }
    }

    /** Below this share of the paper's brightness an area is taken for no paper ({@link #flattenBackground}). */
    static final double FLOOR_SHARE = 0.3;
    /** The grid over which {@link #flattenBackground} measures how much the paper's brightness varies. */
    static final int GRID = 6;

    /**
     * Evens out the paper's brightness of a page lit unevenly (a phone photo: one side in shadow, a lamp's falloff): the
     * paper's brightness is estimated on a copy a quarter the size by a grey-level closing that removes the ink (a
     * square of {@code 1/40} of the shorter side, at least 7 px there), smoothed by a median of the same size and
     * scaled back; the page is then divided by it (paper → white, ink keeps its contrast to the paper around it).
     * The estimate is floored at {@value #FLOOR_SHARE} of its 95th percentile: what is darker is no paper in shadow but
     * a black box, a photo or the table around the page, and stays dark. Only when the lighting varies across the page:
     * when, averaged over the paper (above the floor) of each cell of a {@value #GRID} × {@value #GRID} grid that is
     * mostly paper, the brightest cell is over {@code minRatio} times the darkest (an evenly lit scan, a form with
     * shaded boxes or a page with a photo is returned as it is). Tesseract binarises a page with one global threshold,
     * which on such a page turns the shadowed side black or its print white.
     */
    public BufferedImage flattenBackground(BufferedImage gray, double minRatio) {
        Mat src = toMat(gray);
        Mat small = new Mat();
        Mat bg = new Mat();
        Mat full = new Mat();
        Mat dst = new Mat();
        Mat kernel = null;
        try {
            int w = Math.max(1, gray.getWidth() / 4);
            int h = Math.max(1, gray.getHeight() / 4);
            Imgproc.resize(src, small, new Size(w, h), 0, 0, Imgproc.INTER_AREA);
            int k = Math.max(7, (Math.min(w, h) / 40) | 1);
            kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(k, k));
            Imgproc.morphologyEx(small, bg, Imgproc.MORPH_CLOSE, kernel);
            Imgproc.medianBlur(bg, bg, Math.min(k, 255) | 1);
            byte[] px = new byte[w * h];
            bg.get(0, 0, px);
            int[] histogram = new int[256];
            for (byte b : px) {
                histogram[b & 0xff]++;
            }
            int hi = 0;   // the estimate's 95th percentile
            for (int seen = 0, rank = (int) (0.95 * (px.length - 1)); seen + histogram[hi] <= rank; hi++) {
                seen += histogram[hi];
            }
            // areas darker than a share of the paper (a black box, a photo, the table around a photographed page) are
            // not paper in shadow: the estimate stops at that floor there, so that they keep their contrast
            double floor = Math.max(1, FLOOR_SHARE * hi);
            // lighting varies across the page, a shaded box of a form only within it: the spread is measured on the
            // estimate averaged over the cells of a GRID x GRID grid (where a box mixes with the paper around it),
            // over its paper only (above the floor), in the cells that are mostly paper
            double[] sum = new double[GRID * GRID];
            int[] count = new int[GRID * GRID];
            int[] all = new int[GRID * GRID];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int c = (y * GRID / h) * GRID + x * GRID / w;
                    int b = px[y * w + x] & 0xff;
                    all[c]++;
                    if (b >= floor) {
                        sum[c] += b;
                        count[c]++;
                    }
                }
            }
            double brightest = 0;
            double darkest = Double.MAX_VALUE;
            for (int c = 0; c < sum.length; c++) {
                if (count[c] * 2 >= all[c] && count[c] > 0) {
                    brightest = Math.max(brightest, sum[c] / count[c]);
                    darkest = Math.min(darkest, sum[c] / count[c]);
                }
            }
            if (brightest == 0 || brightest / darkest <= minRatio) {
                return gray;
            }
            Core.max(bg, new org.opencv.core.Scalar(floor), bg);
            Imgproc.resize(bg, full, src.size(), 0, 0, Imgproc.INTER_LINEAR);
            Core.divide(src, full, dst, 255.0);
            return toImage(dst);
        } finally {
            src.release();
            small.release();
            bg.release();
            full.release();
            dst.release();
            if (kernel != null) {
                kernel.release();
            }
        }
    }

    /** 3×3 median filter, which removes salt-and-pepper specks without eroding strokes much. */
    public BufferedImage despeckle(BufferedImage gray) {
        Mat src = toMat(gray);
        Mat dst = new Mat();
        try {
            Imgproc.medianBlur(src, dst, 3);
            return toImage(dst);
        } finally {
            src.release();
            dst.release();
        }
    }

    /**
     * Thins dark print: a 3×3 maximum filter on the gray image (dilation of the light paper, erosion of the ink), which
     * opens the counters of bleeding, heavy type.
     */
    public BufferedImage thin(BufferedImage gray) {
        Mat src = toMat(gray);
        Mat dst = new Mat();
        Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3));
        try {
            Imgproc.dilate(src, dst, kernel);
            return toImage(dst);
        } finally {
            src.release();
            dst.release();
            kernel.release();
        }
    }

    /** Scales by {@code factor} with cubic interpolation (for small print before OCR). */
    public BufferedImage scale(BufferedImage gray, double factor) {
        Mat src = toMat(gray);
        Mat dst = new Mat();
        try {
            Imgproc.resize(src, dst, new Size(Math.round(gray.getWidth() * factor), Math.round(gray.getHeight() * factor)), 0, 0,
                    factor > 1 ? Imgproc.INTER_CUBIC : Imgproc.INTER_AREA);
            return toImage(dst);
        } finally {
            src.release();
            dst.release();
        }
    }

    /** Copies an 8-bit gray image into a new Mat (the caller releases it). */
    public static Mat toMat(BufferedImage gray) {
        if (gray.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            throw new IllegalArgumentException("expected TYPE_BYTE_GRAY");
        }
        byte[] px = (byte[]) gray.getRaster().getDataElements(0, 0, gray.getWidth(), gray.getHeight(), null);
        Mat m = new Mat(gray.getHeight(), gray.getWidth(), CvType.CV_8UC1);
        m.put(0, 0, px);
        return m;
    }

    /** Copies an 8-bit one-channel Mat into a new gray image. */
    public static BufferedImage toImage(Mat m) {
        BufferedImage img = new BufferedImage(m.cols(), m.rows(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        m.get(0, 0, px);
        return img;
    }
}
