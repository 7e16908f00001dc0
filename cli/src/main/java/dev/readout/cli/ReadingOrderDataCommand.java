package dev.readout.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.readout.cli.synth.OrderTrainingJson;
import dev.readout.cli.synth.SynthDataset;
import dev.readout.eval.order.HrdocReader;
import dev.readout.eval.order.OrderedPage;
import dev.readout.eval.order.PageXmlReader;
import dev.readout.eval.order.SynthReader;
import java.nio.file.Files;
import java.util.List;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code readout make-reading-order-data}: synthetic pages with known line order (see training/README.md). */
@Command(name = "make-reading-order-data", mixinStandardHelpOptions = true,
        description = {"Generate synthetic pages with known reading order (1-4 columns, spanning headlines,",
            "running heads, footers, captions, sidebars, tables), render them as PDFs, pass them through",
            "Readout's own text-layer ingestion and write one JSON per page (lines in reading order, boxes",
            "in pixels at 300 dpi). Deterministic for a seed. Read by 'readout eval reading-order --format synth'."})
final class ReadingOrderDataCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write page-NNNNN.json to.")
    Path out;

    @Option(names = "--pages", defaultValue = "100", paramLabel = "N", description = "Number of pages (default ${DEFAULT-VALUE}).")
    int pages;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--from", paramLabel = "FORMAT", description = {
        "Instead of generating pages, convert gold pages read from --data (page-xml, hrdoc or synth, as in",
        "'readout eval reading-order'; synth-lines: synth with each generated line's pieces merged) into training",
        "pages for training/train_order.py: lines in gold order",
        "plus the XY-cut order of the same lines (format " + OrderTrainingJson.FORMAT + ")."})
    String from;

    @Option(names = "--templates", defaultValue = "1", paramLabel = "SET", description = {
        "Generator template set: 1 (default), 2 (adds feuilleton bands below the line and page numbers tight under",
        "the columns, off centre in the gutter) or 3 (2 plus figures reaching into the gutter, given as units of",
        "their own before their captions, as HRDoc annotates figures)."})
    int templates;

    @Option(names = "--data", paramLabel = "DIR", description = "Gold pages to convert (with --from).")
    Path data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (from != null) {
            return convert();
        }
        if (pages < 1) {
            throw new IllegalArgumentException("--pages must be at least 1");
        }
        if (templates < 1 || templates > 3) {
            throw new IllegalArgumentException("--templates must be 1, 2 or 3: " + templates);
        }
        try (SynthDataset ds = new SynthDataset().templates(templates)) {
            int n = ds.writeAll(out, pages, seed);
            PrintWriter w = spec.commandLine().getOut();
            w.printf("wrote %d page(s) to %s (%d rejected by the line matcher and regenerated)%n", n, out, ds.rejected());
            w.flush();
            return n == pages ? 0 : 1;
        }
    }

    private int convert() throws IOException {
        if (data == null || !Files.isDirectory(data)) {
            throw new IllegalArgumentException("--from needs --data DIR, an existing folder: " + data);
        }
        List<OrderedPage> gold = switch (from) {
            case "page-xml" -> PageXmlReader.readAll(data, 0);
            case "hrdoc" -> HrdocReader.readAll(data, 0);
            case "synth" -> SynthReader.readAll(data, 0);
            case "synth-lines" -> SynthReader.readAll(data, 0, true);
            default -> throw new IllegalArgumentException("--from must be page-xml, hrdoc, synth or synth-lines: " + from);
        };
        Files.createDirectories(out);
        ObjectMapper om = new ObjectMapper();
        int n = 0;
        for (OrderedPage p : gold) {
            if (p.gold().isEmpty()) {
                continue;
            }
            String file = String.format("%05d-%s.json", n + 1, p.name().replaceAll("[^A-Za-z0-9._-]+", "_"));
            om.writeValue(out.resolve(file).toFile(), OrderTrainingJson.of(om, p));
            n++;
        }
        PrintWriter w = spec.commandLine().getOut();
        w.printf("wrote %d training page(s) to %s%n", n, out);
        w.flush();
        return n > 0 ? 0 : 1;
    }
}
