package dev.readout.vqa.qa.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime part of a QA model's {@code config.json} (format {@value #FORMAT}, written by
 * {@code training/train_qa.py}; {@code training/README.md}, "QA model", is the normative description). Immutable.
 *
 * @param name              the model folder's name
 * @param onnxFile          the ONNX graph
 * @param vocabFile         the WordPiece vocabulary
 * @param maxLength         tokens per window, {@code [CLS]} and both {@code [SEP]} included
 * @param docStride         tokens shared by consecutive context windows
 * @param maxQueryTokens    the question's word pieces are cut to this many
 * @param maxAnswerTokens   longest answer span in tokens
 * @param noAnswerThreshold an answer needs a margin (best span score minus the [CLS] score) of at least this
 * @param heldoutQuestionIds DocVQA question ids never seen in training ({@code data.docvqa_split}); may be empty
 */
public record QaModelConfig(String name, Path onnxFile, Path vocabFile, int maxLength, int docStride,
                            int maxQueryTokens, int maxAnswerTokens, double noAnswerThreshold,
                            List<Long> heldoutQuestionIds) {
    public static final String FORMAT = "readout-layout-qa/1";

    /** Reads {@code dir/config.json}; fails with an {@link IllegalArgumentException} naming what is wrong. */
    public static QaModelConfig read(Path dir) {
        Path file = dir.resolve("config.json");
        JsonNode c;
        try {
            c = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        if (!FORMAT.equals(c.path("format").asText())) {
            throw new IllegalArgumentException(file + ": format must be " + FORMAT + ", not '" + c.path("format").asText() + "'");
        }
        List<Long> held = new ArrayList<>();
        c.path("data").path("docvqa_split").path("heldout_question_ids").forEach(n -> held.add(n.asLong()));
        return new QaModelConfig(dir.getFileName().toString(), dir.resolve(c.path("onnx").asText("model.onnx")),
                dir.resolve(c.path("vocab").asText("vocab.txt")), c.path("max_length").asInt(384),
                c.path("doc_stride").asInt(128), c.path("max_query_tokens").asInt(64),
                c.path("max_answer_tokens").asInt(30), c.path("no_answer_threshold").asDouble(0), List.copyOf(held));
    }

    /** Whether {@code dir} holds a config and a graph. */
    public static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve("config.json"));
    }
}
