package dev.readout.core.model;

/**
 * A box in model space: integers on the 0–1000 grid used by LayoutLM-style models.
 * The only way to make one from a pixel {@link Box} is {@link #of(Box, double, double)}.
 */
public record NormBox(int x0, int y0, int x1, int y1) {

    public NormBox {
        if (x0 < 0 || y0 < 0 || x1 > 1000 || y1 > 1000 || x1 < x0 || y1 < y0) {
            throw new IllegalArgumentException("normalised box outside 0..1000: " + x0 + "," + y0 + "," + x1 + "," + y1);
        }
    }

    /** Normalises a pixel box on a page of {@code widthPx} × {@code heightPx}, clamping to the page. */
    public static NormBox of(Box b, double widthPx, double heightPx) {
        int a = clamp(b.x0() / widthPx), c = clamp(b.x1() / widthPx);
        int bb = clamp(b.y0() / heightPx), d = clamp(b.y1() / heightPx);
        return new NormBox(a, bb, Math.max(a, c), Math.max(bb, d));
    }

    private static int clamp(double f) {
        return (int) Math.max(0, Math.min(1000, Math.round(f * 1000)));
    }
}
