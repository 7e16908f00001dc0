package dev.readout.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.readout.core.model.Box;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.Region;
import dev.readout.core.model.TextSource;
import dev.readout.core.model.Word;
import dev.readout.core.stage.OcrEngine;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The learned region grouping: the Java features and probabilities equal those of training/region_breaks.py on its
 * parity fixture (a synthetic page: a heading, two paragraphs, a second column), and the regrouped page is sound.
 */
class RegionBreaksTest {
    private static JsonNode fixture() throws Exception {
        try (InputStream in = RegionBreaksTest.class.getResourceAsStream("region-breaks-parity.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static List<Box> boxes(JsonNode f) {
        List<Box> out = new ArrayList<>();
        f.get("boxes").forEach(b -> out.add(new Box(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble())));
        return out;
    }

    private static List<String> texts(JsonNode f) {
        List<String> out = new ArrayList<>();
        f.get("texts").forEach(t -> out.add(t.asText()));
        return out;
    }

    private static boolean[] rule(JsonNode f) {
        boolean[] r = new boolean[f.get("ruleBreaks").size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = f.get("ruleBreaks").get(i).asBoolean();
        }
        return r;
    }

    private static List<Box> separators(JsonNode f) {
        List<Box> out = new ArrayList<>();
        f.get("separators").forEach(b -> out.add(new Box(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble())));
        return out;
    }

    @Test
    void featuresAndProbabilitiesMatchThePythonTrainer() throws Exception {
        JsonNode f = fixture();
        double[][] feats = RegionBreaks.features(boxes(f), texts(f), rule(f), separators(f));
        assertThat(feats).hasDimensions(f.get("features").size(), RegionBreaks.FEATURES.size());
        for (int i = 0; i < feats.length; i++) {
            for (int k = 0; k < feats[i].length; k++) {
                assertThat(feats[i][k]).as("pair %d feature %s", i + 1, RegionBreaks.FEATURES.get(k))
                        .isCloseTo(f.get("features").get(i).get(k).asDouble(), within(1e-9));
            }
        }
        double[] p = RegionBreaks.shared().probabilities(boxes(f), texts(f), rule(f), separators(f));
        for (int i = 0; i < p.length; i++) {
            assertThat(p[i]).as("pair %d", i + 1).isCloseTo(f.get("probabilities").get(i).asDouble(), within(1e-9));
        }
    }

    @Test
    void aPrintedRuleBetweenTwoLinesIsSeen() throws Exception {
        JsonNode f = fixture();
        double[][] feats = RegionBreaks.features(boxes(f), texts(f), rule(f), separators(f));
        int hrule = RegionBreaks.FEATURES.indexOf("hrule");
        int vrule = RegionBreaks.FEATURES.indexOf("vrule");
        // pair 1 (heading -> first line) has the rule under the heading; pair 7 (end of column 1 -> top of column 2)
        // the rule between the columns; no other pair has either
        for (int i = 0; i < feats.length; i++) {
            assertThat(feats[i][hrule]).as("pair %d hrule", i + 1).isEqualTo(i == 0 ? 1.0 : 0.0);
            assertThat(feats[i][vrule]).as("pair %d vrule", i + 1).isEqualTo(i == 6 ? 1.0 : 0.0);
        }
        double[][] none = RegionBreaks.features(boxes(f), texts(f), rule(f), List.of());
        for (double[] x : none) {
            assertThat(x[hrule] + x[vrule]).isZero();
        }
    }

    /** The fixture as a page with the rules' regions of the fixture, and its separators at the end. */
    private static Page page(JsonNode f) {
        List<Box> boxes = boxes(f);
        List<String> texts = texts(f);
        List<Word> words = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        List<Region> regions = new ArrayList<>();
        boolean[] rule = rule(f);
        for (int i = 0; i < boxes.size(); i++) {
            words.add(new Word("p1-w" + (i + 1), texts.get(i), boxes.get(i), 0.9, "test"));
            lines.add(new Line("p1-l" + (i + 1), boxes.get(i), List.of("p1-w" + (i + 1)), 0.9, "test"));
            if (rule[i]) {
                regions.add(new Region("p1-r" + (regions.size() + 1), Region.TEXT, boxes.get(i), List.of(), 0.9, "test"));
            }
            Region last = regions.remove(regions.size() - 1);
            List<String> ids = new ArrayList<>(last.lineIds());
            ids.add("p1-l" + (i + 1));
            regions.add(new Region(last.id(), Region.TEXT, last.box().union(boxes.get(i)), ids, 0.9, "test"));
        }
        for (Box s : separators(f)) {
            regions.add(new Region("p1-r" + (regions.size() + 1), Region.SEPARATOR, s, List.of(), 1.0, "readout-columns"));
        }
        return new Page(1, 1400, 1000, 300, TextSource.OCR, 0, 0, words, lines, regions);
    }

    @Test
    void headingParagraphsAndColumnsBecomeTheirOwnRegions() throws Exception {
        Page refined = RegionBreaks.shared().refine(page(fixture()));
        List<Region> text = refined.regions().stream().filter(Region::isText).toList();
        assertThat(text).extracting(Region::lineIds).containsExactly(
                List.of("p1-l1"),                                   // the centred heading
                List.of("p1-l2", "p1-l3", "p1-l4"),                 // first paragraph
                List.of("p1-l5", "p1-l6", "p1-l7"),                 // second paragraph, after a blank
                List.of("p1-l8", "p1-l9", "p1-l10", "p1-l11", "p1-l12", "p1-l13")); // the next column
        assertThat(text).allSatisfy(r -> assertThat(r.source()).isEqualTo(RegionBreaks.SOURCE));
        // boxes: the lines' union, padded by a tenth of the median line height above and below
        assertThat(text.get(1).box()).isEqualTo(new Box(100, 177, 900, 289));
        assertThat(refined.regions()).extracting(Region::id).containsExactly("p1-r1", "p1-r2", "p1-r3", "p1-r4", "p1-r5", "p1-r6");
        assertThat(refined.regions().get(4).isSeparator()).isTrue();
        assertThat(refined.regions().get(5).isSeparator()).isTrue();
        assertThat(refined.lines()).isEqualTo(page(fixture()).lines());
    }

    /** The fixture page with one more separator. */
    private static Page withRule(Page p, Box rule) {
        List<Region> regions = new ArrayList<>(p.regions());
        regions.add(new Region("p1-r" + (regions.size() + 1), Region.SEPARATOR, rule, List.of(), 1.0, "readout-columns"));
        return p.withRegions(regions);
    }

    private static List<List<String>> textRegions(Page p) {
        return p.regions().stream().filter(Region::isText).map(Region::lineIds).toList();
    }

    @Test
    void aboveTheMastheadsRuleTheTypographicRulesDecide() throws Exception {
        Page page = page(fixture());
        List<List<String>> forest = textRegions(RegionBreaks.shared().refine(page));
        // a rule across the page (1400 px wide) in its top third, under the heading, the first paragraph and the
        // second column (feet at 286 and 320 px): those pairs follow the fixture's rules, which keep the heading with
        // the first paragraph; the pair across the rule and everything under it stay the forest's
        Page ruled = withRule(page, new Box(50, 330, 1350, 333));
        assertThat(RegionBreaks.mastheadRule(ruled.regions().stream().filter(Region::isSeparator).map(Region::box).toList(),
                ruled.width(), ruled.height())).isEqualTo(330.0);
        assertThat(textRegions(RegionBreaks.shared().refine(ruled))).containsExactly(
                List.of("p1-l1", "p1-l2", "p1-l3", "p1-l4"),
                List.of("p1-l5", "p1-l6", "p1-l7"),
                List.of("p1-l8", "p1-l9", "p1-l10", "p1-l11", "p1-l12", "p1-l13"));
        // a rule across less than half the page, or below its top third, is no masthead rule
        assertThat(textRegions(RegionBreaks.shared().refine(withRule(page, new Box(50, 330, 650, 333))))).isEqualTo(forest);
        assertThat(textRegions(RegionBreaks.shared().refine(withRule(page, new Box(50, 340, 1350, 343))))).isEqualTo(forest);
    }

    @Test
    void aScannedPageGivesTheRegionModelItsPrintedRules() throws Exception {
        // the fixture's lines as OCR output, every line its own block but the second paragraph's (so the typographic
        // rules make each of those lines a region), and a masthead rule under the heading, the first paragraph and the
        // second column: above it the rules' single lines stand; without the rule the forest joins the paragraphs
        JsonNode f = fixture();
        List<Box> boxes = boxes(f);
        List<String> texts = texts(f);
        int[][] blockLines = {{0}, {1}, {2}, {3}, {4, 5, 6}, {7}, {8}, {9}, {10}, {11}, {12}};
        List<OcrEngine.OcrBlock> blocks = new ArrayList<>();
        for (int[] bl : blockLines) {
            List<OcrEngine.OcrLine> ls = new ArrayList<>();
            for (int i : bl) {
                ls.add(new OcrEngine.OcrLine(boxes.get(i), 0.9, List.of(new OcrEngine.OcrWord(texts.get(i), boxes.get(i), 0.9))));
            }
            blocks.add(new OcrEngine.OcrBlock(Box.unionOf(ls.stream().map(OcrEngine.OcrLine::box).toList()), ls));
        }
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(1400, 1000, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        Box rule = new Box(50, 330, 1350, 333);
        OcrEngine.OcrResult ocr = new OcrEngine.OcrResult(blocks);
        Page scanned = PageBuilder.fromScan(1, 300, new ScanProcessor.Scan(image, 0, 0, ocr, List.of(rule)), "test",
                dev.readout.core.stage.Segmentation.COLUMNS);
        Page read = PageBuilder.fromOcr(1, 1400, 1000, 300, 0, 0, ocr, "test");
        Page ruled = withRule(read, rule);
        // the region model saw the rule: the page equals the model applied to the page with its separator ...
        assertThat(scanned.regions()).isEqualTo(RegionBreaks.shared().refine(ruled).regions());
        // ... which is not what it makes of the page without it (as before 2026-12-07, when the separators were only
        // added after the model had run)
        assertThat(textRegions(scanned)).containsExactly(List.of("p1-l1"), List.of("p1-l2"), List.of("p1-l3"), List.of("p1-l4"),
                List.of("p1-l5", "p1-l6", "p1-l7"), List.of("p1-l8"), List.of("p1-l9"), List.of("p1-l10"), List.of("p1-l11"),
                List.of("p1-l12"), List.of("p1-l13"));
        assertThat(textRegions(RegionBreaks.shared().refine(read))).containsExactly(List.of("p1-l1"),
                List.of("p1-l2", "p1-l3", "p1-l4"), List.of("p1-l5", "p1-l6", "p1-l7"),
                List.of("p1-l8", "p1-l9", "p1-l10", "p1-l11", "p1-l12", "p1-l13"));
        assertThat(scanned.regions().stream().filter(Region::isSeparator).map(Region::box).toList()).containsExactly(rule);
    }

    @Test
    void aModelWithOtherFeaturesIsRefused() throws Exception {
        ObjectNode bad = (ObjectNode) new ObjectMapper().readTree(RegionBreaks.class.getResourceAsStream("region-breaks.json"));
        ((ArrayNode) bad.get("features")).remove(0);
        assertThatThrownBy(() -> RegionBreaks.read(bad)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("features");
    }

    @Test
    void aModelOfAnotherKindOrWithABrokenTreeIsRefused() throws Exception {
        ObjectNode lr = (ObjectNode) new ObjectMapper().readTree(RegionBreaks.class.getResourceAsStream("region-breaks.json"));
        lr.put("kind", "logistic");
        assertThatThrownBy(() -> RegionBreaks.read(lr)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("forest");
        ObjectNode bad = (ObjectNode) new ObjectMapper().readTree(RegionBreaks.class.getResourceAsStream("region-breaks.json"));
        ((ArrayNode) bad.get("trees").get(0).get("left")).set(0, 0); // the root pointing at itself would loop forever
        assertThatThrownBy(() -> RegionBreaks.read(bad)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed");
    }

    @Test
    void aMastheadRowIsCutWhereItsWordsStandApart() throws Exception {
        // a masthead row read as one line (a gap of 400 px between its second and third word, over 5 line heights of
        // 30 px), a date line under it, the masthead's rule, then a paragraph of two lines
        List<Word> words = List.of(
                new Word("p1-w1", "Täglich", new Box(100, 100, 300, 130), 0.9, "t"),
                new Word("p1-w2", "zweimal", new Box(310, 100, 500, 130), 0.9, "t"),
                new Word("p1-w3", "Redaktion", new Box(900, 100, 1100, 130), 0.9, "t"),
                new Word("p1-w4", "Montag", new Box(900, 140, 1100, 170), 0.9, "t"),
                new Word("p1-w5", "Paris, den 21. Oktober. Nach Briefen aus", new Box(140, 250, 900, 280), 0.9, "t"),
                new Word("p1-w6", "dem Haag vernimmt man, daß die Staaten", new Box(100, 288, 900, 318), 0.9, "t"));
        List<Line> lines = List.of(
                new Line("p1-l1", new Box(100, 100, 1100, 130), List.of("p1-w1", "p1-w2", "p1-w3"), 0.8, "t"),
                new Line("p1-l2", new Box(900, 140, 1100, 170), List.of("p1-w4"), 0.7, "t"),
                new Line("p1-l3", new Box(140, 250, 900, 280), List.of("p1-w5"), 0.9, "t"),
                new Line("p1-l4", new Box(100, 288, 900, 318), List.of("p1-w6"), 0.9, "t"));
        Page page = new Page(1, 1400, 1000, 300, TextSource.OCR, 0, 0, words, lines, List.of(
                new Region("p1-r1", Region.TEXT, new Box(100, 100, 1100, 170), List.of("p1-l1", "p1-l2"), 0.9, "t"),
                new Region("p1-r2", Region.TEXT, new Box(100, 250, 900, 318), List.of("p1-l3", "p1-l4"), 0.9, "t"),
                new Region("p1-r3", Region.SEPARATOR, new Box(50, 200, 1350, 203), List.of(), 1.0, "readout-columns")));
        Page refined = RegionBreaks.shared().refine(page);
        // the row's two pieces are lines of their own, the lines renumbered in the page's order
        assertThat(refined.lines()).extracting(Line::id).containsExactly("p1-l1", "p1-l2", "p1-l3", "p1-l4", "p1-l5");
        assertThat(refined.lines()).extracting(Line::wordIds).containsExactly(List.of("p1-w1", "p1-w2"), List.of("p1-w3"),
                List.of("p1-w4"), List.of("p1-w5"), List.of("p1-w6"));
        assertThat(refined.lines().get(0).box()).isEqualTo(new Box(100, 100, 500, 130));
        assertThat(refined.lines().get(1).box()).isEqualTo(new Box(900, 100, 1100, 130));
        assertThat(refined.lines().get(1).confidence()).isEqualTo(0.8);
        // the second piece starts a region, which the date line continues (the typographic rules kept it with the row)
        assertThat(textRegions(refined).subList(0, 2)).containsExactly(List.of("p1-l1"), List.of("p1-l2", "p1-l3"));
        assertThat(refined.words()).isEqualTo(page.words());
        // every line id a region names exists
        assertThat(textRegions(refined).stream().flatMap(List::stream).toList())
                .allSatisfy(id -> assertThat(refined.lines()).extracting(Line::id).contains(id));

        // below the rule, or with a narrower gap, nothing is cut
        assertThat(RegionBreaks.mastheadPieces(lines.get(2), Map.of("p1-w5", words.get(4)))).containsExactly(lines.get(2));
        Line narrow = new Line("p1-l1", new Box(100, 100, 1100, 130), List.of("p1-w1", "p1-w3"), 0.8, "t");
        Word near = new Word("p1-w3", "Redaktion", new Box(440, 100, 1100, 130), 0.9, "t");
        assertThat(RegionBreaks.mastheadPieces(narrow, Map.of("p1-w1", words.get(0), "p1-w3", near))).containsExactly(narrow);
        Page low = page.withRegions(List.of(page.regions().get(0), page.regions().get(1),
                new Region("p1-r3", Region.SEPARATOR, new Box(50, 90, 1350, 93), List.of(), 1.0, "readout-columns")));
        assertThat(RegionBreaks.shared().refine(low).lines()).isEqualTo(lines);
    }

    @Test
    void aPageWithOneLineIsLeftAsItIs() throws Exception {
        Page one = new Page(1, 100, 100, 300, TextSource.OCR, 0, 0,
                List.of(new Word("p1-w1", "Zeitung", new Box(10, 10, 60, 20), 0.9, "t")),
                List.of(new Line("p1-l1", new Box(10, 10, 60, 20), List.of("p1-w1"), 0.9, "t")),
                List.of(new Region("p1-r1", Region.TEXT, new Box(10, 10, 60, 20), List.of("p1-l1"), 0.9, "t")));
        assertThat(RegionBreaks.shared().refine(one)).isSameAs(one);
    }
}
