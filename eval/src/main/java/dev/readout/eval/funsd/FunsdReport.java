package dev.readout.eval.funsd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Results of a FUNSD layout evaluation.
 *
 * @param model     the model's name
 * @param words     {@code gold} or {@code ocr}
 * @param entities  entity counts per label
 * @param linking   link counts
 * @param documents forms evaluated
 * @param seconds   wall-clock seconds of the evaluation (reading, OCR when used, the model)
 */
public record FunsdReport(String model, String words, Map<String, Prf> entities, Prf linking, int documents,
                          double seconds) {

    public FunsdReport {
        entities = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entities));
    }

    /** Micro counts over all labels. */
    public Prf entity() {
        Prf t = Prf.ZERO;
        for (Prf p : entities.values()) {
            t = t.plus(p);
        }
        return t;
    }

    /**
     * {@code {"entity": {"precision", "recall", "f1", "per_label": {"header": {"f1"}, "question": {"f1"},
     * "answer": {"f1"}}}, "linking": {"precision", "recall", "f1"}, "documents", "seconds"}}.
     */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> ent = new LinkedHashMap<>();
        Prf e = entity();
        ent.put("precision", e.precision());
        ent.put("recall", e.recall());
        ent.put("f1", e.f1());
        Map<String, Object> per = new LinkedHashMap<>();
        for (String l : FunsdForm.LABELS) {
            per.put(l, Map.of("f1", entities.getOrDefault(l, Prf.ZERO).f1()));
        }
        ent.put("per_label", per);
        root.put("entity", ent);
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("precision", linking.precision());
        link.put("recall", linking.recall());
        link.put("f1", linking.f1());
        root.put("linking", link);
        root.put("documents", documents);
        root.put("seconds", Math.round(seconds * 100) / 100.0);
        try {
            return new ObjectMapper().writeValueAsString(root);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A plain-text table. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "FUNSD layout evaluation: model %s, %s words, %d document(s), %.1f s%n",
                model, words, documents, seconds));
        sb.append(String.format(Locale.ROOT, "%-22s %9s %9s %9s %7s %7s %7s%n", "", "precision", "recall", "f1", "tp", "pred", "gold"));
        row(sb, "entity (micro)", entity());
        for (String l : FunsdForm.LABELS) {
            row(sb, "  " + l, entities.getOrDefault(l, Prf.ZERO));
        }
        row(sb, "gold".equals(words) ? "linking (gold ents)" : "linking (end to end)", linking);
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, Prf p) {
        sb.append(String.format(Locale.ROOT, "%-22s %9.4f %9.4f %9.4f %7d %7d %7d%n", name, p.precision(), p.recall(),
                p.f1(), p.tp(), p.predicted(), p.gold()));
    }
}
