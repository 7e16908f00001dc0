package dev.readout.api.vqa;

import dev.readout.api.spi.QuestionAnswerer;
import dev.readout.core.model.Document;
import dev.readout.vqa.qa.KeyValueQa;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Question answering by the vqa module's key retrieval ({@link KeyValueQa}, as {@code readout ask}). Building a
 * {@code KeyValueQa} reads the whole document (invoice fields, form fields, links, label lines), so the last
 * {@value #CACHED} documents asked about keep theirs, least recently used first out.
 */
@ApplicationScoped
public class VqaQuestionAnswerer implements QuestionAnswerer {
    static final int CACHED = 64;

    private final Map<String, KeyValueQa> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, KeyValueQa> eldest) {
            return size() > CACHED;
        }
    };

    @Override
    public Answer answer(String documentId, Supplier<Document> document, String question) {
        KeyValueQa qa;
        synchronized (cache) {
            qa = cache.get(documentId);
        }
        if (qa == null) {
            // built outside the lock: two first questions at once may both build it, the same result either way
            qa = new KeyValueQa(document.get());
            synchronized (cache) {
                cache.put(documentId, qa);
            }
        }
        // the vqa module's answer (its name is shadowed here by the SPI's Answer)
        var a = qa.ask(question);
        if (!a.found()) {
            return Answer.NONE;
        }
        List<Evidence> evidence = a.evidence() == null ? List.of()
                : List.of(new Evidence(a.evidence().page(), a.evidence().wordIds(), a.evidence().box()));
        return new Answer(a.text(), a.value(), a.score(), a.source(), evidence);
    }

    @Override
    public void forget(String documentId) {
        synchronized (cache) {
            cache.remove(documentId);
        }
    }

    /** Whether what was built for this document is kept. */
    public boolean holds(String documentId) {
        synchronized (cache) {
            return cache.containsKey(documentId);
        }
    }
}
