package dev.readout.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A labelled span of words, e.g. a form's question (key), answer (value) or header.
 *
 * @param id      {@code p<page>-e<n>}
 * @param label   {@code header}, {@code question} or {@code answer}
 * @param wordIds the words of the entity, in reading order
 * @param box     union of the words' boxes, in page-image pixels
 * @param score   0–1, the model's confidence
 * @param source  the model that produced it, e.g. {@code layout-minilm-funsd}
 */
public record Entity(String id, String label, List<String> wordIds, Box box, double score, String source) {
    public Entity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(source, "source");
        wordIds = List.copyOf(wordIds);
        score = Math.round(score * 10000.0) / 10000.0;
    }
}
