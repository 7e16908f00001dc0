package dev.readout.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.readout.core.geometry.Paragraphs;
import dev.readout.core.ml.Forest;
import dev.readout.core.model.Box;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.Region;
import dev.readout.core.model.Word;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The learned region grouping of newspaper pages ({@link dev.readout.core.stage.Segmentation#COLUMNS}): for every pair
 * of consecutive text lines of a page (in the order ingest built them, block by block), 29 features of their geometry in
 * their column, of their text, of the typographic rules' decision ({@link dev.readout.core.geometry.Paragraphs}) and of
 * the printed rules (separators) between them,
 * with the same features of the pair before and of the pair after; a random forest trained on newspaper ground truth
 * ({@code training/region_breaks.py}, model card {@code models/region-breaks-nzz/MODEL.md}) says whether a new region
 * starts at the second line (the mean over its trees of the share of region starts in the leaf reached); above the
 * masthead's rule ({@link #mastheadRule}) the typographic rules decide instead. The lines are then
 * regrouped into regions, each box padded by {@code pad} median line heights above and below (clipped to the page);
 * separators are kept. The feature code and the tree walk mirror the Python ones exactly (a parity test holds them
 * together).
 * Immutable and thread-safe.
 */
public final class RegionBreaks {
    /** The source of the regions this model groups. */
    static final String SOURCE = "readout-region-model";
    private static final String RESOURCE = "region-breaks.json";
    private static final Pattern ENDS_SENTENCE = Pattern.compile("[.:]$");
    private static final Pattern ENDS_HYPHEN = Pattern.compile("[-\u00ac=]$");
    static final List<String> FEATURES = List.of("ours", "newrun", "samerow", "gap", "gapbig", "ind_b", "ind_a",
            "indb_small", "short_a", "short_b", "shorta_big", "hratio", "hb", "ha", "cen_a", "cen_b", "prose",
            "a_dot", "a_hyph", "a_oneword", "b_oneword", "b_upper", "b_digit", "a_len", "b_len", "wa", "wb", "hrule", "vrule");
    /** Blank between two words of a masthead line, in line heights, over which the line is cut ({@link #mastheadPieces}). */
    static final double MASTHEAD_PIECE_GAP = 5.0;
    private static volatile RegionBreaks shared;

    private final Forest forest;
    private final double threshold;
    private final double pad;

    RegionBreaks(Forest forest, double threshold, double pad) {
        this.forest = forest;
        this.threshold = threshold;
        this.pad = pad;
    }

    /** The model shipped in this jar ({@value #RESOURCE}, written by {@code training/region_breaks.py}). */
    public static RegionBreaks shared() {
        RegionBreaks m = shared;
        if (m == null) {
            synchronized (RegionBreaks.class) {
                if (shared == null) {
                    try (InputStream in = RegionBreaks.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException("region model " + RESOURCE + " is missing from the ingest jar");
                        }
                        shared = read(new ObjectMapper().readTree(in));
                    } catch (IOException e) {
                        throw new UncheckedIOException("region model " + RESOURCE + " is unreadable", e);
                    }
                }
                m = shared;
            }
        }
        return m;
    }

    static RegionBreaks read(JsonNode j) {
        List<String> names = new ArrayList<>();
        j.get("features").forEach(n -> names.add(n.asText()));
        if (!names.equals(FEATURES)) {
            throw new IllegalArgumentException("region model: features " + names + " differ from this code's " + FEATURES);
        }
        if (!"forest".equals(j.path("kind").asText())) {
            throw new IllegalArgumentException("region model: kind '" + j.path("kind").asText() + "', expected 'forest'");
        }
        return new RegionBreaks(Forest.read(j.get("trees"), 3 * FEATURES.size(), "region model"), j.get("threshold").asDouble(), j.get("pad").asDouble());
    }

    /**
     * The page with its text regions regrouped by the model; separators and everything else unchanged. A page with
     * fewer than two text lines is returned as it is.
     */
    public Page refine(Page page) {
        Map<String, String> regionOf = new HashMap<>();
        for (Region r : page.regions()) {
            if (r.isText()) {
                r.lineIds().forEach(id -> regionOf.put(id, r.id()));
            }
        }
        List<Line> lines = page.lines().stream().filter(l -> regionOf.containsKey(l.id())).toList();
        if (lines.size() < 2) {
            return page;
        }
        Map<String, Word> words = new HashMap<>();
        page.words().forEach(w -> words.put(w.id(), w));
        List<Box> boxes = lines.stream().map(Line::box).toList();
        List<String> texts = lines.stream().map(l -> String.join(" ", l.wordIds().stream().map(id -> words.get(id).text()).toList())).toList();
        boolean[] rule = new boolean[lines.size()];
        rule[0] = true;
        for (int i = 1; i < rule.length; i++) {
            rule[i] = !regionOf.get(lines.get(i).id()).equals(regionOf.get(lines.get(i - 1).id()));
        }
        List<Box> separators = page.regions().stream().filter(r -> Region.SEPARATOR.equals(r.type())).map(Region::box).toList();
        double[] p = probabilities(boxes, texts, rule, separators);
        double masthead = mastheadRule(separators, page.width(), page.height());
        List<List<Integer>> groups = new ArrayList<>();
        groups.add(new ArrayList<>(List.of(0)));
        for (int i = 1; i < lines.size(); i++) {
            boolean above = boxes.get(i).y1() <= masthead && boxes.get(i - 1).y1() <= masthead;
            if (above ? rule[i] : p[i - 1] > threshold) {
                groups.add(new ArrayList<>());
            }
            groups.get(groups.size() - 1).add(i);
        }
        // above the masthead's rule a line is cut where its words stand apart (mastheadPieces); when any line was, the
        // page's lines are renumbered in their order (pieces: a text line's id -> its line or pieces, as renumbered)
        Map<String, List<Line>> pieces = new HashMap<>();
        for (Line l : lines) {
            pieces.put(l.id(), l.box().y1() <= masthead ? mastheadPieces(l, words) : List.of(l));
        }
        List<Line> pageLines = page.lines();
        boolean cut = pieces.values().stream().anyMatch(ps -> ps.size() > 1);
        if (cut) {
            pageLines = new ArrayList<>();
            for (Line l : page.lines()) {
                List<Line> renamed = new ArrayList<>();
                for (Line q : pieces.getOrDefault(l.id(), List.of(l))) {
                    renamed.add(new Line("p" + page.number() + "-l" + (pageLines.size() + 1), q.box(), q.wordIds(), q.confidence(), q.source()));
                    pageLines.add(renamed.get(renamed.size() - 1));
                }
                pieces.put(l.id(), renamed);
            }
        }
        // each further piece of a line starts a region of its own
        List<List<Line>> regionLines = new ArrayList<>();
        for (List<Integer> g : groups) {
            regionLines.add(new ArrayList<>());
            for (int i : g) {
                List<Line> ps = pieces.get(lines.get(i).id());
                for (int k = 0; k < ps.size(); k++) {
                    if (k > 0) {
                        regionLines.add(new ArrayList<>());
                    }
                    regionLines.get(regionLines.size() - 1).add(ps.get(k));
                }
            }
        }
        List<Region> out = new ArrayList<>();
        for (List<Line> g : regionLines) {
            List<Box> gb = g.stream().map(Line::box).toList();
            Box u = Box.unionOf(gb);
            double h = Paragraphs.Measures.of(gb).h();
            Box box = new Box(u.x0(), Math.max(0, u.y0() - pad * h), u.x1(), Math.min(page.height(), u.y1() + pad * h));
            double conf = g.stream().mapToDouble(Line::confidence).average().orElse(0);
            out.add(new Region("p" + page.number() + "-r" + (out.size() + 1), Region.TEXT, box,
                    g.stream().map(Line::id).toList(), conf, SOURCE));
        }
        for (Region r : page.regions()) {
            if (!r.isText()) {
                List<String> lineIds = !cut ? r.lineIds() : r.lineIds().stream()
                        .flatMap(id -> pieces.containsKey(id) ? pieces.get(id).stream().map(Line::id) : java.util.stream.Stream.of(id)).toList();
                out.add(new Region("p" + page.number() + "-r" + (out.size() + 1), r.type(), r.box(), lineIds, r.confidence(), r.source()));
            }
        }
        if (!cut) {
            return page.withRegions(out);
        }
        return new Page(page.number(), page.width(), page.height(), page.dpi(), page.textSource(), page.rotation(), page.skew(),
                page.words(), pageLines, out, page.readingOrder(), page.readingOrderSource(), page.entities(), page.relations());
    }

    /**
     * A masthead line cut where the blank between two of its words is wider than {@value #MASTHEAD_PIECE_GAP} times
     * the line's height: the items of a masthead row ("Täglich, mit Ausnahme des Sonntags …" and "Bureau der
     * Redaktion …", a volume and a date at either end) are separate regions of the ground truth, but OCR reads the row
     * as one line. Each piece keeps the line's height, spans its words across, and the line's confidence; the line
     * itself when nothing is cut. Only above the masthead's rule: in the body such gaps are between the columns of a
     * table, whose rows the ground truth keeps whole. As {@code region_breaks.masthead_pieces}.
     */
    static List<Line> mastheadPieces(Line line, Map<String, Word> words) {
        List<Word> ws = line.wordIds().stream().map(words::get).sorted(Comparator.comparingDouble(w -> w.box().x0())).toList();
        List<List<Word>> parts = new ArrayList<>();
        Word prev = null;
        for (Word w : ws) {
            if (prev == null || w.box().x0() - prev.box().x1() > MASTHEAD_PIECE_GAP * line.box().height()) {
                parts.add(new ArrayList<>());
            }
            parts.get(parts.size() - 1).add(w);
            prev = w;
        }
        if (parts.size() < 2) {
            return List.of(line);
        }
        List<Line> out = new ArrayList<>();
        for (List<Word> part : parts) {
            double x0 = part.stream().mapToDouble(w -> w.box().x0()).min().orElseThrow();
            double x1 = part.stream().mapToDouble(w -> w.box().x1()).max().orElseThrow();
            out.add(new Line(line.id(), new Box(x0, line.box().y0(), x1, line.box().y1()), part.stream().map(Word::id).toList(),
                    line.confidence(), line.source()));
        }
        return out;
    }

    /**
     * The top of the masthead's rule: the widest horizontal printed rule (over 3 times as wide as thick) that starts in
     * the top third of the page and spans at least half its width; -infinity without one. Above it (both lines' feet at
     * or above its top) the typographic rules decide, not the forest: what the ground truth makes a region there (the
     * title, the date line, the subscription boxes line by line or whole) changes from one era's pages to the next, the
     * forest learns the conventions of the pages it was trained on, and on pages it has not seen it did worse there
     * than the rules (models/region-breaks-nzz/MODEL.md). As {@code region_breaks.masthead_rule}.
     */
    static double mastheadRule(List<Box> separators, double width, double height) {
        Box best = null;
        for (Box s : separators) {
            if (s.width() > 3 * s.height() && s.y0() < height / 3 && s.width() >= width / 2 && (best == null || s.width() > best.width())) {
                best = s;
            }
        }
        return best == null ? Double.NEGATIVE_INFINITY : best.y0();
    }

    /** For each line i ≥ 1, the probability that a region starts there (index i - 1). */
    double[] probabilities(List<Box> boxes, List<String> texts, boolean[] rule, List<Box> separators) {
        double[][] f = context(features(boxes, texts, rule, separators));
        double[] p = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            p[i] = forest.probability(f[i]);
        }
        return p;
    }

    /** Each pair's features followed by those of the pair before and of the pair after (zeros at the ends). */
    static double[][] context(double[][] f) {
        int k = FEATURES.size();
        double[][] out = new double[f.length][3 * k];
        for (int i = 0; i < f.length; i++) {
            System.arraycopy(f[i], 0, out[i], 0, k);
            if (i > 0) {
                System.arraycopy(f[i - 1], 0, out[i], k, k);
            }
            if (i + 1 < f.length) {
                System.arraycopy(f[i + 1], 0, out[i], 2 * k, k);
            }
        }
        return out;
    }

    /**
     * The features of each pair (i - 1, i), in {@link #FEATURES} order; as {@code features} in region_breaks.py.
     * {@code separators}: the page's printed rules.
     */
    static double[][] features(List<Box> b, List<String> texts, boolean[] rule, List<Box> separators) {
        int n = b.size();
        int[] runOf = new int[n];
        List<List<Integer>> runs = Paragraphs.runs(b);
        for (int k = 0; k < runs.size(); k++) {
            for (int i : runs.get(k)) {
                runOf[i] = k;
            }
        }
        Paragraphs.Measures[] stats = new Paragraphs.Measures[runs.size()];
        for (int k = 0; k < runs.size(); k++) {
            stats[k] = Paragraphs.Measures.of(runs.get(k).stream().map(b::get).toList());
        }
        double[][] out = new double[Math.max(0, n - 1)][];
        for (int i = 1; i < n; i++) {
            Box a = b.get(i - 1);
            Box c = b.get(i);
            String ta = texts.get(i - 1).strip();
            String tb = texts.get(i).strip();
            Paragraphs.Measures s = stats[runOf[i]];
            double h = Math.max(s.h(), 1.0);
            double left = s.left();
            double right = s.right();
            double lead = s.lead();
            double ha = a.height();
            double hb = c.height();
            double gap = (c.y0() - a.y1() - lead) / h;
            double width = Math.max(1.0, right - left);
            double mlA = (a.x0() - left) / h;
            double mlB = (c.x0() - left) / h;
            double mrA = (right - a.x1()) / h;
            double mrB = (right - c.x1()) / h;
            double[] rules = ruleBetween(a, c, separators, h);
            out[i - 1] = new double[] {
                rule[i] ? 1 : 0,
                runOf[i - 1] != runOf[i] ? 1 : 0,
                Paragraphs.sameRow(a, c) ? 1 : 0,
                clip(gap, -2, 5),
                gap > 0.8 ? 1 : 0,
                clip(mlB, -2, 10),
                clip(mlA, -2, 10),
                mlB > 0.3 && mlB < 4 ? 1 : 0,
                clip(mrA, -2, 20),
                clip(mrB, -2, 20),
                mrA > 1.5 ? 1 : 0,
                Math.abs(Math.log(Math.max(hb, 1.0) / Math.max(ha, 1.0))),
                clip(Math.log(Math.max(hb, 1.0) / h), -1, 1.5),
                clip(Math.log(Math.max(ha, 1.0) / h), -1, 1.5),
                centred(mlA, mrA),
                centred(mlB, mrB),
                (double) s.full() / s.lines(),
                ENDS_SENTENCE.matcher(ta).find() ? 1 : 0,
                ENDS_HYPHEN.matcher(ta).find() ? 1 : 0,
                wordCount(ta) <= 1 ? 1 : 0,
                wordCount(tb) <= 1 ? 1 : 0,
                !tb.isEmpty() && Character.isUpperCase(tb.codePointAt(0)) ? 1 : 0,
                !tb.isEmpty() && Character.isDigit(tb.codePointAt(0)) ? 1 : 0,
                clip(ta.codePointCount(0, ta.length()) / 40.0, 0, 3),
                clip(tb.codePointCount(0, tb.length()) / 40.0, 0, 3),
                clip(a.width() / width, 0, 2),
                clip(c.width() / width, 0, 2),
                rules[0],
                rules[1],
            };
        }
        return out;
    }

    /**
     * {horizontal, vertical}: 1 where a printed rule lies between lines a and b. Horizontal (b not above a): its centre
     * within 0.3 h of the blank between a's bottom and b's top, overlapping the two lines' span across by 0.3 of the narrower line;
     * vertical: its centre between the left line's right end and the right line's left end (0.2 h slack), overlapping
     * them down. As {@code rule_between} in region_breaks.py.
     */
    static double[] ruleBetween(Box a, Box b, List<Box> separators, double h) {
        double top = Math.min(a.y1(), b.y0());
        double bottom = Math.max(a.y1(), b.y0());
        double x0 = Math.min(a.x0(), b.x0());
        double x1 = Math.max(a.x1(), b.x1());
        Box lo = a.x0() <= b.x0() ? a : b;
        Box hi = lo == a ? b : a;
        double horizontal = 0;
        double vertical = 0;
        for (Box s : separators) {
            double cx = (s.x0() + s.x1()) / 2;
            double cy = (s.y0() + s.y1()) / 2;
            if (s.width() >= s.height()) {
                if (b.y0() >= a.y0() && top - 0.3 * h <= cy && cy <= bottom + 0.3 * h
                        && Math.min(s.x1(), x1) - Math.max(s.x0(), x0) > 0.3 * Math.min(a.width(), b.width())) {
                    horizontal = 1;
                }
            } else if (lo.x1() - 0.2 * h <= cx && cx <= hi.x0() + 0.2 * h
                    && Math.min(s.y1(), Math.max(a.y1(), b.y1())) - Math.max(s.y0(), Math.min(a.y0(), b.y0())) > 0) {
                vertical = 1;
            }
        }
        return new double[] {horizontal, vertical};
    }

    private static double centred(double ml, double mr) {
        return ml > 1.0 && mr > 1.0 && Math.abs(ml - mr) <= Math.max(1.5, 0.25 * (ml + mr)) ? 1 : 0;
    }

    private static int wordCount(String s) {
        return s.isBlank() ? 0 : s.strip().split("\\s+").length;
    }

    private static double clip(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }
}
