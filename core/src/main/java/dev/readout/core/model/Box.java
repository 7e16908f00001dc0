package dev.readout.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collection;

/**
 * An axis-aligned box in pixels of the page image, origin top-left, x to the right, y down.
 * Values are rounded to 1/100 pixel so that the JSON form round-trips exactly.
 * Serialised as the array {@code [x0, y0, x1, y1]}.
 */
public record Box(double x0, double y0, double x1, double y1) {

    public Box {
        if (!Double.isFinite(x0) || !Double.isFinite(y0) || !Double.isFinite(x1) || !Double.isFinite(y1)) {
            throw new IllegalArgumentException("box coordinates must be finite");
        }
        if (x1 < x0 || y1 < y0) {
            throw new IllegalArgumentException("box must have x0<=x1 and y0<=y1: [" + x0 + ", " + y0 + ", " + x1 + ", " + y1 + "]");
        }
        x0 = round(x0);
        y0 = round(y0);
        x1 = round(x1);
        y1 = round(y1);
    }

    private static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }

    @JsonCreator
    public static Box of(double[] xyxy) {
        if (xyxy == null || xyxy.length != 4) {
            throw new IllegalArgumentException("a box is an array of 4 numbers [x0, y0, x1, y1]");
        }
        return new Box(xyxy[0], xyxy[1], xyxy[2], xyxy[3]);
    }

    @JsonValue
    public double[] toArray() {
        return new double[] {x0, y0, x1, y1};
    }

    public double width() {
        return x1 - x0;
    }

    public double height() {
        return y1 - y0;
    }

    public double area() {
        return width() * height();
    }

    public double centerX() {
        return (x0 + x1) / 2;
    }

    public double centerY() {
        return (y0 + y1) / 2;
    }

    public Box union(Box o) {
        return new Box(Math.min(x0, o.x0), Math.min(y0, o.y0), Math.max(x1, o.x1), Math.max(y1, o.y1));
    }

    public double intersectionArea(Box o) {
        double w = Math.min(x1, o.x1) - Math.max(x0, o.x0);
        double h = Math.min(y1, o.y1) - Math.max(y0, o.y0);
        return w <= 0 || h <= 0 ? 0 : w * h;
    }

    /** Intersection over union, 0 when either box is empty. */
    public double iou(Box o) {
        double inter = intersectionArea(o);
        double uni = area() + o.area() - inter;
        return uni <= 0 ? 0 : inter / uni;
    }

    /** Scales every coordinate by {@code f} (for example PDF points to pixels: dpi / 72). */
    public Box scale(double f) {
        return new Box(x0 * f, y0 * f, x1 * f, y1 * f);
    }

    /** The smallest box holding all of {@code boxes}; null when there are none. */
    public static Box unionOf(Collection<Box> boxes) {
        Box u = null;
        for (Box b : boxes) {
            u = u == null ? b : u.union(b);
        }
        return u;
    }
}
