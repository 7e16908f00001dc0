package dev.readout.cli;

import dev.readout.core.model.Document;
import dev.readout.core.model.Page;
import dev.readout.eval.Json;
import dev.readout.eval.docvqa.DocVqaEvaluation;
import dev.readout.eval.docvqa.DocVqaPage;
import dev.readout.layout.onnx.LayoutModels;
import dev.readout.layout.onnx.OnnxLayoutModel;
import dev.readout.vqa.qa.DocumentQa;
import dev.readout.vqa.qa.ExtractiveQa;
import dev.readout.vqa.qa.onnx.OnnxQaModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code readout eval docvqa --data FILE}: DocVQA questions over OCR text, scored by ANLS. */
@Command(name = "docvqa", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "DocVQA over OCR text (SQuAD-like JSON: [{context, qas: [{id, question, answers: [{text}]}]}]): each page's",
            "text is laid out in lines to give it boxes (deterministically: 100 characters a line), the layout model",
            "runs on it, every question is asked as 'readout ask' does, and the answer is scored by ANLS (threshold",
            "0.5, best over the gold answers; no answer scores 0). --split heldout keeps the pages the QA model was",
            "not trained on (listed in its config.json). JSON: anls, anls_without_threshold, questions, answered, pages,",
            "by_source (per answer source: questions answered, mean ANLS), seconds."})
final class EvalDocVqaCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "FILE", description = "the DocVQA JSON file.")
    Path data;

    @Option(names = "--split", defaultValue = "heldout", paramLabel = "heldout|train|all",
            description = "heldout (default): only the pages the QA model never saw in training; train: only the others; all: every page.")
    String split;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "Only the first N pages (default: all).")
    int limit;

    @Option(names = "--no-layout", description = "Skip the layout model (no key-value links for key retrieval).")
    boolean noLayout;

    @Option(names = "--json", description = "Print a JSON object instead of a line of text.")
    boolean json;

    @Option(names = "--verbose", description = "Print every question to stderr: ANLS, question id, question, gold answers, answer, source, matched key, score (tab-separated).")
    boolean verbose;

    @Option(names = "--calibration-rows", paramLabel = "FILE",
            description = {"Instead of scoring: write the rows the QA model's no-answer threshold is calibrated on",
                "(training/calibrate_threshold.py) as TSV to FILE: every question asked of its own page and of another one,",
                "with the model's margin and the ANLS of its span. Needs the model; use --split train."})
    Path rowsFile;

    @Option(names = "--seed", defaultValue = "13", paramLabel = "N", description = "Draws the other page of --calibration-rows (default 13).")
    long seed;

    @Mixin
    QaOptions qa;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(data)) {
            throw new IllegalArgumentException("--data: no such file " + data);
        }
        List<DocVqaPage> pages = DocVqaPage.read(data);
        try (OnnxQaModel model = qa.loadModel()) {
            if (split.equals("heldout") || split.equals("train")) {
                OnnxQaModel m = model != null ? model : qa.mode() == DocumentQa.Mode.KEY_VALUE ? loadForSplit() : null;
                try {
                    Set<Long> held = new HashSet<>(m.config().heldoutQuestionIds());
                    if (held.isEmpty()) {
                        throw new IllegalArgumentException("the QA model lists no held-out pages: use --split all");
                    }
                    boolean keep = split.equals("heldout");
                    pages = pages.stream().filter(p -> p.questions().stream().anyMatch(q -> held.contains(q.id())) == keep).toList();
                } finally {
                    if (m != model) {
                        m.close();
                    }
                }
            } else if (!split.equals("all")) {
                throw new IllegalArgumentException("--split must be heldout, train or all: " + split);
            }
            if (limit > 0 && pages.size() > limit) {
                pages = pages.subList(0, limit);
            }
            if (rowsFile != null) {
                if (model == null) {
                    throw new IllegalArgumentException("--calibration-rows needs the QA model (not --answerer key-value)");
                }
                Path parent = rowsFile.toAbsolutePath().getParent();
                if (parent != null && !Files.isDirectory(parent)) {
                    throw new IllegalArgumentException("--calibration-rows: no such folder " + parent);
                }
                int n;
                try (java.io.PrintWriter w = new java.io.PrintWriter(Files.newBufferedWriter(rowsFile))) {
                    n = DocVqaEvaluation.calibrationRows(pages, d -> new ExtractiveQa(d, model), seed, w::println);
                }
                spec.commandLine().getOut().println("DocVQA calibration rows: " + n + " from " + pages.size() + " pages (" + split + ") -> " + rowsFile);
                return 0;
            }
            Map<String, Object> r;
            Function<Document, DocumentQa> answerer = qa.answerer(model);
            var err = spec.commandLine().getErr();
            java.util.function.Consumer<String> listing = verbose ? line -> {
                err.println(line);
                err.flush();
            } : null;
            if (noLayout) {
                r = DocVqaEvaluation.run(pages, answerer, listing);
            } else {
                Path dir = LayoutModels.locate().dir().orElseThrow(() -> new IllegalArgumentException(
                        "no layout model found (" + LayoutModels.locate().reason() + "): give --no-layout"));
                try (OnnxLayoutModel layout = OnnxLayoutModel.load(dir)) {
                    r = DocVqaEvaluation.run(pages, d -> answerer.apply(withLayout(d, layout)), listing);
                }
            }
            r.put("answerer", qa.mode().name().toLowerCase().replace('_', '-'));
            r.put("split", split);
            var out = spec.commandLine().getOut();
            out.println(json ? Json.pretty(r) : String.format("DocVQA (OCR text, %s, %s): ANLS %s over %s questions on %s pages, %s answered (%s s)",
                    split, r.get("answerer"), r.get("anls"), r.get("questions"), r.get("pages"), r.get("answered"), r.get("seconds")));
            out.flush();
        }
        return 0;
    }

    private OnnxQaModel loadForSplit() {
        QaOptions o = new QaOptions();
        o.answerer = "model";
        o.qaModel = qa.qaModel;
        return o.loadModel();
    }

    private static Document withLayout(Document d, OnnxLayoutModel layout) {
        List<Page> pages = d.pages().stream().map(layout::apply).toList();
        return new Document(d.schemaVersion(), d.source(), d.status(), pages, d.formFields(), d.errors());
    }
}
