package dev.readout.ingest.maps;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.readout.core.error.ReadoutException;
import dev.readout.ingest.opencv.OpenCvPreprocessor;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The PP-OCRv4 recogniser on horizontal text strips: each strip scaled to 48 px high (aspect kept), values to
 * [-1, 1], right-padded with zeros to the widest strip of its batch (at least 320 px); greedy CTC decoding over the
 * model's character list (repeats merged, blanks dropped); the score is the mean probability of the kept characters.
 * Also the 0/180° direction classifier (48×192 input). Stateless and thread-safe; borrows the model's sessions.
 */
final class CtcTextRecognizer implements StripReader {
    static final int HEIGHT = 48;
    private static final int MIN_WIDTH = 320;
    private static final int MAX_WIDTH = 1600;
    private static final int BATCH = 8;
    private static final int CLS_WIDTH = 192;

    /**
     * A reading: text (possibly empty, trimmed) and its score 0–1, with where each character was read.
     *
     * @param glyphs the decoded characters (spaces included) with their centre along the strip
     */
    record Reading(String text, double score, List<Glyph> glyphs) {
        static Reading none() {
            return new Reading("", -1, List.of());
        }
    }

    /**
     * One decoded character.
     *
     * @param text     the character
     * @param centrePx its centre along the strip, in strip pixels (from the CTC time step it was emitted at)
     * @param prob     its probability
     */
    record Glyph(String text, double centrePx, double prob) {
    }

    private final PpOcrModel model;
    private final boolean[] allowed;
    private final String[] glyph;

    /**
     * @param latinOnly decode only Latin-script classes (ASCII, Latin-1, Latin Extended-A/B, the space): the shipped
     *                  recogniser also knows 6,000 Chinese characters, which map lettering in Latin script never holds
     */
    CtcTextRecognizer(PpOcrModel model, boolean latinOnly) {
        this.model = model;
        List<String> chars = model.characters();
        this.allowed = new boolean[chars.size()];
        this.glyph = new String[chars.size()];
        for (int i = 0; i < chars.size(); i++) {
            String c = latinOnly ? latin(chars.get(i)) : chars.get(i);
            glyph[i] = c;
            allowed[i] = i == 0 || !latinOnly || (c.length() == 1 && c.charAt(0) >= 0x20 && c.charAt(0) < 0x250
                    && !Character.isISOControl(c.charAt(0)));
        }
        OpenCvPreprocessor.load();
    }

    /**
     * A class's character as Latin text: the recogniser's list holds the full-width forms of ASCII signs beside the
     * ASCII ones ("＆", "，", "：", "（") and often prefers them on receipts; they are read as their ASCII forms (NFKC;
     * the ideographic full stop and comma as "." and ","), so that latinOnly keeps them instead of dropping the sign.
     */
    static String latin(String c) {
        return switch (c) {
            case "\u3002" -> ".";
            case "\u3001" -> ",";
            default -> java.text.Normalizer.normalize(c, java.text.Normalizer.Form.NFKC);
        };
    }

    /** Reads every strip (TYPE_BYTE_GRAY), batched by similar width; results in input order. */
    @Override
    public List<Reading> read(List<BufferedImage> strips) {
        Reading[] out = new Reading[strips.size()];
        List<Integer> order = IntStream.range(0, strips.size()).boxed()
                .sorted(Comparator.comparingDouble(i -> ratio(strips.get(i)))).toList();
        for (int b = 0; b < order.size(); b += BATCH) {
            List<Integer> part = order.subList(b, Math.min(order.size(), b + BATCH));
            List<Reading> r = readBatch(part.stream().map(strips::get).toList());
            for (int k = 0; k < part.size(); k++) {
                out[part.get(k)] = r.get(k);
            }
        }
        return List.of(out);
    }

    /** For each strip, the probability that it is upside down (0 when the model has no classifier). */
    double[] upsideDown(List<BufferedImage> strips) {
        double[] p = new double[strips.size()];
        OrtSession cls = model.classifier();
        if (cls == null) {
            return p;
        }
        for (int b = 0; b < strips.size(); b += BATCH) {
            int n = Math.min(BATCH, strips.size() - b);
            float[] in = new float[n * 3 * HEIGHT * CLS_WIDTH];
            for (int k = 0; k < n; k++) {
                fill(in, k, strips.get(b + k), CLS_WIDTH);
            }
            float[] probs = run(cls, in, new long[] {n, 3, HEIGHT, CLS_WIDTH});
            for (int k = 0; k < n; k++) {
                p[b + k] = probs[2 * k + 1];
            }
        }
        return p;
    }

    private static double ratio(BufferedImage s) {
        return (double) s.getWidth() / Math.max(1, s.getHeight());
    }

    private List<Reading> readBatch(List<BufferedImage> strips) {
        double maxRatio = (double) MIN_WIDTH / HEIGHT;
        for (BufferedImage s : strips) {
            maxRatio = Math.max(maxRatio, ratio(s));
        }
        int width = Math.min(MAX_WIDTH, (int) Math.ceil(HEIGHT * maxRatio));
        int n = strips.size();
        float[] in = new float[n * 3 * HEIGHT * width];
        for (int k = 0; k < n; k++) {
            fill(in, k, strips.get(k), width);
        }
        OrtSession rec = model.recognizer();
        try (OnnxTensor t = OnnxTensor.createTensor(model.env(), FloatBuffer.wrap(in), new long[] {n, 3, HEIGHT, width});
             OrtSession.Result r = rec.run(Map.of(rec.getInputNames().iterator().next(), t))) {
            OnnxTensor o = (OnnxTensor) r.get(0);
            long[] shape = o.getInfo().getShape();
            int steps = (int) shape[1];
            int classes = (int) shape[2];
            float[] probs = new float[n * steps * classes];
            o.getFloatBuffer().get(probs);
            List<Reading> out = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                BufferedImage st = strips.get(k);
                int fitted = fittedWidth(st, width);
                double stepPx = (double) width / steps * st.getWidth() / fitted;
                out.add(decode(probs, k * steps * classes, steps, classes, stepPx));
            }
            return out;
        } catch (OrtException e) {
            throw new ReadoutException("engine-failed", "text recogniser failed: " + e.getMessage(), e);
        }
    }

    private Reading decode(float[] p, int off, int steps, int classes, double stepPx) {
        StringBuilder sb = new StringBuilder();
        List<Glyph> glyphs = new ArrayList<>();
        double sum = 0;
        int kept = 0;
        int prev = -1;
        for (int t = 0; t < steps; t++) {
            int base = off + t * classes;
            int best = 0;
            float bp = p[base];
            int limit = Math.min(classes, allowed.length);
            for (int c = 1; c < limit; c++) {
                if (allowed[c] && p[base + c] > bp) {
                    bp = p[base + c];
                    best = c;
                }
            }
            // a repeat, of the class or of its character (full-width and ASCII forms), is one glyph
            if (best != 0 && best != prev && !(prev > 0 && glyph[prev].equals(glyph[best]))) {
                sb.append(glyph[best]);
                glyphs.add(new Glyph(glyph[best], (t + 0.5) * stepPx, bp));
                sum += bp;
                kept++;
            }
            prev = best;
        }
        return new Reading(sb.toString().strip(), kept == 0 ? 0 : sum / kept, List.copyOf(glyphs));
    }

    /** Writes strip {@code k} into the batch tensor: 48 px high, at most {@code width} wide, values in [-1, 1]. */
    private static int fittedWidth(BufferedImage strip, int width) {
        return Math.max(1, Math.min(width, (int) Math.ceil(HEIGHT * ratio(strip))));
    }

    private static void fill(float[] in, int k, BufferedImage strip, int width) {
        int w = fittedWidth(strip, width);
        Mat src = OpenCvPreprocessor.toMat(strip);
        Mat dst = new Mat();
        byte[] px = new byte[w * HEIGHT];
        try {
            Imgproc.resize(src, dst, new Size(w, HEIGHT), 0, 0, Imgproc.INTER_LINEAR);
            dst.get(0, 0, px);
        } finally {
            src.release();
            dst.release();
        }
        int plane = HEIGHT * width;
        int base = k * 3 * plane;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < w; x++) {
                float v = ((px[y * w + x] & 0xff) / 255f - 0.5f) / 0.5f;
                int i = y * width + x;
                in[base + i] = v;
                in[base + plane + i] = v;
                in[base + 2 * plane + i] = v;
            }
        }
    }

    private float[] run(OrtSession s, float[] in, long[] shape) {
        try (OnnxTensor t = OnnxTensor.createTensor(model.env(), FloatBuffer.wrap(in), shape);
             OrtSession.Result r = s.run(Map.of(s.getInputNames().iterator().next(), t))) {
            OnnxTensor o = (OnnxTensor) r.get(0);
            float[] out = new float[(int) o.getInfo().getNumElements()];
            o.getFloatBuffer().get(out);
            return out;
        } catch (OrtException e) {
            throw new ReadoutException("engine-failed", "direction classifier failed: " + e.getMessage(), e);
        }
    }
}
