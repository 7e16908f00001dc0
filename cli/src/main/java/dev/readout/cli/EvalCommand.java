package dev.readout.cli;

import dev.readout.core.stage.IngestOptions;
import dev.readout.eval.ocr.FunsdPage;
import dev.readout.eval.ocr.OcrEvaluation;
import dev.readout.eval.ocr.OcrReport;
import dev.readout.eval.ocr.OcrSystem;
import dev.readout.eval.ocr.ReadoutOcrSystem;
import dev.readout.eval.ocr.TesseractTsv;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code readout eval}: evaluations against annotated data sets. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate Readout against annotated data sets.",
        subcommands = {EvalCommand.Ocr.class, EvalFunsdCommand.class, EvalReadingOrderCommand.class, EvalNewspaperCommand.class,
            EvalSroieCommand.class, EvalFunsdQaCommand.class, EvalDocVqaCommand.class, EvalMapsCommand.class})
final class EvalCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** {@code readout eval ocr --data DIR}: word and character accuracy of our OCR path next to plain Tesseract. */
    @Command(name = "ocr", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "Scores OCR on a FUNSD-format folder (DIR/annotations/*.json with",
                "DIR/images/*.png) for two systems side by side:",
                "  readout        the Readout pipeline: scan clean-up, then Tesseract",
                "                 through libtesseract;",
                "  tesseract-cli  plain 'tesseract IMAGE stdout -l eng tsv' (psm 3), word",
                "                 rows; skipped, with a message, when the binary is missing.",
                "Gold words: every form[].words[] entry with non-blank text. All figures are",
                "micro-averaged over the pages.",
                "  word precision, recall, F1: a predicted word matches a gold word when the",
                "    texts are equal (exact, case-sensitive) and the boxes have IoU >= 0.5;",
                "    one-to-one matching, greedy by decreasing IoU.",
                "  word F1 normalized: the same with texts lower-cased and stripped of",
                "    punctuation, symbols and spaces.",
                "  CER: each predicted word goes to the gold word whose box holds its box",
                "    centre (the one with the highest IoU if several). For each gold word,",
                "    its predicted words, sorted left to right and joined by one space, are",
                "    compared with the gold text by Levenshtein distance; predicted words",
                "    that go to no gold word add their length as insertions.",
                "    CER = total edits / total gold characters (lower is better; may be > 1).",
                "  seconds: wall-clock time of each system over all pages (the systems run",
                "    one after the other, each with --workers pages in parallel).",
                "Readout boxes of a turned or deskewed page are mapped back to the source",
                "image before scoring. Set OMP_THREAD_LIMIT=1 when --workers is above 1."})
    static final class Ocr implements Callable<Integer> {
        @Option(names = "--data", required = true, paramLabel = "DIR", description = "FUNSD-format folder.")
        Path data;

        @Option(names = "--json", description = "Print a JSON object instead of a table.")
        boolean json;

        @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "Only the first N annotated images, in name order (default: all).")
        int limit;

        @Option(names = "--workers", defaultValue = "1", paramLabel = "N", description = "Pages processed in parallel by each system (default ${DEFAULT-VALUE}).")
        int workers;

        @Option(names = "--lang", defaultValue = "eng", description = "Tesseract languages joined by '+' (default ${DEFAULT-VALUE}).")
        String lang;

        @Option(names = "--no-preprocess", description = "Run the readout system without scan clean-up (deskew, orientation, despeckle, upscaling).")
        boolean noPreprocess;

        @Option(names = "--tesseract", defaultValue = "tesseract", paramLabel = "PATH", description = "Tesseract binary for the tesseract-cli system (default ${DEFAULT-VALUE}).")
        String tesseract;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (!Files.isDirectory(data)) {
                throw new IllegalArgumentException("--data: no such folder: " + data);
            }
            if (limit < 0) {
                throw new IllegalArgumentException("--limit must not be negative");
            }
            PrintWriter err = spec.commandLine().getErr();
            OcrEvaluation eval = new OcrEvaluation(workers, line -> {
                err.println("readout eval: " + line);
                err.flush();
            });
            List<FunsdPage> pages = eval.load(data, limit);
            IngestOptions options = IngestOptions.DEFAULT
                    .withLanguages(List.of(lang.split("\\+")))
                    .withPreprocess(!noPreprocess);
            Map<String, String> skipped = new LinkedHashMap<>();
            TesseractTsv cli = new TesseractTsv(tesseract, lang, 600);
            String why = cli.unavailableReason();
            if (why != null) {
                skipped.put("tesseract-cli", why);
                err.println("readout eval: tesseract-cli column skipped: " + why);
            }
            List<OcrSystem> systems = new ArrayList<>();
            try (ReadoutOcrSystem ours = ReadoutOcrSystem.discover(workers, options)) {
                systems.add(ours);
                if (why == null) {
                    systems.add(cli.asSystem());
                }
                OcrReport report = eval.run(pages, systems, skipped);
                PrintWriter out = spec.commandLine().getOut();
                out.print(json ? report.toJson() + "\n" : report.toTable());
                out.flush();
            }
            return 0;
        }
    }
}
