package dev.readout.core.model;

import java.util.Objects;

/**
 * A link between two entities of a page, e.g. a question (key) and its answer (value).
 *
 * @param from   entity id of the key
 * @param to     entity id of the value
 * @param type   {@code key-value}
 * @param score  0–1
 * @param source the model that produced it
 */
public record Relation(String from, String to, String type, double score, String source) {
    public Relation {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        score = Math.round(score * 10000.0) / 10000.0;
    }
}
