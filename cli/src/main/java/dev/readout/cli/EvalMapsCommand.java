package dev.readout.cli;

import dev.readout.core.stage.Limits;
import dev.readout.eval.Json;
import dev.readout.eval.maps.MapEvaluation;
import dev.readout.eval.maps.MapGroundTruth;
import dev.readout.ingest.maps.MapOutputs;
import dev.readout.ingest.maps.MapTextReader;
import dev.readout.ingest.maps.PpOcrModel;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code readout eval maps --data DIR}: map text detection and reading against word polygons. */
@Command(name = "maps", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Map text against word-level ground truth in the map_ocr_gt layout: one",
            "folder per map, NAME/NAME.png with NAME.geojson (or NAME.shp + NAME.dbf);",
            "polygons in image pixels with y negated; text in Label/Text/TEXT/text.",
            "Each image goes through the map reader (tiles, PP-OCRv4 DB detection at",
            "any rotation, cross-tile merge, PP-OCRv4 recognition, word splitting).",
            "  detection P/R/F1: our word polygons against the gold word polygons,",
            "    one to one at IoU >= 0.5, greedy by decreasing IoU. A gold word that",
            "    is an axis-aligned rectangle (the annotators' way, rotated words",
            "    included) is compared with the bounding box of our polygon;",
            "  end-to-end P/R/F1: the same over the pairs whose texts are also equal,",
            "    ignoring case.",
            "Counts are summed over the maps. JSON: detection.{precision,recall,f1},",
            "end_to_end.{precision,recall,f1}, maps, seconds, seconds_per_map, per_map."})
final class EvalMapsCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Folder of map folders (or one map folder).")
    Path data;

    @Option(names = "--json", description = "Print a JSON object instead of a table.")
    boolean json;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "Only the first N maps, in name order (default: all).")
    int limit;

    @Option(names = "--dump", paramLabel = "DIR", description = "Also write each map's labels as NAME.map.json (features) into DIR.")
    Path dump;

    @Option(names = "--verbose", description = "List each found word with the gold word it overlaps most (stderr).")
    boolean verbose;

    @Mixin
    MapOptionsMixin map;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(data)) {
            throw new IllegalArgumentException("--data: no such folder: " + data);
        }
        List<MapGroundTruth.GoldMap> maps = MapGroundTruth.load(data, limit);
        PrintWriter err = spec.commandLine().getErr();
        List<MapEvaluation.MapResult> results = new ArrayList<>();
        var options = map.options();
        try (PpOcrModel model = PpOcrModel.discover(options.threads()); MapTextReader reader = new MapTextReader(model, options)) {
            MapEvaluation eval = new MapEvaluation(reader, Limits.DEFAULT, line -> {
                err.println("readout eval maps: " + line);
                err.flush();
            }).verbose(verbose);
            for (MapGroundTruth.GoldMap m : maps) {
                MapEvaluation.MapResult r = eval.evaluate(m);
                results.add(r);
                if (dump != null) {
                    Files.createDirectories(dump);
                    Files.writeString(dump.resolve(m.name() + ".map.json"), MapOutputs.featuresJson(r.text(), m.image().getFileName().toString()), StandardCharsets.UTF_8);
                }
            }
        }
        Map<String, Object> s = MapEvaluation.summary(results);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.pretty(s));
        } else {
            out.printf("Map text on %d map(s)%n", results.size());
            for (String k : List.of("detection", "end_to_end")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> p = (Map<String, Object>) s.get(k);
                out.printf("%-11s precision %s recall %s F1 %s (%s matched, %s found, %s gold)%n", k, p.get("precision"), p.get("recall"),
                        p.get("f1"), p.get("matched"), p.get("predicted"), p.get("gold"));
            }
            out.printf("seconds per map %s%n", s.get("seconds_per_map"));
        }
        out.flush();
        return 0;
    }
}
