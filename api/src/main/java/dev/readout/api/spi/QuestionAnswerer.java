package dev.readout.api.spi;

import dev.readout.core.model.Box;
import dev.readout.core.model.Document;
import java.util.List;

/**
 * Answers a question about a processed document, with the evidence for the answer. Not built yet (its own
 * issue): until a CDI bean implementing this is on the class path, {@code POST /v1/documents/{id}/questions}
 * answers 501 and the viewer hides its question box. Implementations must be thread-safe.
 */
public interface QuestionAnswerer {

    Answer answer(Document document, String question);

    /**
     * @param text     the answer, or null when the document holds none
     * @param score    confidence in [0, 1]
     * @param evidence where the answer was read, in page-image pixels
     */
    record Answer(String text, double score, List<Evidence> evidence) {
    }

    /** Words on one page that support an answer. */
    record Evidence(int page, List<String> wordIds, Box box) {
    }
}
