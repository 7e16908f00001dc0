package dev.readout.core.model;

import java.util.List;
import java.util.Objects;

/**
 * One page, in pixels of its page image.
 *
 * @param number        page number from 1
 * @param width         page image width in pixels
 * @param height        page image height in pixels
 * @param dpi           resolution of the page image (for scans: as declared, or 300 assumed)
 * @param textSource    how the words were obtained
 * @param rotation      clockwise rotation in degrees (0, 90, 180, 270) applied to the source image to make it upright
 * @param skew          rotation in degrees (counter-clockwise positive) applied to remove skew; 0 when none
 * @param words         the words, in the order the engine produced them
 * @param lines         lines of words
 * @param regions       blocks of lines
 * @param readingOrder  line ids in reading order; empty when no reading-order stage ran
 * @param readingOrderSource the model that produced {@code readingOrder}, or null
 * @param entities      labelled word spans (header, question, answer); empty when no layout model ran
 * @param relations     key → value links between entities
 */
public record Page(int number, int width, int height, int dpi, TextSource textSource, int rotation, double skew,
                   List<Word> words, List<Line> lines, List<Region> regions, List<String> readingOrder,
                   String readingOrderSource, List<Entity> entities, List<Relation> relations) {
    public Page {
        if (number < 1) {
            throw new IllegalArgumentException("page numbers start at 1: " + number);
        }
        if (width <= 0 || height <= 0 || dpi <= 0) {
            throw new IllegalArgumentException("page size and dpi must be positive");
        }
        Objects.requireNonNull(textSource, "textSource");
        words = List.copyOf(words);
        lines = List.copyOf(lines);
        regions = List.copyOf(regions);
        readingOrder = readingOrder == null ? List.of() : List.copyOf(readingOrder);
        entities = entities == null ? List.of() : List.copyOf(entities);
        relations = relations == null ? List.of() : List.copyOf(relations);
        skew = Math.round(skew * 100.0) / 100.0;
    }

    /** A page without reading order, entities or relations (what ingestion produces). */
    public Page(int number, int width, int height, int dpi, TextSource textSource, int rotation, double skew,
                List<Word> words, List<Line> lines, List<Region> regions) {
        this(number, width, height, dpi, textSource, rotation, skew, words, lines, regions, List.of(), null, List.of(), List.of());
    }

    /** The same page with a reading order set. */
    public Page withReadingOrder(List<String> order, String source) {
        return new Page(number, width, height, dpi, textSource, rotation, skew, words, lines, regions, order, source,
                entities, relations);
    }

    /** The same page with its regions replaced (e.g. by a segmentation or reading-order stage). */
    public Page withRegions(List<Region> newRegions) {
        return new Page(number, width, height, dpi, textSource, rotation, skew, words, lines, newRegions, readingOrder,
                readingOrderSource, entities, relations);
    }

    /** The same page with entities and relations set (by a layout model). */
    public Page withEntities(List<Entity> newEntities, List<Relation> newRelations) {
        return new Page(number, width, height, dpi, textSource, rotation, skew, words, lines, regions, readingOrder,
                readingOrderSource, newEntities, newRelations);
    }
}
