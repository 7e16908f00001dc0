package dev.readout.ingest.maps;

import java.util.List;

/**
 * What {@link MapTextReader} found on one map image.
 *
 * @param widthPx  image width in pixels
 * @param heightPx image height in pixels
 * @param labels   the labels, top to bottom then left to right by centre
 * @param phrases  the phrases grouping every label once
 * @param tiles    how many tiles the image was cut into
 * @param seconds  wall-clock time of the reading
 */
public record MapText(int widthPx, int heightPx, List<MapLabel> labels, List<MapPhrase> phrases, int tiles, double seconds) {
    public MapText {
        labels = List.copyOf(labels);
        phrases = List.copyOf(phrases);
    }
}
