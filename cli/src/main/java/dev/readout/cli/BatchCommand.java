package dev.readout.cli;

import dev.readout.cli.batch.BatchRunner;
import dev.readout.cli.batch.Manifest;
import dev.readout.cli.batch.MapJob;
import dev.readout.core.Pipeline;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code readout batch INPUT… --out DIR}: many documents, resumable, one error list. */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Process every document of one or more INPUTs (a folder, searched recursively; a zip archive;",
            "a file; or @list.txt naming one input per line) into DIR, several documents at a time.",
            "Resumable: DIR/manifest.jsonl lists finished documents by content hash and a re-run skips them;",
            "pages of an unfinished document are kept in DIR/.work and a re-run only does the rest. A document",
            "that fails is listed in DIR/errors.jsonl (file and reason) and the run goes on.",
            "Outputs per document NAME (its path relative to the input, unsafe characters replaced by _):",
            "NAME.json, NAME.txt, NAME.alto.xml, NAME.hocr.html, NAME.pdf (searchable: page image + invisible",
            "text), NAME.page/page-NNNN.xml + page-NNNN.png (PAGE-XML and the image its coordinates refer to).",
            "Exit code 0 when every document succeeded, 1 when some failed or are partial, 2 on bad usage."})
final class BatchCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Folders, zip files or files.")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
    Path out;

    @Option(names = "--formats", defaultValue = "json,text,alto,page-xml", paramLabel = "LIST",
            description = "Comma-separated: json,text,alto,hocr,page-xml,pdf (default ${DEFAULT-VALUE}).")
    String formats;

    @Option(names = "--profile", defaultValue = "document", paramLabel = "NAME", description = {
            "document|newspaper|map|auto (default ${DEFAULT-VALUE}; newspaper = document with --segmentation columns). map: every input is a map",
            "image: NAME.map.json (features: polygon in pixels, text, score, phrase), and per --formats NAME.json,",
            "NAME.txt (phrases), NAME.alto.xml (with word polygons), NAME.hocr.html; no page-xml or pdf.",
            "auto: maps for near-square or huge images (see README), documents for the rest."})
    String profile;

    @Mixin
    CommonOptions common;

    @Mixin
    MapOptionsMixin map;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<String> fmts = Arrays.stream(formats.split(",")).map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).distinct().toList();
        if (fmts.isEmpty()) {
            throw new IllegalArgumentException("--formats names no format");
        }
        PrintWriter err = spec.commandLine().getErr();
        BatchRunner.Summary s;
        String p = Profiles.check(profile);
        try (Pipeline pipeline = common.pipeline(); MapJob maps = p.equals("document") ? null : new MapJob(p, map.options())) {
            s = new BatchRunner(new BatchRunner.Config(inputs, out, fmts, common.ingestOptions(Profiles.segmentation(profile)), pipeline.workers()), pipeline, err, maps).run();
        }
        err.printf(Locale.ROOT, "batch: %d document(s): %d processed, %d skipped (done by an earlier run), %d failed, %d partial; "
                + "%d page(s) in %.1f s = %.2f pages/s; outputs in %s%s%n", s.documents(), s.processed(), s.skipped(), s.failed(),
                s.partial(), s.pages(), s.seconds(), s.pagesPerSecond(), out,
                s.failed() + s.partial() > 0 ? "; errors in " + out.resolve(Manifest.ERRORS) : "");
        err.flush();
        return s.failed() + s.partial() > 0 ? 1 : 0;
    }
}
