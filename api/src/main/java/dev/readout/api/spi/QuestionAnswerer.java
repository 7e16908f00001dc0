package dev.readout.api.spi;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.readout.core.model.Box;
import dev.readout.core.model.Document;
import java.util.List;
import java.util.function.Supplier;

/**
 * Answers a question about a processed document, with the evidence for the answer. Until a CDI bean implementing
 * this is on the class path, {@code POST /v1/documents/{id}/questions} answers 501 and the viewer hides its question
 * box. Implementations must be thread-safe.
 */
public interface QuestionAnswerer {

    /**
     * @param documentId the job id: an implementation may keep what it built from the document under it
     * @param document   the document, read from the store only when the implementation needs it
     */
    Answer answer(String documentId, Supplier<Document> document, String question);

    /** The document was deleted: drop whatever was kept for it. */
    default void forget(String documentId) {
    }

    /**
     * Written as {@code {"found", "answer", "value", "score", "source", "evidence"}}, the keys of
     * {@code readout ask --json}; with no answer {@code found} is false and {@code answer} and {@code value} are null.
     *
     * @param text     the answer as printed, or null when the document holds none
     * @param value    the answer normalised (ISO date, plain number; else the text), or null
     * @param score    confidence in [0, 1]
     * @param source   where the answer came from ({@code invoice-field}, {@code form-field}, {@code key-value},
     *                 {@code label-line}), {@code none} with no answer
     * @param evidence where the answer was read, in page-image pixels; empty with no answer
     */
    @JsonPropertyOrder({"found", "answer", "value", "score", "source", "evidence"})
    record Answer(@JsonProperty("answer") String text, String value, double score, String source, List<Evidence> evidence) {
        public static final Answer NONE = new Answer(null, null, 0, "none", List.of());

        @JsonProperty("found")
        public boolean found() {
            return text != null;
        }
    }

    /** Words on one page that support an answer; {@code box} is written as {@code [x0, y0, x1, y1]}. */
    record Evidence(int page, List<String> wordIds, Box box) {
    }
}
