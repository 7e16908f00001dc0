package dev.readout.cli;

import dev.readout.cli.synth.SynthDataset;
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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (pages < 1) {
            throw new IllegalArgumentException("--pages must be at least 1");
        }
        try (SynthDataset ds = new SynthDataset()) {
            int n = ds.writeAll(out, pages, seed);
            PrintWriter w = spec.commandLine().getOut();
            w.printf("wrote %d page(s) to %s (%d rejected by the line matcher and regenerated)%n", n, out, ds.rejected());
            w.flush();
            return n == pages ? 0 : 1;
        }
    }
}
