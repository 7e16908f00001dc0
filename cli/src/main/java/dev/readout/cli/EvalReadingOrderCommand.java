package dev.readout.cli;

import dev.readout.core.export.PageView;
import dev.readout.core.model.Line;
import dev.readout.core.stage.PageStage;
import dev.readout.core.stage.ReadingOrderModel;
import dev.readout.eval.order.HrdocReader;
import dev.readout.eval.order.OrderedPage;
import dev.readout.eval.order.PageXmlReader;
import dev.readout.eval.order.ReadingOrderEvaluation;
import dev.readout.eval.order.ReadingOrderReport;
import dev.readout.eval.order.SynthReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code readout eval reading-order}: every reading-order model side by side on ground-truth line order. */
@Command(name = "reading-order", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Scores every available reading-order model (PageStage services that are",
            "ReadingOrderModels, e.g. xycut) on ground-truth line order, side by side.",
            "  --format page-xml  DIR holds PAGE-XML files (searched recursively). Units:",
            "    text lines; gold order: regions in ReadingOrder order, then the region's",
            "    TextLines by their custom 'readingOrder {index:n;}' (document order if",
            "    absent); lines of unreferenced regions are left out. Box: bounding box of",
            "    the line's Coords polygon; page size: Page imageWidth/imageHeight. The",
            "    SeparatorRegions (printed rules) come with the page as separator regions.",
            "  --format hrdoc     DIR holds HRDoc <doc>.json files (searched recursively).",
            "    Units: the lines of one page, gold order = their order in the file.",
            "  --format synth     DIR holds page JSONs from 'readout make-reading-order-data'.",
            "    Units: the lines (the pieces our ingest cut them into; with --whole-lines",
            "    the pieces of one generated line joined); gold order = their order in 'lines'.",
            "Each page's lines reach the models shuffled (fixed seed), with ids that carry",
            "no order. Metrics, per page, then averaged over pages:",
            "  BLEU-4  predicted ids (candidate) vs gold ids (reference); clipped n-gram",
            "    precisions up to N=min(4, n), geometric mean, brevity penalty.",
            "  ARD     LayoutReader's Average Relative Distance: mean over gold units of",
            "    |gold position - predicted position| (n when missing), in positions;",
            "    ARD/n that divided by the page's unit count. Lower is better.",
            "  Kendall tau  tau-a between gold and predicted positions (1 = same order,",
            "    -1 = reversed)."})
public final class EvalReadingOrderCommand implements Callable<Integer> {
    @Option(names = "--format", required = true, paramLabel = "page-xml|hrdoc|synth", description = "Ground-truth format.")
    String format;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Ground-truth folder.")
    Path data;

    @Option(names = "--json", description = "Print a JSON object instead of a table.")
    boolean json;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "Only the first N pages, in file name order (default: all).")
    int limit;

    @Option(names = "--whole-lines", description = "synth only: score whole generated lines instead of the pieces our ingest cut them into.")
    boolean wholeLines;

    @Option(names = "--verbose", description = "Print, on stderr, each page's scores per model and, where a model's order differs from the gold one, its order cut into runs that follow the gold order (predicted and gold positions, first line of each run).")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(data)) {
            throw new IllegalArgumentException("--data: no such folder: " + data);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("--limit must not be negative");
        }
        if (wholeLines && !"synth".equals(format)) {
            throw new IllegalArgumentException("--whole-lines applies to --format synth only");
        }
        List<OrderedPage> pages = switch (format) {
            case "page-xml" -> PageXmlReader.readAll(data, limit);
            case "hrdoc" -> HrdocReader.readAll(data, limit);
            case "synth" -> SynthReader.readAll(data, limit, wholeLines);
            default -> throw new IllegalArgumentException("--format must be page-xml, hrdoc or synth: " + format);
        };
        if (pages.isEmpty()) {
            throw new IllegalArgumentException("--data: no " + format + " ground truth found in " + data);
        }
        List<ReadingOrderModel> models = new ArrayList<>();
        for (PageStage s : ServiceLoader.load(PageStage.class)) {
            if (s instanceof ReadingOrderModel m && s.available()) {
                models.add(m);
            }
        }
        if (models.isEmpty()) {
            throw new IllegalStateException("no reading-order model found (is readout-reader on the class path?)");
        }
        ReadingOrderReport report = new ReadingOrderReport(format, pages.size(), ReadingOrderEvaluation.run(models, pages,
                verbose ? r -> printPage(spec.commandLine().getErr(), r) : r -> { }));
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? report.toJson() + "\n" : report.toTable());
        out.flush();
        return 0;
    }

    /** The page's scores and, unless the order is right, its runs of lines in gold order: positions, gold positions, first line. */
    static void printPage(PrintWriter err, ReadingOrderEvaluation.PageResult r) {
        err.printf(Locale.ROOT, "%s  %-14s BLEU-4 %.4f  ARD %.2f  tau %.4f%n", r.page().name(), r.model(), r.bleu(), r.ard(), r.kendallTau());
        List<String> gold = r.page().gold();
        if (r.predicted().equals(gold)) {
            err.flush();
            return;
        }
        Map<String, Integer> goldPos = new HashMap<>();
        for (int i = 0; i < gold.size(); i++) {
            goldPos.put(gold.get(i), i);
        }
        PageView view = new PageView(r.page().page());
        Map<String, String> lineText = new HashMap<>();
        for (Line l : r.page().page().lines()) {
            lineText.put(l.id(), view.text(l));
        }
        // the predicted order cut into runs that follow the gold order; each run: positions, gold positions, first line
        List<String> pred = r.predicted();
        int start = 0;
        for (int i = 1; i <= pred.size(); i++) {
            Integer prev = goldPos.get(pred.get(i - 1));
            Integer cur = i < pred.size() ? goldPos.get(pred.get(i)) : null;
            if (i < pred.size() && prev != null && cur != null && cur == prev + 1) {
                continue;
            }
            Integer first = goldPos.get(pred.get(start));
            String text = lineText.getOrDefault(pred.get(start), "");
            err.printf(Locale.ROOT, "    at %4d-%-4d gold %9s: %s%n", start, i - 1,
                    first == null ? "-" : first + "-" + prev, text.length() > 60 ? text.substring(0, 60) + "…" : text);
            start = i;
        }
        err.flush();
    }
}
