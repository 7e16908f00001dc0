package dev.readout.core.export;

import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.Region;
import dev.readout.core.model.Word;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Look-ups over one page shared by the exporters: words by id, lines in reading order, line text. */
public final class PageView {
    private final Page page;
    private final Map<String, Word> words = new LinkedHashMap<>();
    private final Map<String, Line> lines = new LinkedHashMap<>();

    public PageView(Page page) {
        this.page = page;
        page.words().forEach(w -> words.put(w.id(), w));
        page.lines().forEach(l -> lines.put(l.id(), l));
    }

    public Page page() {
        return page;
    }

    public Word word(String id) {
        return words.get(id);
    }

    public List<Word> words(Line line) {
        List<Word> out = new ArrayList<>();
        for (String id : line.wordIds()) {
            Word w = words.get(id);
            if (w != null) {
                out.add(w);
            }
        }
        return out;
    }

    public String text(Line line) {
        StringBuilder sb = new StringBuilder();
        for (Word w : words(line)) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(w.text());
        }
        return sb.toString();
    }

    /** The words of an entity joined by spaces. */
    public String text(dev.readout.core.model.Entity e) {
        StringBuilder sb = new StringBuilder();
        for (String id : e.wordIds()) {
            Word w = words.get(id);
            if (w != null) {
                if (!sb.isEmpty()) {
                    sb.append(' ');
                }
                sb.append(w.text());
            }
        }
        return sb.toString();
    }

    /**
     * Lines in reading order: the page's reading order when a stage set one, else region order, else
     * the engine's line order. Every line appears exactly once.
     */
    public List<Line> orderedLines() {
        Set<String> ids = new LinkedHashSet<>();
        if (!page.readingOrder().isEmpty()) {
            ids.addAll(page.readingOrder());
        } else {
            for (Region r : page.regions()) {
                ids.addAll(r.lineIds());
            }
        }
        ids.addAll(lines.keySet());
        List<Line> out = new ArrayList<>();
        for (String id : ids) {
            Line l = lines.get(id);
            if (l != null) {
                out.add(l);
            }
        }
        return out;
    }

    /** The region holding each line id (for paragraph breaks); empty when the page has no regions. */
    public Map<String, String> regionOfLine() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Region r : page.regions()) {
            for (String l : r.lineIds()) {
                m.put(l, r.id());
            }
        }
        return m;
    }
}
