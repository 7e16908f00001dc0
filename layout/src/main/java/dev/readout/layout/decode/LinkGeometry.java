package dev.readout.layout.decode;

import dev.readout.core.model.Box;
import java.util.Collection;

/**
 * A layout prior on question → answer links ({@code link.geometry} of a model's config; the same rule as
 * {@code training/link_geometry.py}). On forms an answer's key sits on its row to the left of it, or above it with
 * overlapping horizontal extent. For a question q and an answer a (boxes: the union of their words' page-pixel
 * boxes; h: the smaller of the two entities' smallest word heights, at least 1 px):
 * <ul>
 *   <li><b>row</b>: the vertical overlap of q and a is at least {@code rowOverlap × h} and q starts left of a:
 *   {@code exp(-gap / (rowScale × h))}, gap = max(0, a.x0 − q.x1);</li>
 *   <li><b>above</b>: q and a overlap horizontally, their vertical overlap is below {@code rowOverlap × h} and q
 *   starts above a: {@code aboveWeight × exp(-gap / (aboveScale × h))}, gap = max(0, a.y0 − q.y1);</li>
 *   <li>the larger of the two, 0 when neither holds.</li>
 * </ul>
 * The runtime adds {@code weight × prior} to the link head's logit before the sigmoid, the threshold and the
 * one-question-per-answer rule. Immutable.
 *
 * @param weight      multiplier of the prior in logit space (0: no prior)
 * @param rowOverlap  vertical overlap, as a share of h, that makes two boxes one row
 * @param rowScale    decay length of the row gap, in units of h
 * @param aboveScale  decay length of the vertical gap, in units of h
 * @param aboveWeight the prior of a key directly above (the row prior is 1 at gap 0)
 */
public record LinkGeometry(double weight, double rowOverlap, double rowScale, double aboveScale, double aboveWeight) {
    /** No prior. */
    public static final LinkGeometry NONE = new LinkGeometry(0, 0.3, 10, 4, 0.5);

    public LinkGeometry {
        if (!(weight >= 0) || !(rowOverlap >= 0) || !(rowScale > 0) || !(aboveScale > 0) || !(aboveWeight >= 0)) {
            throw new IllegalArgumentException("link.geometry: weight, row_overlap and above_weight must not be negative,"
                    + " row_scale and above_scale must be positive");
        }
    }

    /** The same rule with another weight. */
    public LinkGeometry withWeight(double w) {
        return new LinkGeometry(w, rowOverlap, rowScale, aboveScale, aboveWeight);
    }

    /** An entity as the prior sees it: the union of its words' boxes and its smallest word height. */
    public record Extent(Box box, double minHeight) {
        /** The extent of some word boxes; null when there are none. */
        public static Extent of(Collection<Box> words) {
            Box u = null;
            double h = Double.POSITIVE_INFINITY;
            for (Box b : words) {
                u = u == null ? b : u.union(b);
                h = Math.min(h, b.y1() - b.y0());
            }
            return u == null ? null : new Extent(u, h);
        }
    }

    /** The prior in [0, 1] for question q and answer a. */
    public double prior(Extent q, Extent a) {
        Box qb = q.box();
        Box ab = a.box();
        double h = Math.max(1.0, Math.min(q.minHeight(), a.minHeight()));
        double vOverlap = Math.min(qb.y1(), ab.y1()) - Math.max(qb.y0(), ab.y0());
        double best = 0;
        boolean sameRow = vOverlap >= rowOverlap * h;
        if (sameRow && qb.x0() < ab.x0()) {
            double gap = Math.max(0, ab.x0() - qb.x1());
            best = Math.exp(-gap / (rowScale * h));
        }
        double hOverlap = Math.min(qb.x1(), ab.x1()) - Math.max(qb.x0(), ab.x0());
        if (hOverlap > 0 && !sameRow && qb.y0() < ab.y0()) {
            double gap = Math.max(0, ab.y0() - qb.y1());
            best = Math.max(best, aboveWeight * Math.exp(-gap / (aboveScale * h)));
        }
        return best;
    }

    /** {@code weight × prior(q, a)}: what is added to the link logit. */
    public double logitBonus(Extent q, Extent a) {
        return weight == 0 ? 0 : weight * prior(q, a);
    }
}
