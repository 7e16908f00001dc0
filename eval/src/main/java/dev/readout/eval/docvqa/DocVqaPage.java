package dev.readout.eval.docvqa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of the DocVQA questions in SQuAD-like form ({@code ../shared/datasets/docvqa_val_ocr_qa}): a JSON array
 * of {@code {"context": OCR text, "qas": [{"id", "question", "answers": [{"text"}]}]}}.
 */
public record DocVqaPage(String context, List<Question> questions) {
    /** A question with its id (DocVQA {@code questionId}) and every acceptable answer. */
    public record Question(long id, String question, List<String> answers) {
    }

    /** Every page of the file, in file order. */
    public static List<DocVqaPage> read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        JsonNode arr = root.isArray() ? root : root.path("data");
        if (!arr.isArray()) {
            throw new IOException(file + ": expected a JSON array of {context, qas}");
        }
        List<DocVqaPage> out = new ArrayList<>();
        for (JsonNode p : arr) {
            List<Question> qs = new ArrayList<>();
            for (JsonNode q : p.path("qas")) {
                List<String> answers = new ArrayList<>();
                q.path("answers").forEach(a -> answers.add(a.path("text").asText()));
                qs.add(new Question(q.path("id").asLong(), q.path("question").asText(), List.copyOf(answers)));
            }
            out.add(new DocVqaPage(p.path("context").asText(), List.copyOf(qs)));
        }
        return out;
    }
}
