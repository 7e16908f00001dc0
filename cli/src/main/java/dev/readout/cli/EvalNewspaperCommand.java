package dev.readout.cli;

import dev.readout.core.Pipeline;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.Segmentation;
import dev.readout.eval.Json;
import dev.readout.eval.newspaper.NewspaperEvaluation;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code readout eval newspaper --data DIR}: regions, reading order and OCR of newspaper pages against PAGE-XML. */
@Command(name = "newspaper", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "End to end on newspaper scans with PAGE-XML ground truth (e.g. ../shared/datasets/nzz_newspaper_gt):",
            "DIR holds PAGE-XML files and, anywhere below it, the images they name (imageFilename). Each image goes",
            "through the whole pipeline (clean-up, OCR with --lang, default frk for Fraktur, reading order); our",
            "boxes are mapped back onto the ground-truth image. Pages are evaluated --workers at a time; the",
            "segmentation is columns unless --segmentation says otherwise.",
            "  regions  our regions vs the TextRegions with Coords: one-to-one, greedy by IoU, IoU >= 0.5;",
            "           precision / recall / F1 micro-averaged over pages.",
            "  reading_order  over matched regions: the ground truth's ReadingOrder vs our region order,",
            "           page-level BLEU-4 and ARD, averaged over pages.",
            "  cer      per ground-truth line: our words whose centre is inside the line box, left to right,",
            "           vs the line text, both normalised (NFC, long s -> s, '¬' -> '-', spaces collapsed);",
            "           total edits / total ground-truth characters."})
final class EvalNewspaperCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "PAGE-XML ground truth and images.")
    Path data;

    @Option(names = "--json", description = "Print a JSON object instead of a table.")
    boolean json;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "Only the first N pages (default: all).")
    int limit;

    @Option(names = "--verbose", description = "Also print each page's worst lines (ground truth, ours, edits) and its unmatched ground-truth regions on stderr.")
    boolean verbose;

    @Option(names = "--dump", paramLabel = "DIR", description = "Also write each page's processed document (the JSON of readout extract) into DIR as IMAGE-NAME.json.")
    Path dump;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(data)) {
            throw new IllegalArgumentException("--data: no such folder: " + data);
        }
        IngestOptions options = common.ingestOptions(Segmentation.COLUMNS);
        if (!spec.commandLine().getParseResult().hasMatchedOption("--lang")) {
            options = options.withLanguages(List.of("frk"));
        }
        List<NewspaperEvaluation.Item> items = NewspaperEvaluation.items(data, limit);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("--data: no PAGE-XML page with its image found in " + data);
        }
        List<NewspaperEvaluation.PageResult> results = new ArrayList<>();
        long t0 = System.nanoTime();
        // pages in parallel, --workers at a time (each is a one-page document)
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(common.workers(), items.size()));
        try (Pipeline pipeline = Pipeline.discover(common.workers(), s -> s instanceof dev.readout.core.stage.ReadingOrderModel)) {
            final IngestOptions opts = options;
            List<Future<NewspaperEvaluation.PageResult>> futures = new ArrayList<>();
            for (NewspaperEvaluation.Item it : items) {
                futures.add(pool.submit(() -> NewspaperEvaluation.evaluate(pipeline, opts, it, dump)));
            }
            for (Future<NewspaperEvaluation.PageResult> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception ex ? ex : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> summary = new LinkedHashMap<>(NewspaperEvaluation.summary(results));
        summary.put("wall_seconds", Math.round(wall * 10) / 10.0);
        summary.put("segmentation", options.segmentation().key());
        summary.put("region_grouping", switch (options.segmentation()) {
            // say so: on the NZZ ground truth this figure is in-sample (held out, page by page, it is lower: MODEL.md)
            case COLUMNS -> "learned: models/region-breaks-nzz, trained on the 10 NZZ ground-truth pages";
            case COLUMNS_RULES -> "typographic rules";
            case AUTO -> "tesseract blocks, typographic rules";
        });
        PrintWriter out = spec.commandLine().getOut();
        if (verbose) {
            PrintWriter err = spec.commandLine().getErr();
            for (NewspaperEvaluation.PageResult r : results) {
                err.println("== " + r.name());
                for (NewspaperEvaluation.LineError e : r.worstLines()) {
                    err.printf(Locale.ROOT, "%4d  want: %s%n      got:  %s%n", e.edits(), e.want(), e.got());
                }
                for (String m : r.missedRegions()) {
                    err.println("  missed region: " + m);
                }
            }
            err.flush();
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>(summary);
            m.put("languages", String.join("+", options.languages()));
            out.println(Json.pretty(m));
        } else {
            out.printf(Locale.ROOT, "Newspaper pages: %d (languages %s)%n%n%-48s %6s %6s %6s %7s %7s %7s %7s%n", results.size(),
                    String.join("+", options.languages()), "page", "gt", "ours", "match", "BLEU", "ARD", "CER", "s");
            for (NewspaperEvaluation.PageResult r : results) {
                out.printf(Locale.ROOT, "%-48s %6d %6d %6d %7.3f %7.2f %7.3f %7.1f%n", r.name(), r.gtRegions(), r.predRegions(), r.matched(),
                        r.bleu(), r.ard(), r.chars() == 0 ? 0 : r.edits() / (double) r.chars(), r.seconds());
            }
            out.println();
            out.println(Json.pretty(summary));
        }
        out.flush();
        return 0;
    }
}
