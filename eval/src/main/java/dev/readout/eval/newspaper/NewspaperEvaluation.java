package dev.readout.eval.newspaper;

import dev.readout.core.Pipeline;
import dev.readout.core.model.Box;
import dev.readout.core.model.Document;
import dev.readout.core.model.Page;
import dev.readout.core.model.Region;
import dev.readout.core.model.Word;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.PageSelection;
import dev.readout.eval.Iou;
import dev.readout.eval.Levenshtein;
import dev.readout.eval.ocr.PageGeometry;
import dev.readout.eval.order.GoldPages;
import dev.readout.eval.order.OrderMetrics;
import dev.readout.eval.order.PageXmlReader;
import dev.readout.eval.order.PageXmlReader.GtPage;
import dev.readout.eval.order.PageXmlReader.GtRegion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * End-to-end newspaper evaluation against PAGE-XML ground truth (such as the NZZ pages): each page image goes
 * through the whole pipeline (scan clean-up, OCR, reading order), and our boxes are mapped back to the ground-truth
 * image (undoing rotation, deskew and any rescaling).
 * <ul>
 * <li><b>Regions:</b> our text regions (not separators) against the ground-truth TextRegions that have Coords; one-to-one matching, greedy by
 * decreasing IoU, a match needs IoU ≥ 0.5; precision, recall and F1 micro-averaged over pages.</li>
 * <li><b>Reading order:</b> over the matched regions only: the ground truth's region order (its {@code ReadingOrder})
 * against the order of our regions, page-level BLEU-4 and ARD ({@link OrderMetrics}), averaged over pages with at
 * least one matched region.</li>
 * <li><b>CER:</b> for every ground-truth line with text, our words whose box centre falls inside the line's box,
 * left to right, joined by spaces, against the line's text, both normalised (Unicode NFC, long s ſ → s, the
 * end-of-line hyphen mark ¬ → -, runs of white space → one space, trimmed); CER = total Levenshtein edits / total
 * ground-truth characters (words outside every ground-truth line are not counted).</li>
 * </ul>
 */
public final class NewspaperEvaluation {
    private NewspaperEvaluation() {
    }

    /** One page's counts and scores. */
    public record PageResult(String name, int gtRegions, int predRegions, int matched, double bleu, double ard,
                             boolean ordered, long edits, long chars, double seconds, List<LineError> worstLines,
                             List<String> missedRegions) {
        public PageResult {
            worstLines = worstLines == null ? List.of() : List.copyOf(worstLines);
            missedRegions = missedRegions == null ? List.of() : List.copyOf(missedRegions);
        }

        public PageResult(String name, int gtRegions, int predRegions, int matched, double bleu, double ard,
                          boolean ordered, long edits, long chars, double seconds) {
            this(name, gtRegions, predRegions, matched, bleu, ard, ordered, edits, chars, seconds, List.of(), List.of());
        }
    }

    /** A ground-truth line, normalised, what we read there, and the edits between them. */
    public record LineError(String want, String got, int edits) {
    }

    /** How many of a page's worst lines are kept in its result (for --verbose). */
    static final int WORST_LINES = 15;

    /** A ground-truth page and its image. */
    public record Item(GtPage gt, Path image) {
    }

    /** The PAGE-XML files under {@code dir} whose image (by {@code imageFilename}) is somewhere under {@code dir}. */
    public static List<Item> items(Path dir, int limit) throws IOException {
        Map<String, Path> files = new HashMap<>();
        List<Path> xmls;
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> all = s.filter(Files::isRegularFile).sorted().toList();
            for (Path p : all) {
                files.putIfAbsent(p.getFileName().toString(), p);
            }
            xmls = all.stream().filter(p -> p.getFileName().toString().toLowerCase().endsWith(".xml")).toList();
        }
        List<Item> out = new ArrayList<>();
        for (Path x : xmls) {
            if (limit > 0 && out.size() >= limit) {
                break;
            }
            GtPage gt;
            try (InputStream in = Files.newInputStream(x)) {
                gt = PageXmlReader.parse(dir.relativize(x).toString(), in);
            } catch (IllegalArgumentException e) {
                continue;   // not PAGE-XML
            }
            Path img = files.get(Path.of(gt.imageFilename()).getFileName().toString());
            if (img == null) {
                throw new IllegalArgumentException(x + ": its image " + gt.imageFilename() + " is not under " + dir);
            }
            out.add(new Item(gt, img));
        }
        return out;
    }

    public static PageResult evaluate(Pipeline pipeline, IngestOptions options, Item item) {
        return evaluate(pipeline, options, item, null);
    }

    /** As {@link #evaluate(Pipeline, IngestOptions, Item)}; with {@code dump} set, the processed document is also
     * written there as {@code IMAGE-NAME.json} (the document model, as {@code readout extract} writes it). */
    public static PageResult evaluate(Pipeline pipeline, IngestOptions options, Item item, Path dump) {
        long t0 = System.nanoTime();
        Document doc = pipeline.process(item.image(), item.image().getFileName().toString(), options, PageSelection.ALL, null);
        if (doc.pages().isEmpty()) {
            throw new IllegalStateException(item.image() + ": no page processed: " + doc.errors());
        }
        if (dump != null) {
            String base = item.image().getFileName().toString().replaceFirst("\\.[^.]+$", "");
            try {
                Files.createDirectories(dump);
                Files.writeString(dump.resolve(base + ".json"), dev.readout.core.json.DocumentJson.write(doc));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("--dump: cannot write into " + dump, e);
            }
        }
        Page page = doc.pages().get(0);
        double secs = (System.nanoTime() - t0) / 1e9;
        GtPage gt = item.gt();
        // regions
        List<GtRegion> gtRegions = gt.all().stream().filter(r -> r.box() != null).toList();
        List<Region> ours = orderedRegions(page);
        List<Box> ourBoxes = ours.stream().map(r -> toGt(r.box(), page, gt)).toList();
        record Pair(int g, int p, double iou) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (int g = 0; g < gtRegions.size(); g++) {
            for (int p = 0; p < ourBoxes.size(); p++) {
                double iou = Iou.of(gtRegions.get(g).box(), ourBoxes.get(p));
                if (iou >= 0.5) {
                    pairs.add(new Pair(g, p, iou));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::iou).reversed());
        Map<Integer, String> matchOfOurs = new HashMap<>();
        boolean[] gtUsed = new boolean[gtRegions.size()];
        for (Pair pr : pairs) {
            if (!gtUsed[pr.g()] && !matchOfOurs.containsKey(pr.p())) {
                gtUsed[pr.g()] = true;
                matchOfOurs.put(pr.p(), gtRegions.get(pr.g()).id());
            }
        }
        List<String> predOrder = new ArrayList<>();
        for (int p = 0; p < ours.size(); p++) {
            if (matchOfOurs.containsKey(p)) {
                predOrder.add(matchOfOurs.get(p));
            }
        }
        List<String> goldOrder = gt.ordered().stream().map(GtRegion::id).filter(predOrder::contains).toList();
        List<String> predInGold = predOrder.stream().filter(goldOrder::contains).toList();
        boolean ordered = !goldOrder.isEmpty();
        double bleu = ordered ? OrderMetrics.bleu(predInGold, goldOrder) : 0;
        double ard = ordered ? OrderMetrics.ard(predInGold, goldOrder) : 0;
        // characters
        List<Word> words = page.words();
        List<Box> wordBoxes = words.stream().map(w -> toGt(w.box(), page, gt)).toList();
        long edits = 0;
        long chars = 0;
        List<LineError> errors = new ArrayList<>();
        for (GtRegion r : gt.all()) {
            for (GoldPages.Unit line : r.lines()) {
                String want = normalize(line.text());
                if (want.isEmpty()) {
                    continue;
                }
                List<Integer> inside = new ArrayList<>();
                for (int i = 0; i < words.size(); i++) {
                    if (Iou.centreInside(wordBoxes.get(i), line.box())) {
                        inside.add(i);
                    }
                }
                inside.sort(Comparator.comparingDouble(i -> wordBoxes.get(i).x0()));
                StringBuilder got = new StringBuilder();
                for (int i : inside) {
                    if (!got.isEmpty()) {
                        got.append(' ');
                    }
                    got.append(words.get(i).text());
                }
                int e = Levenshtein.distance(normalize(got.toString()), want);
                edits += e;
                chars += Levenshtein.length(want);
                if (e > 0) {
                    errors.add(new LineError(want, normalize(got.toString()), e));
                }
            }
        }
        errors.sort(Comparator.comparingInt(LineError::edits).reversed());
        // the ground-truth regions left unmatched: how many lines, and how the most overlapping of ours differs
        List<String> missed = new ArrayList<>();
        for (int g = 0; g < gtRegions.size(); g++) {
            if (gtUsed[g]) {
                continue;
            }
            GtRegion r = gtRegions.get(g);
            Box gb = r.box();
            int best = -1;
            double bestOverlap = 0;
            for (int p = 0; p < ourBoxes.size(); p++) {
                double o = gb.intersectionArea(ourBoxes.get(p));
                if (o > bestOverlap) {
                    bestOverlap = o;
                    best = p;
                }
            }
            String how = best < 0 ? "none of ours overlaps"
                    : String.format(java.util.Locale.ROOT, "iou %.2f, ours %.0f%% of it, it %.0f%% of ours%s", Iou.of(gb, ourBoxes.get(best)),
                            100 * bestOverlap / Math.max(1, gb.area()), 100 * bestOverlap / Math.max(1, ourBoxes.get(best).area()),
                            matchOfOurs.containsKey(best) ? " (ours matched elsewhere)" : "");
            String text = r.lines().isEmpty() ? "" : normalize(r.lines().get(0).text());
            missed.add(r.lines().size() + " line(s) '" + (text.length() > 40 ? text.substring(0, 40) : text) + "': " + how);
        }
        return new PageResult(gt.name(), gtRegions.size(), ours.size(), matchOfOurs.size(), bleu, ard, ordered, edits, chars, secs,
                errors.subList(0, Math.min(WORST_LINES, errors.size())), missed);
    }

    /**
     * Our text regions in reading order (by the position of their first line in the page's reading order); separators
     * are not text regions and are left out.
     */
    static List<Region> orderedRegions(Page page) {
        Map<String, Integer> pos = new HashMap<>();
        for (int i = 0; i < page.readingOrder().size(); i++) {
            pos.put(page.readingOrder().get(i), i);
        }
        List<Region> rs = new ArrayList<>(page.regions().stream().filter(Region::isText).toList());
        if (!pos.isEmpty()) {
            rs.sort(Comparator.comparingInt(r -> r.lineIds().stream().mapToInt(id -> pos.getOrDefault(id, Integer.MAX_VALUE)).min()
                    .orElse(Integer.MAX_VALUE)));
        }
        return rs;
    }

    /** A box of our page mapped onto the ground-truth image: undo deskew and rotation, then scale. */
    static Box toGt(Box b, Page page, GtPage gt) {
        Box src = PageGeometry.toSource(b, page.rotation(), page.skew(), page.width(), page.height());
        boolean turned = page.rotation() == 90 || page.rotation() == 270;
        double w = turned ? page.height() : page.width();
        double h = turned ? page.width() : page.height();
        double sx = gt.width() / w;
        double sy = gt.height() / h;
        return new Box(src.x0() * sx, src.y0() * sy, src.x1() * sx, src.y1() * sy);
    }

    /** NFC; ſ → s; ¬ → -; white space runs → one space; trimmed. */
    public static String normalize(String s) {
        String n = Normalizer.normalize(s == null ? "" : s, Normalizer.Form.NFC).replace('ſ', 's').replace('¬', '-');
        return n.replaceAll("\\s+", " ").strip();
    }

    /** Micro/macro aggregates over pages. */
    public static Map<String, Object> summary(List<PageResult> pages) {
        long gt = 0;
        long pred = 0;
        long matched = 0;
        long edits = 0;
        long chars = 0;
        double bleu = 0;
        double ard = 0;
        int ordered = 0;
        double secs = 0;
        for (PageResult p : pages) {
            gt += p.gtRegions();
            pred += p.predRegions();
            matched += p.matched();
            edits += p.edits();
            chars += p.chars();
            secs += p.seconds();
            if (p.ordered()) {
                bleu += p.bleu();
                ard += p.ard();
                ordered++;
            }
        }
        double precision = pred == 0 ? 0 : matched / (double) pred;
        double recall = gt == 0 ? 0 : matched / (double) gt;
        Map<String, Object> regions = new LinkedHashMap<>();
        regions.put("precision", r(precision));
        regions.put("recall", r(recall));
        regions.put("f1", r(precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)));
        regions.put("ground_truth", gt);
        regions.put("predicted", pred);
        regions.put("matched", matched);
        Map<String, Object> ro = new LinkedHashMap<>();
        ro.put("bleu", r(ordered == 0 ? 0 : bleu / ordered));
        ro.put("ard", r(ordered == 0 ? 0 : ard / ordered));
        ro.put("pages", ordered);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("regions", regions);
        out.put("reading_order", ro);
        out.put("cer", r(chars == 0 ? 0 : edits / (double) chars));
        out.put("characters", chars);
        out.put("pages", pages.size());
        out.put("seconds", Math.round(secs * 10) / 10.0);
        return out;
    }

    private static double r(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

}
