package dev.readout.eval.order;

import dev.readout.core.model.Box;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.Region;
import dev.readout.core.model.TextSource;
import dev.readout.core.model.Word;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Builds a {@link Page} from gold units in reading order, with the lines shuffled so that input order tells nothing. */
public final class GoldPages {
    /** Seed of the shuffle; each page's generator is seeded with this XOR the hash of the page name. */
    public static final long SEED = 20240611L;

    private GoldPages() {
    }

    /** One unit: its text and box in page-image pixels. */
    public record Unit(String text, Box box) {
    }

    /**
     * Ids are assigned after shuffling ({@code p1-l<k>} with k the position in the shuffled input), so they carry
     * no hint of the gold order. Each line holds one word with the line's text.
     */
    public static OrderedPage build(String name, int width, int height, int dpi, List<Unit> goldOrder) {
        return build(name, width, height, dpi, goldOrder, List.of());
    }

    /**
     * As {@link #build(String, int, int, int, List)}, with the page's printed rules as {@link Region#SEPARATOR}
     * regions ({@code p1-s<k>}, no lines): layout the reading-order models may use, not order.
     */
    public static OrderedPage build(String name, int width, int height, int dpi, List<Unit> goldOrder, List<Box> rules) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < goldOrder.size(); i++) {
            idx.add(i);
        }
        Collections.shuffle(idx, new Random(SEED ^ name.hashCode()));
        String[] ids = new String[goldOrder.size()];
        List<Line> lines = new ArrayList<>();
        List<Word> words = new ArrayList<>();
        for (int k = 0; k < idx.size(); k++) {
            Unit u = goldOrder.get(idx.get(k));
            String id = "p1-l" + (k + 1);
            String wid = "p1-w" + (k + 1);
            ids[idx.get(k)] = id;
            words.add(new Word(wid, u.text() == null ? "" : u.text(), u.box(), 1.0, "gold"));
            lines.add(new Line(id, u.box(), List.of(wid), 1.0, "gold"));
        }
        List<Region> regions = new ArrayList<>();
        for (Box r : rules) {
            regions.add(new Region("p1-s" + (regions.size() + 1), Region.SEPARATOR, r, List.of(), 1.0, "gold"));
        }
        Page page = new Page(1, Math.max(1, width), Math.max(1, height), dpi, TextSource.TEXT_LAYER, 0, 0, words, lines, regions);
        return new OrderedPage(name, page, List.of(ids));
    }

    /** An axis-aligned box from two corners in any order. */
    static Box box(double xa, double ya, double xb, double yb) {
        return new Box(Math.min(xa, xb), Math.min(ya, yb), Math.max(xa, xb), Math.max(ya, yb));
    }
}
