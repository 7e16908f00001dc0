package dev.readout.ingest.opencv;

import java.awt.image.BufferedImage;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * A gray page binarised with Otsu's threshold (ink = 255) and the 8-connected components of its ink: the one
 * analysis behind {@link OpenCvPreprocessor#inkStats}, {@link OpenCvPreprocessor#clearEdgeBorders} and
 * {@link ColumnSegmenter#segment}. Holds native memory: close it.
 */
final class OtsuComponents implements AutoCloseable {
    /** The page as an 8-bit Mat. */
    final Mat gray;
    /** The binarised page: 255 where Otsu finds ink. */
    final Mat bin;
    /** Component label of each pixel (0: background), CV_32S. */
    final Mat labels;
    /** Per component (row 0: background) its {@code Imgproc.CC_STAT_*} values. */
    final int[][] stats;
    /** Otsu's threshold on the gray values. */
    final double threshold;

    private OtsuComponents(Mat gray, Mat bin, Mat labels, int[][] stats, double threshold) {
        this.gray = gray;
        this.bin = bin;
        this.labels = labels;
        this.stats = stats;
        this.threshold = threshold;
    }

    static OtsuComponents of(BufferedImage image) {
        Mat gray = OpenCvPreprocessor.toMat(image);
        Mat bin = new Mat();
        Mat labels = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat();
        try {
            double t = Imgproc.threshold(gray, bin, 0, 255, Imgproc.THRESH_BINARY_INV | Imgproc.THRESH_OTSU);
            int n = Imgproc.connectedComponentsWithStats(bin, labels, stats, centroids, 8, CvType.CV_32S);
            int[][] st = new int[n][5];
            for (int i = 0; i < n; i++) {
                stats.get(i, 0, st[i]);
            }
            return new OtsuComponents(gray, bin, labels, st, t);
        } catch (RuntimeException e) {
            gray.release();
            bin.release();
            labels.release();
            throw e;
        } finally {
            stats.release();
            centroids.release();
        }
    }

    /** Number of components, the background included. */
    int count() {
        return stats.length;
    }

    @Override
    public void close() {
        gray.release();
        bin.release();
        labels.release();
    }
}
