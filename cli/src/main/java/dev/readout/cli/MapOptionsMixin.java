package dev.readout.cli;

import dev.readout.ingest.maps.MapOptions;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Options of map text reading (tiling, DB detection, upside-down labels); defaults are {@link MapOptions#DEFAULT}. */
final class MapOptionsMixin {
    @Option(names = "--tile", paramLabel = "PX", description = "Map tiles: side in pixels (default 512).")
    Integer tile;

    @Option(names = "--overlap", paramLabel = "PX", description = "Map tiles: overlap in pixels (default 128).")
    Integer overlap;

    @Option(names = "--det-scale", paramLabel = "F", description = "Map text detection: each tile seen at F times its size (default 2.0).")
    Double detScale;

    @Option(names = "--bin-thresh", paramLabel = "P", description = "Map text detection: probability above which a pixel is text (default 0.2).")
    Double binThresh;

    @Option(names = "--box-thresh", paramLabel = "P", description = "Map text detection: least mean text probability of a box (default 0.4).")
    Double boxThresh;

    @Option(names = "--unclip", paramLabel = "R", description = "Map text detection: unclip ratio (default 2.0).")
    Double unclip;

    @Option(names = "--upside-down", paramLabel = "MODE", description = "Map labels upside down: both|classifier|none (default both: read both ways up, keep the turned reading when its score is higher by 0.1).")
    String upsideDown;

    @Option(names = "--reader", paramLabel = "NAME", description = "Map label reader: ppocr|tesseract (default ppocr).")
    String reader;

    @Option(names = "--min-score", paramLabel = "P", description = "Map labels read with a lower score are dropped (default 0.7).")
    Double minScore;

    MapOptions options() {
        MapOptions d = MapOptions.DEFAULT;
        MapOptions o = d.withTiles(tile == null ? d.tileSizePx() : tile, overlap == null ? d.overlapPx() : overlap)
                .withDetection(detScale == null ? d.detectionScale() : detScale, binThresh == null ? d.binaryThreshold() : binThresh,
                        boxThresh == null ? d.boxThreshold() : boxThresh, unclip == null ? d.unclipRatio() : unclip)
                .withMinScore(minScore == null ? d.minScore() : minScore);
        if (upsideDown != null) {
            try {
                o = o.withUpsideDown(MapOptions.UpsideDown.valueOf(upsideDown.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--upside-down must be both, classifier or none, not '" + upsideDown + "'");
            }
        }
        if (reader != null) {
            try {
                o = o.withReader(MapOptions.Reader.valueOf(reader.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--reader must be ppocr or tesseract, not '" + reader + "'");
            }
        }
        return o;
    }
}
