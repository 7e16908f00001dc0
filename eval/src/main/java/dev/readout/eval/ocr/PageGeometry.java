package dev.readout.eval.ocr;

import dev.readout.core.model.Box;

/**
 * Maps boxes on a corrected page image (as {@code Page.words()} give them) back to the source image.
 * The corrected image is the source turned clockwise by {@code rotation} (0, 90, 180, 270), then rotated
 * by {@code skew} degrees counter-clockwise about its centre on a canvas of the same size (OpenCV's
 * convention, as the ingest deskew does). A box maps to the bounding box of its four mapped corners,
 * clipped to the source image.
 */
public final class PageGeometry {
    private PageGeometry() {
    }

    /**
     * @param width  width of the corrected image
     * @param height height of the corrected image
     */
    public static Box toSource(Box b, int rotation, double skew, int width, int height) {
        int rot = ((rotation % 360) + 360) % 360;
        if (rot == 0 && skew == 0) {
            return b;
        }
        int srcW = rot == 90 || rot == 270 ? height : width;
        int srcH = rot == 90 || rot == 270 ? width : height;
        double[][] corners = {{b.x0(), b.y0()}, {b.x1(), b.y0()}, {b.x0(), b.y1()}, {b.x1(), b.y1()}};
        double a = Math.cos(Math.toRadians(skew));
        double s = Math.sin(Math.toRadians(skew));
        double cx = width / 2.0;
        double cy = height / 2.0;
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double[] c : corners) {
            double dx = c[0] - cx;
            double dy = c[1] - cy;
            double tx = cx + a * dx - s * dy; // undo the skew rotation
            double ty = cy + s * dx + a * dy;
            double x;
            double y;
            switch (rot) {
                case 90 -> { x = ty; y = srcH - tx; }
                case 180 -> { x = srcW - tx; y = srcH - ty; }
                case 270 -> { x = srcW - ty; y = tx; }
                default -> { x = tx; y = ty; }
            }
            minX = Math.min(minX, x);
            minY = Math.min(minY, y);
            maxX = Math.max(maxX, x);
            maxY = Math.max(maxY, y);
        }
        double x0 = clamp(minX, srcW);
        double y0 = clamp(minY, srcH);
        return new Box(x0, y0, Math.max(x0, clamp(maxX, srcW)), Math.max(y0, clamp(maxY, srcH)));
    }

    private static double clamp(double v, double max) {
        return Math.max(0, Math.min(max, v));
    }
}
