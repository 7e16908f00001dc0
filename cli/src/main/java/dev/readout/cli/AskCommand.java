package dev.readout.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.readout.core.Pipeline;
import dev.readout.core.model.Document;
import dev.readout.core.stage.PageSelection;
import dev.readout.vqa.qa.Answer;
import dev.readout.vqa.qa.DocumentQa;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code readout ask FILE QUESTION...}: answers with evidence, one processing of the document for all questions. */
@Command(name = "ask", mixinStandardHelpOptions = true,
        description = {"Answer questions about a document, each with its evidence (page, word ids, box) and a score,",
            "or 'no answer' below the threshold. The document is processed once for all the questions. Answers come",
            "from key retrieval (invoice fields, form fields, the layout model's key-value links and printed",
            "'label: value' lines, matched to the question's content words) fused with the learned extractive QA",
            "model (models/qa-*): a confident key wins, else the model's span, else a weaker key."})
final class AskCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "QUESTION")
    List<String> questions;

    @Option(names = "--json", description = "Print a JSON array of answers.")
    boolean json;

    @Mixin
    CommonOptions common;

    @Mixin
    QaOptions qaOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Document doc;
        try (Pipeline pipeline = common.pipeline()) {
            doc = pipeline.process(file, file.getFileName().toString(), common.ingestOptions(), PageSelection.ALL, null);
        }
        try (var model = qaOptions.loadModel()) {
            return answer(doc, qaOptions.answerer(model).apply(doc));
        }
    }

    private int answer(Document doc, DocumentQa qa) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode arr = om.createArrayNode();
        for (String q : questions) {
            Answer a = qa.ask(q);
            if (json) {
                ObjectNode o = arr.addObject();
                o.put("question", q);
                o.put("answer", a.text());
                o.put("value", a.value());
                o.put("score", a.score());
                o.put("source", a.source());
                if (a.evidence() != null) {
                    o.put("page", a.evidence().page());
                    ArrayNode ids = o.putArray("wordIds");
                    a.evidence().wordIds().forEach(ids::add);
                    if (a.evidence().box() != null) {
                        var b = a.evidence().box();
                        o.putArray("box").add(b.x0()).add(b.y0()).add(b.x1()).add(b.y1());
                    }
                }
            } else if (a.found()) {
                var b = a.evidence().box();
                out.printf(Locale.ROOT, "%s%n  %s%s (score %.2f, page %d%s, from %s)%n", q, a.text(),
                        a.value().equals(a.text()) ? "" : " = " + a.value(), a.score(), a.evidence().page(),
                        b == null ? "" : String.format(Locale.ROOT, ", box [%.0f, %.0f, %.0f, %.0f]", b.x0(), b.y0(), b.x1(), b.y1()), a.source());
            } else {
                out.printf("%s%n  no answer%n", q);
            }
        }
        if (json) {
            out.println(om.writeValueAsString(arr));
        }
        out.flush();
        return doc.errors().isEmpty() ? 0 : 1;
    }
}
