package dev.readout.cli;

import dev.readout.core.Pipeline;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.OcrEngineKind;
import dev.readout.eval.Json;
import dev.readout.eval.funsd.FunsdForm;
import dev.readout.eval.funsd.FunsdFormReader;
import dev.readout.eval.qa.FunsdQaEvaluation;
import dev.readout.layout.LayoutModelConfig;
import dev.readout.layout.onnx.LayoutModels;
import dev.readout.layout.onnx.OnnxLayoutModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code readout eval funsd-qa --data DIR}: FUNSD key → value links as questions, end to end from the images. */
@Command(name = "funsd-qa", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "FUNSD as question answering, end to end: each image goes through the whole pipeline (OCR, reading",
            "order, layout model); for every annotated question -> answer link the question's text is asked",
            "('readout ask') and the answer compared with the gold answer text after normalisation (lower case,",
            "white space collapsed, white space beside punctuation removed -- FUNSD's gold words are cut at",
            "punctuation: '10/ 13/ 99' -- , punctuation trimmed at the ends). JSON: accuracy, exact_accuracy,",
            "answered, ceiling (the best reachable: a question text linked to several answers on a form gets one",
            "answer), questions, documents. --split val keeps the forms the layout model was not trained on (the QA model",
            "was not trained on them either)."})
final class EvalFunsdQaCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "FUNSD-format folder (annotations/, images/).")
    Path data;

    @Option(names = "--split", defaultValue = "all", paramLabel = "all|val", description = "all forms, or the layout model's validation forms.")
    String split;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "Only the first N forms (default: all).")
    int limit;

    @Option(names = "--json", description = "Print a JSON object instead of a line of text.")
    boolean json;

    @Option(names = "--words", defaultValue = "ocr", paramLabel = "ocr|gold",
            description = {"ocr (default): end to end from the images; gold: the annotated words and boxes go in (no OCR),",
                "the layout model runs on them as in 'eval funsd --words gold', then the questions are asked."})
    String words;

    @Option(names = "--ocr-engine", defaultValue = "tesseract", paramLabel = "tesseract|ppocr",
            description = "The engine that reads the form images (default ${DEFAULT-VALUE}; see readout extract).")
    String ocrEngine;

    @Option(names = "--verbose", description = "Print every question to stderr: verdict, form, question, gold, answer, source, matched key, score (tab-separated).")
    boolean verbose;

    @Mixin
    QaOptions qa;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(data.resolve("annotations"))) {
            throw new IllegalArgumentException("--data: no annotations/ folder in " + data);
        }
        List<String> only = null;
        if (split.equals("val")) {
            Path model = LayoutModels.locate().dir().orElseThrow(() -> new IllegalArgumentException("--split val needs the layout model"));
            only = LayoutModelConfig.read(model).validationNames();
        } else if (!split.equals("all")) {
            throw new IllegalArgumentException("--split must be all or val: " + split);
        }
        List<FunsdForm> forms = FunsdFormReader.readAll(data, only, limit);
        if (forms.isEmpty()) {
            throw new IllegalArgumentException("no FUNSD forms in " + data);
        }
        if (!words.equals("ocr") && !words.equals("gold")) {
            throw new IllegalArgumentException("--words must be ocr or gold: " + words);
        }
        OcrEngineKind engine = OcrEngineKind.parse(ocrEngine);
        var err = spec.commandLine().getErr();
        java.util.function.Consumer<String> listing = verbose ? line -> {
            err.println(line);
            err.flush();
        } : null;
        try (var model = qa.loadModel()) {
            var out = spec.commandLine().getOut();
            java.util.Map<String, Object> r;
            if (words.equals("gold")) {
                Path dir = LayoutModels.locate().dir().orElseThrow(() -> new IllegalArgumentException(
                        "--words gold needs the layout model (" + LayoutModels.locate().reason() + ")"));
                try (OnnxLayoutModel layout = OnnxLayoutModel.load(dir)) {
                    r = FunsdQaEvaluation.run(forms, f -> FunsdQaEvaluation.goldWords(f, layout::apply), qa.answerer(model), listing);
                }
            } else {
                try (Pipeline pipeline = Pipeline.discover(1)) {
                    r = FunsdQaEvaluation.run(forms, FunsdQaEvaluation.reading(pipeline, IngestOptions.DEFAULT.withOcrEngine(engine)),
                            qa.answerer(model), listing);
                }
                r.put("ocr_engine", engine.key());
            }
            r.put("answerer", qa.mode().name().toLowerCase().replace('_', '-'));
            r.put("words", words);
            out.println(json ? Json.pretty(r) : String.format("FUNSD-QA: accuracy %s (exact %s) over %s questions on %s forms, %s answered",
                    r.get("accuracy"), r.get("exact_accuracy"), r.get("questions"), r.get("documents"), r.get("answered")));
            out.flush();
        }
        return 0;
    }
}
