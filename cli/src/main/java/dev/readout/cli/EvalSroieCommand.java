package dev.readout.cli;

import dev.readout.core.Pipeline;
import dev.readout.core.model.Document;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.PageSelection;
import dev.readout.core.stage.ReadingOrderModel;
import dev.readout.eval.Json;
import dev.readout.eval.sroie.SroieEvaluation;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code readout eval sroie --data DIR}: receipt fields end to end from the images. */
@Command(name = "sroie", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "SROIE receipts end to end (DIR/img/ID.jpg, DIR/key/ID.json): our OCR, then the invoice extractor;",
            "company, date, address, total compared after normalisation (company/address: upper case, white",
            "space removed; date: same calendar date, day first; total: same number). Per-field and mean",
            "accuracy. JSON: fields.<name>.accuracy, mean_accuracy, documents. --verbose lists each receipt."})
final class EvalSroieCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "SROIE-format folder.")
    Path data;

    @Option(names = "--json", description = "Print a JSON object instead of a table.")
    boolean json;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "Only the first N receipts (default: all).")
    int limit;

    @Option(names = "--documents", paramLabel = "DIR", description = {
        "Cache of processed receipts: DIR/ID.json is read when present, else written after OCR, so the",
        "extractor can be re-run without OCR. Empty it when OCR code or options change."})
    Path documents;

    @Option(names = "--verbose", description = "Print gold and predicted values of every receipt.")
    boolean verbose;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(data.resolve("key")) || !Files.isDirectory(data.resolve("img"))) {
            throw new IllegalArgumentException("--data: expected key/ and img/ folders in " + data);
        }
        List<String> ids = SroieEvaluation.ids(data, limit);
        List<SroieEvaluation.Receipt> out = new ArrayList<>();
        PrintWriter w = spec.commandLine().getOut();
        IngestOptions options = common.ingestOptions();
        try (Pipeline pipeline = Pipeline.discover(common.workers(), s -> s instanceof ReadingOrderModel)) {
            Function<Path, Document> reader = img -> pipeline.process(img, img.getFileName().toString(), options, PageSelection.ALL, null);
            for (String id : ids) {
                SroieEvaluation.Receipt r = SroieEvaluation.evaluate(reader, data, id, documents);
                out.add(r);
                if (verbose) {
                    for (String f : SroieEvaluation.FIELDS) {
                        w.printf("%s %-8s %s gold=%s | ours=%s%n", id, f, r.correct().get(f) ? "OK " : "BAD", r.gold().get(f), r.predicted().get(f));
                    }
                }
            }
        }
        Map<String, Object> summary = SroieEvaluation.summary(out);
        if (json) {
            w.println(Json.pretty(summary));
        } else {
            w.printf("SROIE fields on %d receipt(s), end to end from the images%n", out.size());
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> fields = (Map<String, Map<String, Object>>) summary.get("fields");
            fields.forEach((name, f) -> w.printf("%-8s accuracy %s (%s correct)%n", name, f.get("accuracy"), f.get("correct")));
            w.printf("mean     accuracy %s%n", summary.get("mean_accuracy"));
        }
        w.flush();
        return 0;
    }
}
