package dev.readout.layout.input;

import dev.readout.core.model.Box;

/** Page pixels → the model's 0–1000 grid: {@code v' = clamp(floor(1000 · v / W), 0, 1000)} (y with H). */
public final class GridBox {
    public static final int GRID = 1000;

    private GridBox() {
    }

    /** One coordinate. */
    public static int norm(double v, int size) {
        double g = Math.floor(GRID * v / size);
        return (int) Math.max(0, Math.min(GRID, g));
    }

    /** {@code [x0, y0, x1, y1]} on the grid. */
    public static int[] of(Box b, int width, int height) {
        return new int[] {norm(b.x0(), width), norm(b.y0(), height), norm(b.x1(), width), norm(b.y1(), height)};
    }
}
