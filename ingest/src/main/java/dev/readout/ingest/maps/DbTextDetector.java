package dev.readout.ingest.maps;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.readout.core.error.ReadoutException;
import dev.readout.ingest.opencv.OpenCvPreprocessor;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.RotatedRect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The DB (Differentiable Binarization) text detector of PP-OCRv4 on one gray image: resize to a multiple of 32,
 * ImageNet mean/std, probability map, threshold, contours, minimum-area rotated rectangle, box score (mean
 * probability inside the rectangle), then "unclip" — grow the rectangle by {@code area × ratio / perimeter} on every
 * side, since DB is trained on shrunk text kernels. Stateless and thread-safe; borrows the model's session.
 */
final class DbTextDetector {
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};
    private static final int MAX_CANDIDATES = 1000;
    private static final int MIN_SIZE = 3;

    /** A rotated text rectangle in input-image pixels, with the mean text probability inside its kernel. */
    record Detection(RotatedRect rect, double score) {
    }

    private final PpOcrModel model;

    DbTextDetector(PpOcrModel model) {
        this.model = model;
        OpenCvPreprocessor.load();
    }

    /** Detects text in {@code gray} (8-bit, one channel) seen at {@code scale} × its size; rectangles in its pixels. */
    List<Detection> detect(Mat gray, double scale, MapOptions o) {
        int w = gray.cols();
        int h = gray.rows();
        int rw = Math.max(32, (int) Math.round(w * scale / 32.0) * 32);
        int rh = Math.max(32, (int) Math.round(h * scale / 32.0) * 32);
        float[] prob = probabilities(resize(gray, rw, rh), rw, rh);
        return boxes(prob, rw, rh, (double) w / rw, (double) h / rh, o);
    }

    private static byte[] resize(Mat src, int rw, int rh) {
        Mat dst = new Mat();
        try {
            Imgproc.resize(src, dst, new Size(rw, rh), 0, 0, rw < src.cols() ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
            byte[] px = new byte[rw * rh];
            dst.get(0, 0, px);
            return px;
        } finally {
            dst.release();
        }
    }

    private float[] probabilities(byte[] px, int w, int h) {
        int plane = w * h;
        float[] in = new float[3 * plane];
        for (int c = 0; c < 3; c++) {
            float m = MEAN[c];
            float s = STD[c];
            int off = c * plane;
            for (int i = 0; i < plane; i++) {
                in[off + i] = ((px[i] & 0xff) / 255f - m) / s;
            }
        }
        OrtSession session = model.detector();
        try (OnnxTensor t = OnnxTensor.createTensor(model.env(), FloatBuffer.wrap(in), new long[] {1, 3, h, w});
             OrtSession.Result r = session.run(Map.of(session.getInputNames().iterator().next(), t))) {
            float[] out = new float[plane];
            ((OnnxTensor) r.get(0)).getFloatBuffer().get(out);
            return out;
        } catch (OrtException e) {
            throw new ReadoutException("engine-failed", "text detector failed: " + e.getMessage(), e);
        }
    }

    private static List<Detection> boxes(float[] prob, int w, int h, double sx, double sy, MapOptions o) {
        byte[] bits = new byte[prob.length];
        float t = (float) o.binaryThreshold();
        for (int i = 0; i < prob.length; i++) {
            bits[i] = prob[i] > t ? (byte) 1 : 0;
        }
        Mat bitmap = new Mat(h, w, org.opencv.core.CvType.CV_8UC1);
        bitmap.put(0, 0, bits);
        List<MatOfPoint> contours = new ArrayList<>();
        Mat hierarchy = new Mat();
        List<Detection> out = new ArrayList<>();
        try {
            Imgproc.findContours(bitmap, contours, hierarchy, Imgproc.RETR_LIST, Imgproc.CHAIN_APPROX_SIMPLE);
            int n = Math.min(contours.size(), MAX_CANDIDATES);
            for (int i = 0; i < n; i++) {
                MatOfPoint c = contours.get(i);
                MatOfPoint2f c2 = new MatOfPoint2f(c.toArray());
                RotatedRect r = Imgproc.minAreaRect(c2);
                c2.release();
                if (Math.min(r.size.width, r.size.height) < MIN_SIZE) {
                    continue;
                }
                double score = meanInside(prob, w, h, r);
                if (score < o.boxThreshold()) {
                    continue;
                }
                double rw = r.size.width;
                double rh = r.size.height;
                double d = rw * rh * o.unclipRatio() / (2 * (rw + rh));
                RotatedRect grown = new RotatedRect(r.center, new Size(rw + 2 * d, rh + 2 * d), r.angle);
                if (Math.min(grown.size.width, grown.size.height) < MIN_SIZE + 2) {
                    continue;
                }
                out.add(new Detection(scaled(grown, sx, sy), score));
            }
        } finally {
            contours.forEach(Mat::release);
            hierarchy.release();
            bitmap.release();
        }
        return out;
    }

    /** Mean probability over the pixels inside the rotated rectangle (PaddleOCR's "fast" box score). */
    private static double meanInside(float[] prob, int w, int h, RotatedRect r) {
        Point[] p = new Point[4];
        r.points(p);
        double[] poly = new double[8];
        int x0 = w;
        int y0 = h;
        int x1 = 0;
        int y1 = 0;
        for (int i = 0; i < 4; i++) {
            poly[2 * i] = p[i].x;
            poly[2 * i + 1] = p[i].y;
            x0 = Math.min(x0, (int) Math.floor(p[i].x));
            y0 = Math.min(y0, (int) Math.floor(p[i].y));
            x1 = Math.max(x1, (int) Math.ceil(p[i].x));
            y1 = Math.max(y1, (int) Math.ceil(p[i].y));
        }
        x0 = Math.max(0, x0);
        y0 = Math.max(0, y0);
        x1 = Math.min(w - 1, x1);
        y1 = Math.min(h - 1, y1);
        double sum = 0;
        int count = 0;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                if (inside(poly, x, y)) {
                    sum += prob[y * w + x];
                    count++;
                }
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    private static boolean inside(double[] q, double x, double y) {
        boolean pos = false;
        boolean neg = false;
        for (int i = 0; i < 4; i++) {
            int j = (i + 1) % 4;
            double c = (q[2 * j] - q[2 * i]) * (y - q[2 * i + 1]) - (q[2 * j + 1] - q[2 * i + 1]) * (x - q[2 * i]);
            if (c > 0.5) {
                pos = true;
            } else if (c < -0.5) {
                neg = true;
            }
        }
        return !(pos && neg);
    }

    private static RotatedRect scaled(RotatedRect r, double sx, double sy) {
        if (Math.abs(sx - sy) < 1e-6) {
            return new RotatedRect(new Point(r.center.x * sx, r.center.y * sy), new Size(r.size.width * sx, r.size.height * sy), r.angle);
        }
        Point[] p = new Point[4];
        r.points(p);
        for (int i = 0; i < 4; i++) {
            p[i] = new Point(p[i].x * sx, p[i].y * sy);
        }
        MatOfPoint2f m = new MatOfPoint2f(p);
        try {
            return Imgproc.minAreaRect(m);
        } finally {
            m.release();
        }
    }
}
