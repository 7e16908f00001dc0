package dev.readout.layout.onnx;

/**
 * The model's outputs for one window, padding removed.
 *
 * @param length tokens of the window
 * @param labels logits per token ({@code labels} of them)
 * @param dim    D, the link projection size
 * @param logits {@code length × labels}, row-major
 * @param linkQ  {@code length × dim}
 * @param linkA  {@code length × dim}
 */
public record WindowOutput(int length, int labels, int dim, float[] logits, float[] linkQ, float[] linkA) {

    /** The logits of one token. */
    public float[] logitsAt(int token) {
        float[] out = new float[labels];
        System.arraycopy(logits, token * labels, out, 0, labels);
        return out;
    }
}
