package dev.readout.api.vqa;

import dev.readout.api.spi.QuestionAnswerer;
import dev.readout.core.model.Document;
import dev.readout.vqa.qa.DocumentQa;
import dev.readout.vqa.qa.KeyValueQa;
import dev.readout.vqa.qa.onnx.OnnxQaModel;
import dev.readout.vqa.qa.onnx.QaModels;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Question answering by the vqa module's {@link DocumentQa}, as {@code readout ask}: key retrieval ({@link KeyValueQa})
 * fused with the learned extractive QA model when one is found ({@code models/qa-*}, loaded once on the first
 * question and shared by all threads; without it, key retrieval alone). Building a {@code DocumentQa} reads the whole
 * document (invoice fields, form fields, links, label lines, the words for the model), so the last {@value #CACHED}
 * documents asked about keep theirs, least recently used first out.
 */
@ApplicationScoped
public class VqaQuestionAnswerer implements QuestionAnswerer {
    static final int CACHED = 64;

    private final Map<String, DocumentQa> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DocumentQa> eldest) {
            return size() > CACHED;
        }
    };

    @Override
    public Answer answer(String documentId, Supplier<Document> document, String question) {
        DocumentQa qa;
        synchronized (cache) {
            qa = cache.get(documentId);
        }
        if (qa == null) {
            // built outside the lock: two first questions at once may both build it, the same result either way
            qa = new DocumentQa(document.get(), model());
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

    private OnnxQaModel model;
    private boolean modelLooked;

    /** The shared QA model, loaded on first use; null when none is installed. */
    private synchronized OnnxQaModel model() {
        if (!modelLooked) {
            modelLooked = true;
            model = QaModels.locate().dir().map(OnnxQaModel::load).orElse(null);
        }
        return model;
    }

    @PreDestroy
    synchronized void close() {
        if (model != null) {
            model.close();
            model = null;
        }
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
