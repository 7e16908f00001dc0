package dev.readout.eval.maps;

import dev.readout.core.stage.Limits;
import dev.readout.eval.funsd.Prf;
import dev.readout.ingest.FormatSniffer;
import dev.readout.ingest.image.ImageDecoder;
import dev.readout.ingest.maps.MapLabel;
import dev.readout.ingest.maps.MapText;
import dev.readout.ingest.maps.MapTextReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Map text end to end: each gold map's image through {@link MapTextReader}, our labels scored against the gold
 * words by {@link MapMetrics}; counts summed over the maps (micro average).
 */
public final class MapEvaluation {
    private final MapTextReader reader;
    private final Limits limits;
    private final Consumer<String> log;
    private boolean verbose;

    /** Also log each predicted word with the gold word it overlaps most. */
    public MapEvaluation verbose(boolean v) {
        this.verbose = v;
        return this;
    }

    public MapEvaluation(MapTextReader reader, Limits limits, Consumer<String> log) {
        this.reader = reader;
        this.limits = limits;
        this.log = log;
    }

    /** The result of one map. */
    public record MapResult(String name, MapMetrics.Scores scores, int gold, int predicted, double seconds, MapText text) {
    }

    public MapResult evaluate(MapGroundTruth.GoldMap map) {
        ImageDecoder.Decoded img = new ImageDecoder(map.image(), FormatSniffer.sniff(map.image()), limits).decode(0);
        MapText t = reader.read(img.gray());
        List<MapMetrics.Predicted> pred = new ArrayList<>();
        for (MapLabel l : t.labels()) {
            pred.add(new MapMetrics.Predicted(l.polygon(), l.text()));
        }
        MapMetrics.Scores s = MapMetrics.score(pred, map.words());
        if (verbose) {
            MapMetrics.explain(pred, map.words()).forEach(l -> log.accept(map.name() + ": " + l));
        }
        log.accept(String.format(java.util.Locale.ROOT, "%s: %d gold, %d found, detection F1 %.3f, end-to-end F1 %.3f, %.1f s",
                map.name(), map.words().size(), pred.size(), s.detection().f1(), s.endToEnd().f1(), t.seconds()));
        return new MapResult(map.name(), s, map.words().size(), pred.size(), t.seconds(), t);
    }

    /** The report: detection and end_to_end precision/recall/F1, per-map figures, maps, seconds. */
    public static Map<String, Object> summary(List<MapResult> results) {
        MapMetrics.Scores total = new MapMetrics.Scores(Prf.ZERO, Prf.ZERO);
        double seconds = 0;
        Map<String, Object> perMap = new LinkedHashMap<>();
        for (MapResult r : results) {
            total = total.plus(r.scores());
            seconds += r.seconds();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("gold", r.gold());
            m.put("predicted", r.predicted());
            m.put("detection_f1", round(r.scores().detection().f1()));
            m.put("end_to_end_f1", round(r.scores().endToEnd().f1()));
            m.put("seconds", round(r.seconds()));
            perMap.put(r.name(), m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("detection", prf(total.detection()));
        out.put("end_to_end", prf(total.endToEnd()));
        out.put("maps", results.size());
        out.put("seconds", round(seconds));
        out.put("seconds_per_map", results.isEmpty() ? 0 : round(seconds / results.size()));
        out.put("per_map", perMap);
        return out;
    }

    private static Map<String, Object> prf(Prf p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("precision", round(p.precision()));
        m.put("recall", round(p.recall()));
        m.put("f1", round(p.f1()));
        m.put("matched", p.tp());
        m.put("predicted", p.predicted());
        m.put("gold", p.gold());
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 10000.0) / 10000.0;
    }
}
