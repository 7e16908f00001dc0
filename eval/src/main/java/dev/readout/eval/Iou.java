package dev.readout.eval;

import dev.readout.core.model.Box;

/** Intersection over union of axis-aligned boxes; 0 when the boxes do not overlap or both are empty. */
public final class Iou {
    private Iou() {
    }

    public static double of(Box a, Box b) {
        double iw = Math.min(a.x1(), b.x1()) - Math.max(a.x0(), b.x0());
        double ih = Math.min(a.y1(), b.y1()) - Math.max(a.y0(), b.y0());
        double inter = iw <= 0 || ih <= 0 ? 0 : iw * ih;
        double union = a.area() + b.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** Whether the centre of {@code inner} lies inside {@code outer} (edges included). */
    public static boolean centreInside(Box inner, Box outer) {
        double cx = inner.centerX();
        double cy = inner.centerY();
        return cx >= outer.x0() && cx <= outer.x1() && cy >= outer.y0() && cy <= outer.y1();
    }
}
