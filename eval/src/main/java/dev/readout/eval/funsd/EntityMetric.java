package dev.readout.eval.funsd;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Entity-level scores with seqeval semantics (default, non-strict mode), as {@code training/metrics.py}: chunks are
 * read from a page's gold and predicted BIO tag sequences (a chunk starts at {@code B-X}, or at {@code I-X} when the
 * previous tag is not {@code B-X}/{@code I-X}; it continues over following {@code I-X}; anything else ends it), and
 * a predicted chunk is correct when a gold chunk has the same type, first word and last word. Micro-averaged over
 * all chunks of all pages; per label too. Labels are FUNSD's, lower-case ({@code header}, {@code question},
 * {@code answer}); tags carry them in upper case ({@code B-QUESTION}). Not thread-safe.
 */
public final class EntityMetric {
    /** A chunk: label (lower case), first word, one past the last word. */
    public record Chunk(String label, int start, int end) {
    }

    private final Map<String, Prf> perLabel = new LinkedHashMap<>();

    public EntityMetric() {
        for (String l : FunsdForm.LABELS) {
            perLabel.put(l, Prf.ZERO);
        }
    }

    /** Chunks of a BIO tag sequence, in order of their start. */
    public static List<Chunk> chunks(List<String> tags) {
        List<Chunk> out = new ArrayList<>();
        int start = -1;
        String type = null;
        for (int i = 0; i <= tags.size(); i++) {
            String t = i < tags.size() ? tags.get(i) : "O";
            int dash = t.indexOf('-');
            String p = dash < 0 ? t : t.substring(0, dash);
            String ty = dash < 0 ? "" : t.substring(dash + 1);
            if (start >= 0 && !(p.equals("I") && ty.equals(type))) {
                out.add(new Chunk(type.toLowerCase(Locale.ROOT), start, i));
                start = -1;
                type = null;
            }
            if (p.equals("B") || (p.equals("I") && start < 0)) {
                start = i;
                type = ty;
            }
        }
        return out;
    }

    /** Adds one page: its gold and predicted tags over the same words. */
    public void addPage(List<String> gold, List<String> predicted) {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException("gold and predicted tags differ in length: " + gold.size() + " vs " + predicted.size());
        }
        Set<Chunk> g = new HashSet<>(chunks(gold));
        for (Chunk c : g) {
            add(c.label(), 0, 0, 1);
        }
        for (Chunk c : new HashSet<>(chunks(predicted))) {
            add(c.label(), g.contains(c) ? 1 : 0, 1, 0);
        }
    }

    /** Adds counts directly (for matching that is not by word positions). */
    public void add(String label, long tp, long predicted, long gold) {
        perLabel.merge(label, new Prf(tp, predicted, gold), Prf::plus);
    }

    /** Micro counts over all labels. */
    public Prf total() {
        Prf t = Prf.ZERO;
        for (Prf p : perLabel.values()) {
            t = t.plus(p);
        }
        return t;
    }

    /** Counts per label, in the order header, question, answer (then any other label seen). */
    public Map<String, Prf> perLabel() {
        return new LinkedHashMap<>(perLabel);
    }

    /**
     * Gold tags of words given in some order (the model's input order): a word of a scored entity gets
     * {@code I-X} when the previous word in that order belongs to the same entity, else {@code B-X}; other words
     * {@code O}.
     *
     * @param entityOfWord per word (in that order): the gold entity index, or -1
     * @param labelOfEntity label per entity index
     * @param scored whether the entity counts (scored label, has words)
     */
    public static List<String> goldTags(int[] entityOfWord, List<String> labelOfEntity, boolean[] scored) {
        List<String> out = new ArrayList<>(entityOfWord.length);
        int prev = Integer.MIN_VALUE;
        for (int e : entityOfWord) {
            if (e >= 0 && scored[e]) {
                out.add((e == prev ? "I-" : "B-") + labelOfEntity.get(e).toUpperCase(Locale.ROOT));
            } else {
                out.add("O");
            }
            prev = e;
        }
        return out;
    }
}
