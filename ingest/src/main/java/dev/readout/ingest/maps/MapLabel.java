package dev.readout.ingest.maps;

import dev.readout.core.geometry.Polygons;
import dev.readout.core.model.Box;

/**
 * One text label found on a map: a word, or a run of letters the detector saw as one.
 *
 * @param id             {@code p1-w<n>}, the id of the same word in the {@link dev.readout.core.model.Document} form
 * @param polygon        the rotated rectangle around the text in image pixels (origin top-left, y down), as
 *                       {@code [x0, y0, …, x3, y3]}: top-left, top-right, bottom-right, bottom-left as the text
 *                       reads; shared, do not modify
 * @param text           what was read, never blank
 * @param score          recognition confidence 0–1 (mean probability of the characters)
 * @param detectionScore mean text probability inside the detector's box, 0–1
 * @param angleDeg       reading direction in degrees, counter-clockwise from the x axis, in (-180, 180]
 * @param phraseId       the phrase (line) the label belongs to, {@code p1-l<n>}
 */
public record MapLabel(String id, double[] polygon, String text, double score, double detectionScore, double angleDeg,
                       String phraseId) {

    /** The axis-aligned box around the polygon. */
    public Box box() {
        return Polygons.bounds(polygon);
    }

    /** Height of the text (the rectangle's short side along the reading direction), in pixels. */
    public double heightPx() {
        return Math.hypot(polygon[6] - polygon[0], polygon[7] - polygon[1]);
    }

    /** Length of the text along its reading direction, in pixels. */
    public double lengthPx() {
        return Math.hypot(polygon[2] - polygon[0], polygon[3] - polygon[1]);
    }
}
