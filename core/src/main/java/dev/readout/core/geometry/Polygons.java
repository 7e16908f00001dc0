package dev.readout.core.geometry;

import dev.readout.core.model.Box;
import java.util.ArrayList;
import java.util.List;

/**
 * Plane geometry on simple polygons given as flat coordinate arrays {@code [x0, y0, x1, y1, …]} in page pixels
 * (origin top-left, y down), without a repeated closing point. Intersections clip against a convex polygon
 * (Sutherland–Hodgman), which is exact when at least the clipping polygon is convex — as rotated text boxes are.
 */
public final class Polygons {
    private Polygons() {
    }

    /** Absolute area (shoelace formula). */
    public static double area(double[] p) {
        return Math.abs(signedArea(p));
    }

    /** Drops a closing point equal to the first one (GeoJSON rings repeat it). */
    public static double[] open(double[] p) {
        int n = p.length / 2;
        if (n > 1 && p[0] == p[2 * n - 2] && p[1] == p[2 * n - 1]) {
            double[] q = new double[p.length - 2];
            System.arraycopy(p, 0, q, 0, q.length);
            return q;
        }
        return p;
    }

    /** The area of {@code subject ∩ convex}; {@code convex} must be convex (either orientation). */
    public static double intersectionArea(double[] subject, double[] convex) {
        return area(clip(subject, convex));
    }

    /** Intersection over union of two polygons, the second convex; 0 when the union is empty. */
    public static double iou(double[] a, double[] convexB) {
        double inter = intersectionArea(a, convexB);
        double uni = area(a) + area(convexB) - inter;
        return uni <= 0 ? 0 : inter / uni;
    }

    /** Intersection over the smaller of the two areas: 1 when one lies inside the other. */
    public static double containment(double[] a, double[] convexB) {
        double inter = intersectionArea(a, convexB);
        double min = Math.min(area(a), area(convexB));
        return min <= 0 ? 0 : inter / min;
    }

    /** The smallest axis-aligned box holding the polygon. */
    public static Box bounds(double[] p) {
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (int i = 0; i < p.length; i += 2) {
            x0 = Math.min(x0, p[i]);
            x1 = Math.max(x1, p[i]);
            y0 = Math.min(y0, p[i + 1]);
            y1 = Math.max(y1, p[i + 1]);
        }
        return new Box(x0, y0, x1, y1);
    }

    /** Sutherland–Hodgman: the part of {@code subject} inside the convex polygon {@code clip}. */
    public static double[] clip(double[] subject, double[] clip) {
        List<double[]> out = points(subject);
        List<double[]> c = points(clip);
        if (signedArea(clip) < 0) {
            java.util.Collections.reverse(c);
        }
        int n = c.size();
        for (int i = 0; i < n && !out.isEmpty(); i++) {
            double[] a = c.get(i);
            double[] b = c.get((i + 1) % n);
            List<double[]> in = out;
            out = new ArrayList<>();
            for (int k = 0; k < in.size(); k++) {
                double[] p = in.get(k);
                double[] q = in.get((k + 1) % in.size());
                boolean pin = side(a, b, p) >= 0;
                boolean qin = side(a, b, q) >= 0;
                if (pin) {
                    out.add(p);
                }
                if (pin != qin) {
                    out.add(cross(a, b, p, q));
                }
            }
        }
        double[] r = new double[out.size() * 2];
        for (int i = 0; i < out.size(); i++) {
            r[2 * i] = out.get(i)[0];
            r[2 * i + 1] = out.get(i)[1];
        }
        return r;
    }

    private static double signedArea(double[] p) {
        double s = 0;
        int n = p.length / 2;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            s += p[2 * i] * p[2 * j + 1] - p[2 * j] * p[2 * i + 1];
        }
        return s / 2;
    }

    private static List<double[]> points(double[] p) {
        List<double[]> l = new ArrayList<>();
        for (int i = 0; i + 1 < p.length; i += 2) {
            l.add(new double[] {p[i], p[i + 1]});
        }
        return l;
    }

    private static double side(double[] a, double[] b, double[] p) {
        return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
    }

    private static double[] cross(double[] a, double[] b, double[] p, double[] q) {
        double a1 = b[1] - a[1];
        double b1 = a[0] - b[0];
        double c1 = a1 * a[0] + b1 * a[1];
        double a2 = q[1] - p[1];
        double b2 = p[0] - q[0];
        double c2 = a2 * p[0] + b2 * p[1];
        double det = a1 * b2 - a2 * b1;
        if (Math.abs(det) < 1e-12) {
            return p;
        }
        return new double[] {(b2 * c1 - b1 * c2) / det, (a1 * c2 - a2 * c1) / det};
    }
}
