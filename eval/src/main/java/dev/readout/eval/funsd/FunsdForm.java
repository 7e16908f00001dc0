package dev.readout.eval.funsd;

import dev.readout.core.model.Box;
import dev.readout.core.model.Page;
import dev.readout.core.model.TextSource;
import dev.readout.core.model.Word;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One annotated FUNSD form, as the layout evaluation sees it.
 *
 * @param name     the annotation file name without {@code .json}
 * @param image    the page image ({@code images/<name>.png}); may be null when only gold words are used
 * @param width    image width in pixels (from the PNG header)
 * @param height   image height in pixels
 * @param words    every {@code form[].words[]} entry with non-blank text, in annotation order
 * @param entities every {@code form[]} entity, in annotation order (also those without words)
 * @param links    question → answer pairs from the {@code linking} lists (either direction), between entities
 *                 that have words; no duplicates, in order of first mention
 */
public record FunsdForm(String name, Path image, int width, int height, List<GoldWord> words,
                        List<GoldEntity> entities, List<GoldLink> links) {

    /** The labels scored: FUNSD's {@code header}, {@code question} and {@code answer} ({@code other} = O). */
    public static final List<String> LABELS = List.of("header", "question", "answer");

    public FunsdForm {
        words = List.copyOf(words);
        entities = List.copyOf(entities);
        links = List.copyOf(links);
    }

    /**
     * A gold word.
     *
     * @param text   as annotated
     * @param box    pixels, x0 ≤ x1 and y0 ≤ y1
     * @param entity index into {@link #entities()}
     */
    public record GoldWord(String text, Box box, int entity) {
    }

    /**
     * A gold entity.
     *
     * @param id    the FUNSD entity id
     * @param label {@code header}, {@code question}, {@code answer} or {@code other}
     * @param words indices into {@link #words()}, in annotation order
     */
    public record GoldEntity(int id, String label, List<Integer> words) {
        public GoldEntity {
            words = List.copyOf(words);
        }

        /** Whether it counts in the scores: a scored label and at least one word. */
        public boolean scored() {
            return LABELS.contains(label) && !words.isEmpty();
        }
    }

    /** A gold link, by FUNSD entity ids. */
    public record GoldLink(int question, int answer) {
    }

    /** Word id used in {@link #toPage()} for word index {@code i}: {@code p1-w<i+1>}. */
    public static String wordId(int i) {
        return "p1-w" + (i + 1);
    }

    /** The gold words as a core page (page 1, pixel boxes of the image, ids {@link #wordId}). */
    public Page toPage() {
        List<Word> ws = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            ws.add(new Word(wordId(i), words.get(i).text(), words.get(i).box(), 1.0, "funsd"));
        }
        return new Page(1, width, height, 300, TextSource.OCR, 0, 0, ws, List.of(), List.of());
    }

    /** The entity with a FUNSD id, or null. */
    public GoldEntity entity(int id) {
        for (GoldEntity e : entities) {
            if (e.id() == id) {
                return e;
            }
        }
        return null;
    }

    /** Union box of an entity's words; null when it has none. */
    public Box box(GoldEntity e) {
        return Box.unionOf(e.words().stream().map(i -> words.get(i).box()).toList());
    }

    /** The entity's words joined by one space. */
    public String text(GoldEntity e) {
        return String.join(" ", e.words().stream().map(i -> words.get(i).text().strip()).toList());
    }
}
