package dev.readout.cli;

import dev.readout.cli.samples.SampleGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code readout make-samples}: (re)generates the project's sample documents. */
@Command(name = "make-samples", mixinStandardHelpOptions = true,
        description = "Generate the project's sample documents (invoice and two-column article PDFs, a skewed noisy"
                + " scan PNG, a 3-page Group 4 TIFF). Deterministic: the same build writes the same bytes.")
final class MakeSamplesCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "sample-docs", description = "Folder to write to (default ${DEFAULT-VALUE}).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        for (Path p : SampleGenerator.generateAll(out)) {
            w.printf("wrote %s (%,d bytes)%n", p, Files.size(p));
        }
        w.flush();
        return 0;
    }
}
