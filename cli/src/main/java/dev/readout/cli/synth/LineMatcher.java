package dev.readout.cli.synth;

import dev.readout.cli.synth.SynthPage.GenLine;
import dev.readout.core.model.Box;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.Word;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recovers the ground-truth order of the lines ingestion extracted from a rendered {@link SynthPage}.
 *
 * <p>Every generated word has a known text and an expected box (its x from the font metrics, its baseline,
 * 0.8 × size above and 0.25 × size below it), in pixels at the page's dpi. Each extracted word is matched to the
 * generated word with the <em>same text</em> whose expected box, grown by half the font size on every side,
 * contains the extracted word's centre (the nearest centre if several do); each generated word may be taken once.
 * The page is accepted only when (1) the matching is a bijection (every extracted word matched, every generated
 * word matched exactly once), (2) every extracted line holds words of a single generated line, and (3) for every
 * generated line, its extracted lines left to right, words left to right, spell exactly the generated text.
 * The units are then the <em>extracted</em> lines (the boxes the pipeline gives at inference), ordered by the
 * generated line they belong to, then left to right; {@code gen} names that generated line and {@code part} the
 * piece (the pipeline splits a line at wide gaps, e.g. justified text or table cells; {@code split} counts them).
 */
public final class LineMatcher {
    private LineMatcher() {
    }

    /** One ground-truth unit, in reading order. */
    public record Unit(String id, String gen, int part, String role, String text, Box box) {
    }

    /** The units in reading order, or why the page was rejected. */
    public record Result(List<Unit> units, int extractedLines, int generatedLines, int split, String rejected) {
        public boolean ok() {
            return rejected == null;
        }
    }

    public static Result match(SynthPage sp, Page page) {
        double k = page.dpi() / 72.0;
        record GenWord(int line, int index, String text, double x0, double y0, double x1, double y1, double grow) {
        }
        Map<String, List<GenWord>> byText = new HashMap<>();
        int total = 0;
        for (int li = 0; li < sp.lines().size(); li++) {
            GenLine l = sp.lines().get(li);
            for (int i = 0; i < l.words().size(); i++) {
                String t = l.words().get(i);
                float w = Fonts.width(l.family(), l.style(), l.size(), t);
                byText.computeIfAbsent(t, x -> new ArrayList<>()).add(new GenWord(li, i, t, l.xs()[i] * k,
                        (l.baseline() - 0.8 * l.size()) * k, (l.xs()[i] + w) * k, (l.baseline() + 0.25 * l.size()) * k,
                        0.5 * l.size() * k));
                total++;
            }
        }
        Map<String, String> lineOfWord = new HashMap<>();
        for (Line l : page.lines()) {
            for (String w : l.wordIds()) {
                lineOfWord.put(w, l.id());
            }
        }
        Set<GenWord> taken = new java.util.HashSet<>();
        List<List<Word>> perLine = new ArrayList<>();
        for (int i = 0; i < sp.lines().size(); i++) {
            perLine.add(new ArrayList<>());
        }
        Map<String, Set<Integer>> genLinesOfExtracted = new HashMap<>();
        for (Word w : page.words()) {
            double cx = (w.box().x0() + w.box().x1()) / 2;
            double cy = (w.box().y0() + w.box().y1()) / 2;
            GenWord best = null;
            double bestD = Double.MAX_VALUE;
            for (GenWord g : byText.getOrDefault(w.text(), List.of())) {
                if (taken.contains(g) || cx < g.x0 - g.grow || cx > g.x1 + g.grow || cy < g.y0 - g.grow || cy > g.y1 + g.grow) {
                    continue;
                }
                double d = Math.hypot(cx - (g.x0 + g.x1) / 2, cy - (g.y0 + g.y1) / 2);
                if (d < bestD) {
                    bestD = d;
                    best = g;
                }
            }
            if (best == null) {
                return reject(page, "extracted word '" + w.text() + "' at " + w.box() + " matches no generated word");
            }
            taken.add(best);
            perLine.get(best.line).add(w);
            genLinesOfExtracted.computeIfAbsent(lineOfWord.getOrDefault(w.id(), "?"), x -> new LinkedHashSet<>()).add(best.line);
        }
        if (taken.size() != total) {
            return reject(page, (total - taken.size()) + " generated word(s) not extracted");
        }
        for (Map.Entry<String, Set<Integer>> e : genLinesOfExtracted.entrySet()) {
            if (e.getValue().size() > 1) {
                return reject(page, "extracted line " + e.getKey() + " holds words of generated lines " + e.getValue());
            }
        }
        Map<String, Word> wordById = new HashMap<>();
        page.words().forEach(w -> wordById.put(w.id(), w));
        record Part(int gen, Line line, String text) {
        }
        List<Part> parts = new ArrayList<>();
        for (Line l : page.lines()) {
            if (l.wordIds().isEmpty()) {
                continue;
            }
            List<Word> ws = new ArrayList<>(l.wordIds().stream().map(wordById::get).toList());
            ws.sort(Comparator.comparingDouble(w -> w.box().x0()));
            parts.add(new Part(genLinesOfExtracted.get(l.id()).iterator().next(), l,
                    String.join(" ", ws.stream().map(Word::text).toList())));
        }
        parts.sort(Comparator.comparingInt(Part::gen).thenComparingDouble(p -> p.line().box().x0()));
        List<Unit> units = new ArrayList<>();
        int split = 0;
        for (int li = 0; li < sp.lines().size(); li++) {
            final int gen = li;
            List<Part> mine = parts.stream().filter(p -> p.gen() == gen).toList();
            String text = String.join(" ", mine.stream().map(Part::text).toList());
            if (!text.equals(sp.lines().get(li).text())) {
                return reject(page, "generated line " + (li + 1) + " reads '" + text + "', generated '" + sp.lines().get(li).text() + "'");
            }
            if (mine.size() > 1) {
                split++;
            }
            for (int j = 0; j < mine.size(); j++) {
                Part p = mine.get(j);
                units.add(new Unit(p.line().id(), "g" + (li + 1), j, sp.lines().get(li).role(), p.text(), p.line().box()));
            }
        }
        return new Result(units, page.lines().size(), sp.lines().size(), split, null);
    }

    private static Result reject(Page page, String why) {
        return new Result(List.of(), page.lines().size(), 0, 0, why);
    }
}
