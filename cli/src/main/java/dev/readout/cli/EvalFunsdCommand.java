package dev.readout.cli;

import dev.readout.core.Pipeline;
import dev.readout.core.error.EngineUnavailableException;
import dev.readout.core.model.Page;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.Ingestor;
import dev.readout.core.stage.PageStage;
import dev.readout.eval.funsd.FunsdEvaluation;
import dev.readout.eval.funsd.FunsdForm;
import dev.readout.eval.funsd.FunsdFormReader;
import dev.readout.eval.funsd.FunsdReport;
import dev.readout.eval.funsd.GoldWordsTagger;
import dev.readout.layout.onnx.DefaultLayoutStage;
import dev.readout.layout.onnx.LayoutModels;
import dev.readout.layout.onnx.OnnxLayoutModel;
import dev.readout.layout.onnx.PageAnalysis;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code readout eval funsd}: the layout model (entities, question → answer links) against FUNSD annotations. */
@Command(name = "funsd", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Scores the layout model on a FUNSD-format folder (DIR/annotations/*.json with",
            "DIR/images/*.png; image sizes from the PNG headers).",
            "Entities: header, question, answer ('other' is no entity); micro precision,",
            "recall and F1 over all entities of all forms, and F1 per label.",
            "  --words gold  the annotated words and boxes go in. As seqeval (default mode):",
            "    gold BIO tags per word in the model's input order (B-X at an entity's first",
            "    word in that order, I-X when the previous word is of the same entity), the",
            "    model's decoded tags, chunks compared by (label, first word, last word).",
            "    Linking given the gold entities: every (gold question, gold answer) pair of",
            "    a form is scored by the model from the gold entities' words and linked by",
            "    its threshold and rule (config.json 'link'); a link is correct when the",
            "    annotation links the pair (either direction).",
            "  --words ocr   the full pipeline runs on the image (ingest, OCR, reading order,",
            "    layout). A predicted entity matches a gold one (one-to-one, greedy: text",
            "    matches first, then by IoU) when the labels are equal and either the texts",
            "    are equal after lower-casing and removing punctuation, symbols and spaces",
            "    (an entity's text: its words joined by spaces; not empty) or the boxes",
            "    (union of its word boxes, in source-image pixels) have IoU >= 0.5. Linking is",
            "    end to end: a predicted relation is correct when its two entities match gold",
            "    entities that the annotation links.",
            "  --split val   only the validation forms listed in the model's config.json",
            "    (data.val_names): forms not used to train the model. --split train: the",
            "    other forms (those the model was trained on; for choosing decoding settings",
            "    such as --geometry-weight without looking at the validation forms).",
            "  seconds: wall-clock time of the evaluation (reading, OCR, model)."})
public final class EvalFunsdCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "FUNSD-format folder.")
    Path data;

    @Option(names = "--words", defaultValue = "gold", paramLabel = "gold|ocr",
            description = "Annotated words (gold) or the OCR pipeline's words (ocr) (default ${DEFAULT-VALUE}).")
    String words;

    @Option(names = "--split", defaultValue = "all", paramLabel = "all|val|train",
            description = "all forms, only the model's validation forms, or only the others (default ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--geometry-weight", paramLabel = "W",
            description = "Weight of the layout prior on links instead of the model's link.geometry.weight (0: off).")
    Double geometryWeight;

    @Option(names = "--model", paramLabel = "DIR",
            description = "Layout model folder (default: found as 'readout extract' finds it: -Dreadout.models,"
                    + " READOUT_MODELS, or models/layout-* above the working directory).")
    Path model;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "Only the first N forms, in name order (default: all).")
    int limit;

    @Option(names = "--json", description = "Print a JSON object instead of a table.")
    boolean json;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "N", description = "Forms evaluated in parallel (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N", description = "ONNX Runtime threads per inference (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--lang", defaultValue = "eng", description = "Tesseract languages for --words ocr (default ${DEFAULT-VALUE}).")
    String lang;

    @Option(names = "--ocr-engine", defaultValue = "tesseract", paramLabel = "tesseract|ppocr",
            description = "The engine that reads the images for --words ocr (default ${DEFAULT-VALUE}; see readout extract).")
    String ocrEngine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isDirectory(data)) {
            throw new IllegalArgumentException("--data: no such folder: " + data);
        }
        if (!words.equals("gold") && !words.equals("ocr")) {
            throw new IllegalArgumentException("--words must be gold or ocr: " + words);
        }
        if (!split.equals("all") && !split.equals("val") && !split.equals("train")) {
            throw new IllegalArgumentException("--split must be all, val or train: " + split);
        }
        if (geometryWeight != null && !(geometryWeight >= 0)) {
            throw new IllegalArgumentException("--geometry-weight must not be negative: " + geometryWeight);
        }
        if (limit < 0 || workers < 1 || threads < 1) {
            throw new IllegalArgumentException("--limit must not be negative; --workers and --threads must be at least 1");
        }
        Path dir = model;
        if (dir == null) {
            LayoutModels.Located found = LayoutModels.locate();
            dir = found.dir().orElseThrow(() -> new IllegalArgumentException(
                    "no layout model found (" + found.reason() + "): pass --model DIR"));
        }
        PrintWriter err = spec.commandLine().getErr();
        FunsdEvaluation eval = new FunsdEvaluation(workers, line -> {
            err.println("readout eval funsd: " + line);
            err.flush();
        });
        double w = geometryWeight == null ? Double.NaN : geometryWeight;
        try (OnnxLayoutModel m = OnnxLayoutModel.load(dir, new OnnxLayoutModel.Options(threads, 8, w))) {
            List<String> val = m.config().validationNames();
            if (!split.equals("all") && val.isEmpty()) {
                throw new IllegalArgumentException("--split " + split + ": " + dir.resolve("config.json")
                        + " lists no validation forms (data.val_names)");
            }
            List<FunsdForm> forms = FunsdFormReader.readAll(data, split.equals("val") ? val : null, limit);
            if (split.equals("train")) {
                java.util.Set<String> held = java.util.Set.copyOf(val);
                forms = forms.stream().filter(f -> !held.contains(f.name())).toList();
            }
            if (forms.isEmpty()) {
                throw new IllegalArgumentException("no FUNSD forms in " + data);
            }
            FunsdReport report = words.equals("gold") ? eval.runGold(forms, tagger(m)) : runOcr(eval, forms, m);
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? report.toJson() + "\n" : report.toTable());
            out.flush();
        }
        return 0;
    }

    /** The layout model as the gold-words evaluation sees it. */
    static GoldWordsTagger tagger(OnnxLayoutModel m) {
        return new GoldWordsTagger() {
            @Override
            public String name() {
                return m.name();
            }

            @Override
            public Result tag(Page page, List<List<String>> questions, List<List<String>> answers) {
                PageAnalysis a = m.analyze(page);
                return new Result(a.wordIds(), a.tags(), a.links(questions, answers));
            }
        };
    }

    /** The pipeline as {@code readout extract} assembles it, with this model as its layout stage. */
    private FunsdReport runOcr(FunsdEvaluation eval, List<FunsdForm> forms, OnnxLayoutModel m) {
        Ingestor ingestor = ServiceLoader.load(Ingestor.class).findFirst().orElseThrow(() ->
                new EngineUnavailableException("no ingestor on the class path: add the readout-ingest module"));
        IngestOptions options = IngestOptions.DEFAULT.withLanguages(List.of(lang.split("\\+")))
                .withOcrEngine(dev.readout.core.stage.OcrEngineKind.parse(ocrEngine));
        List<PageStage> stages = new ArrayList<>();
        for (ServiceLoader.Provider<PageStage> p : ServiceLoader.load(PageStage.class).stream().toList()) {
            if (!DefaultLayoutStage.class.isAssignableFrom(p.type())) {
                stages.add(p.get());
            }
        }
        stages.add(m);
        try (Pipeline pipeline = new Pipeline(ingestor, stages, 1)) {
            ingestor.checkAvailable(options);
            return eval.runOcr(forms, pipeline, options, m.name());
        } finally {
            for (PageStage s : stages) {
                if (s != m && s instanceof AutoCloseable c) {
                    closeQuietly(c);
                }
            }
            if (ingestor instanceof AutoCloseable c) {
                closeQuietly(c);
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // native handles: nothing more to do
        }
    }
}
