package dev.readout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.readout.cli.synth.SynthDataset;
import dev.readout.cli.synth.SynthGenerator;
import dev.readout.cli.synth.SynthPage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadingOrderDataTest {
    @TempDir
    Path tmp;

    @Test
    void sameSeedWritesTheSameFiles() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path c = tmp.resolve("c");
        assertThat(CliHarness.run("make-reading-order-data", "--out", a.toString(), "--pages", "3", "--seed", "11").exit()).isZero();
        assertThat(CliHarness.run("make-reading-order-data", "--out", b.toString(), "--pages", "3", "--seed", "11").exit()).isZero();
        assertThat(CliHarness.run("make-reading-order-data", "--out", c.toString(), "--pages", "3", "--seed", "12").exit()).isZero();
        for (int i = 1; i <= 3; i++) {
            String f = String.format("page-%05d.json", i);
            assertThat(Files.readString(a.resolve(f))).isEqualTo(Files.readString(b.resolve(f)));
            assertThat(Files.readString(a.resolve(f))).isNotEqualTo(Files.readString(c.resolve(f)));
        }
        SynthPage x = SynthGenerator.generate(42);
        SynthPage y = SynthGenerator.generate(42);
        assertThat(y.layout()).isEqualTo(x.layout());
        assertThat(y.lines()).hasSameSizeAs(x.lines());
        for (int i = 0; i < x.lines().size(); i++) {
            assertThat(y.lines().get(i).text()).isEqualTo(x.lines().get(i).text());
            assertThat(y.lines().get(i).xs()).containsExactly(x.lines().get(i).xs());
            assertThat(y.lines().get(i).baseline()).isEqualTo(x.lines().get(i).baseline());
        }
    }

    @Test
    void everyGeneratedLineIsRecoveredExactlyOnce() throws Exception {
        try (SynthDataset ds = new SynthDataset()) {
            for (int i = 0; i < 6; i++) {
                ObjectNode page = ds.page(5, i, tmp);
                assertThat(page).isNotNull();
                SynthPage sp = SynthGenerator.generate(page.get("seed").asLong());
                Map<String, List<String>> parts = new LinkedHashMap<>();
                List<String> ids = new ArrayList<>();
                for (JsonNode l : page.get("lines")) {
                    String gen = l.get("gen").asText();
                    List<String> mine = parts.computeIfAbsent(gen, g -> new ArrayList<>());
                    assertThat(l.get("part").asInt()).isEqualTo(mine.size());
                    mine.add(l.get("text").asText());
                    ids.add(l.get("id").asText());
                    assertThat(l.get("box")).hasSize(4);
                }
                assertThat(ids).doesNotHaveDuplicates().hasSize(page.get("extracted_lines").asInt());
                // generated lines appear in generated order, each once, each spelled exactly
                assertThat(parts.keySet()).hasSize(sp.lines().size());
                int k = 0;
                for (Map.Entry<String, List<String>> e : parts.entrySet()) {
                    assertThat(e.getKey()).isEqualTo("g" + (k + 1));
                    assertThat(String.join(" ", e.getValue())).isEqualTo(sp.lines().get(k).text());
                    k++;
                }
            }
        }
    }

    @Test
    void twoColumnPageReadsColumnOneBeforeColumnTwo() throws Exception {
        SynthPage sp = null;
        for (long s = 1; sp == null; s++) {
            SynthPage c = SynthGenerator.generate(s);
            if (c.layout().contains("band1=2col") && !c.layout().contains("band2") && !c.layout().contains("sidebar")) {
                sp = c;
            }
        }
        try (SynthDataset ds = new SynthDataset()) {
            ObjectNode page = ds.render(sp, "two-col", tmp);
            assertThat(page).isNotNull();
            double mid = page.get("width").asDouble() / 2;
            int lastLeft = -1;
            int firstRight = Integer.MAX_VALUE;
            int n = 0;
            for (JsonNode l : page.get("lines")) {
                if (l.get("role").asText().equals("body")) {
                    double x0 = l.get("box").get(0).asDouble();
                    if (x0 < mid) {
                        lastLeft = n;
                    } else {
                        firstRight = Math.min(firstRight, n);
                    }
                }
                n++;
            }
            assertThat(lastLeft).isGreaterThanOrEqualTo(0);
            assertThat(firstRight).isLessThan(Integer.MAX_VALUE);
            assertThat(lastLeft).isLessThan(firstRight);
        }
        Path dir = tmp.resolve("eval");
        assertThat(CliHarness.run("make-reading-order-data", "--out", dir.toString(), "--pages", "2", "--seed", "3").exit()).isZero();
        CliHarness.Result r = CliHarness.run("eval", "reading-order", "--format", "synth", "--data", dir.toString(), "--json");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("\"xycut\"");
    }

    @Test
    void templateSetThreeGivesFiguresReachingIntoTheGutterAsUnitsBeforeTheirCaptions() throws Exception {
        int figures = 0;
        int reaching = 0;
        try (SynthDataset ds = new SynthDataset().templates(3)) {
            for (int i = 0; i < 12; i++) {
                ObjectNode page = ds.page(7, i, tmp);
                assertThat(page).isNotNull();
                SynthPage sp = SynthGenerator.generate(page.get("seed").asLong(), 3);
                JsonNode lines = page.get("lines");
                for (int k = 0; k < lines.size(); k++) {
                    JsonNode l = lines.get(k);
                    if (!l.get("role").asText().equals("figure")) {
                        continue;
                    }
                    figures++;
                    // read just before the first line of its caption, and carries the caption's text (as HRDoc does)
                    JsonNode next = lines.get(k + 1);
                    assertThat(next.get("role").asText()).isEqualTo("caption");
                    assertThat(next.get("part").asInt()).isZero();
                    assertThat(l.get("text").asText()).startsWith(next.get("text").asText()).startsWith("Figure");
                    assertThat(l.get("box").get(3).asDouble()).isLessThan(next.get("box").get(1).asDouble());
                    // wider than the caption's column whenever it reaches into a gutter
                    if (l.get("box").get(2).asDouble() - l.get("box").get(0).asDouble()
                            > next.get("box").get(2).asDouble() - next.get("box").get(0).asDouble() + 30) {
                        reaching++;
                    }
                }
                assertThat(sp.figures()).hasSize((int) java.util.stream.StreamSupport.stream(lines.spliterator(), false)
                        .filter(l -> l.get("role").asText().equals("figure")).count());
            }
        }
        assertThat(figures).isGreaterThan(2);
        assertThat(reaching).isPositive();
        // set 2 pages have no figure units
        assertThat(SynthGenerator.generate(5, 2).figures()).isEmpty();
    }

    @Test
    void verboseEvaluationCutsAWrongOrderIntoRunsThatCoverEveryLineOnce() throws Exception {
        Path dir = tmp.resolve("verbose");
        assertThat(CliHarness.run("make-reading-order-data", "--templates", "3", "--out", dir.toString(), "--pages", "8",
                "--seed", "99").exit()).isZero();
        CliHarness.Result r = CliHarness.run("eval", "reading-order", "--format", "synth", "--data", dir.toString(), "--verbose");
        assertThat(r.exit()).isZero();
        java.util.regex.Pattern head = java.util.regex.Pattern.compile("^(page-\\d+)  xycut +BLEU-4 ([0-9.]+) .*");
        java.util.regex.Pattern run = java.util.regex.Pattern.compile("^ +at +(\\d+)-(\\d+) +gold +(\\d+)-(\\d+): .*");
        String[] lines = r.err().split("\\R");
        int wrongPages = 0;
        for (int i = 0; i < lines.length; i++) {
            java.util.regex.Matcher h = head.matcher(lines[i]);
            if (!h.matches()) {
                continue;
            }
            java.util.BitSet gold = new java.util.BitSet();
            int next = 0;
            int runs = 0;
            for (int j = i + 1; j < lines.length; j++) {
                java.util.regex.Matcher m = run.matcher(lines[j]);
                if (!m.matches()) {
                    break;
                }
                // runs follow each other in predicted order; each covers a stretch of gold positions, none twice
                assertThat(Integer.parseInt(m.group(1))).isEqualTo(next);
                next = Integer.parseInt(m.group(2)) + 1;
                int g0 = Integer.parseInt(m.group(3));
                int g1 = Integer.parseInt(m.group(4));
                assertThat(g1 - g0).isEqualTo(next - 1 - Integer.parseInt(m.group(1)));
                assertThat(gold.get(g0, g1 + 1).isEmpty()).isTrue();
                gold.set(g0, g1 + 1);
                runs++;
            }
            if (Double.parseDouble(h.group(2)) < 1) {
                wrongPages++;
                assertThat(runs).isGreaterThan(1);
                assertThat(gold.cardinality()).isEqualTo(next).isEqualTo(gold.length());
            } else {
                assertThat(runs).isZero();
            }
        }
        assertThat(wrongPages).as("template set 3's figures in the gutter defeat XY-cut on some page").isPositive();
    }
}
