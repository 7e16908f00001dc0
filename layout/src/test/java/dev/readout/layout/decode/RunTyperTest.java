package dev.readout.layout.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.readout.core.model.Box;
import dev.readout.layout.TestConfigs;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunTyperTest {
    /** The run typer shipped with the layout model (training/run_typer.py). */
    static final Path SHIPPED = Path.of("..", "models", "layout-minilm-funsd", "run_typer.json");

    @Test
    void featuresAndProbabilitiesEqualThePythonTrainers() throws Exception {
        assertThat(SHIPPED).exists();
        RunTyper typer = RunTyper.read(SHIPPED);
        JsonNode fx;
        try (InputStream in = getClass().getResourceAsStream("/dev/readout/layout/run-typer-parity.json")) {
            fx = new ObjectMapper().readTree(in);
        }
        // the fixture's words through segment decoding's run building: the runs the Python trainer saw
        List<RunTyper.Run> runs = runsOf(fx);
        assertThat(runs).hasSize(fx.get("features").size());
        double unit = RunTyper.unit(runs);
        for (int i = 0; i < runs.size(); i++) {
            double[] f = typer.features(runs, i, unit);
            JsonNode expected = fx.get("features").get(i);
            assertThat(f).hasSize(RunTyper.FEATURES.size());
            for (int k = 0; k < f.length; k++) {
                assertThat(f[k]).as("run %d feature %s", i, RunTyper.FEATURES.get(k)).isCloseTo(expected.get(k).asDouble(), within(1e-9));
            }
        }
        double[][] p = typer.probabilities(runs);
        for (int i = 0; i < runs.size(); i++) {
            for (int k = 0; k < RunTyper.TYPES.size(); k++) {
                assertThat(p[i][k]).as("run %d type %s", i, RunTyper.TYPES.get(k))
                        .isCloseTo(fx.get("probabilities").get(i).get(k).asDouble(), within(1e-9));
            }
        }
    }

    /** The fixture's runs: consecutive words sharing a segment box, with their grouped softmax probabilities. */
    private static List<RunTyper.Run> runsOf(JsonNode fx) {
        JsonNode words = fx.get("words");
        List<RunTyper.Run> runs = new ArrayList<>();
        int t = 0;
        while (t < words.size()) {
            int end = t + 1;
            while (end < words.size() && words.get(end).get("segment").equals(words.get(t).get("segment"))) {
                end++;
            }
            Box box = null;
            double h = Double.MAX_VALUE;
            List<String> texts = new ArrayList<>();
            double[] mean = new double[4];
            double[] first = null;
            for (int k = t; k < end; k++) {
                JsonNode b = words.get(k).get("box");
                Box wb = new Box(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble());
                box = box == null ? wb : box.union(wb);
                h = Math.min(h, wb.height());
                texts.add(words.get(k).get("text").asText());
                float[] l = new float[7];
                for (int j = 0; j < 7; j++) {
                    l[j] = (float) fx.get("logits").get(k).get(j).asDouble();
                }
                double[] pr = Bio.softmax(l);
                double[] g = {pr[0], pr[1] + pr[2], pr[3] + pr[4], pr[5] + pr[6]};
                for (int j = 0; j < 4; j++) {
                    mean[j] += g[j] / (end - t);
                }
                first = first == null ? g : first;
            }
            JsonNode s = words.get(t).get("segment");
            int[] seg = {s.get(0).asInt(), s.get(1).asInt(), s.get(2).asInt(), s.get(3).asInt()};
            runs.add(new RunTyper.Run(box, h, String.join(" ", texts), seg, mean, first));
            t = end;
        }
        return runs;
    }

    /** A typer that says QUESTION for a run ending in a colon and otherwise follows the network's mean (weights 10). */
    static RunTyper colonIsAQuestion() throws Exception {
        ObjectMapper om = new ObjectMapper();
        ObjectNode j = om.createObjectNode();
        j.put("format", RunTyper.FORMAT);
        j.set("features", om.valueToTree(RunTyper.FEATURES));
        j.set("types", om.valueToTree(RunTyper.TYPES));
        j.put("row_overlap", 0.3);
        j.put("side_slack", 0.2);
        int n = RunTyper.FEATURES.size();
        double[] zeros = new double[n];
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        j.set("mean", om.valueToTree(zeros));
        j.set("scale", om.valueToTree(ones));
        ArrayNode w = j.putArray("weights");
        for (int k = 0; k < 4; k++) {
            double[] row = new double[n];
            row[k] = 10;                                         // m_<type>
            if (k == 2) {
                row[RunTyper.FEATURES.indexOf("colon")] = 20;
            }
            w.add(om.valueToTree(row));
        }
        j.set("bias", om.valueToTree(new double[4]));
        return RunTyper.parse(j, "test typer");
    }

    @Test
    void segmentDecodingTakesTheTypersTypes() throws Exception {
        Bio bio = new Bio(TestConfigs.LABELS);
        // "Name:" and "John Smith" on one row, all answers by the logits
        float[][] logits = new float[3][7];
        for (float[] l : logits) {
            l[5] = 3f;                                           // B-ANSWER
        }
        int[][] seg = {{10, 10, 60, 20}, {80, 10, 200, 20}, {80, 10, 200, 20}};
        Box[] px = {new Box(100, 100, 170, 120), new Box(220, 100, 280, 120), new Box(290, 100, 380, 120)};
        String[] texts = {"Name:", "John", "Smith"};
        int[] viterbi = bio.viterbi(logits);
        assertThat(tags(bio, bio.segmentVote(logits, viterbi, seg, px, null, null, texts)))
                .containsExactly("B-ANSWER", "B-ANSWER", "I-ANSWER");
        assertThat(tags(bio, bio.segmentVote(logits, viterbi, seg, px, null, colonIsAQuestion(), texts)))
                .containsExactly("B-QUESTION", "B-ANSWER", "I-ANSWER");
        // without the colon the network's type stands
        String[] plain = {"Name", "John", "Smith"};
        assertThat(tags(bio, bio.segmentVote(logits, viterbi, seg, px, null, colonIsAQuestion(), plain)))
                .containsExactly("B-ANSWER", "B-ANSWER", "I-ANSWER");
        assertThatThrownBy(() -> bio.segmentVote(logits, viterbi, seg, px, null, colonIsAQuestion(), null))
                .hasMessageContaining("one text per word");
    }

    @Test
    void neighboursAreFoundOnTheRowAndAbove() throws Exception {
        RunTyper typer = colonIsAQuestion();
        double[] q = {0, 0, 1, 0};
        double[] a = {0, 0, 0, 1};
        double[] h = {0, 1, 0, 0};
        List<RunTyper.Run> runs = List.of(
                new RunTyper.Run(new Box(100, 20, 400, 50), 30, "FORM", new int[] {100, 20, 400, 50}, h, h),
                new RunTyper.Run(new Box(100, 100, 170, 120), 20, "Name:", new int[] {100, 100, 170, 120}, q, q),
                new RunTyper.Run(new Box(220, 100, 380, 120), 20, "John Smith", new int[] {220, 100, 380, 120}, a, a));
        double unit = RunTyper.unit(runs);
        assertThat(unit).isEqualTo(20);
        double[] f = typer.features(runs, 2, unit);
        int left = RunTyper.FEATURES.indexOf("left_question");
        assertThat(f[left]).isEqualTo(1);
        assertThat(f[RunTyper.FEATURES.indexOf("left_far")]).isEqualTo((220 - 170) / 20.0);
        assertThat(f[RunTyper.FEATURES.indexOf("left_colon")]).isEqualTo(1);
        assertThat(f[RunTyper.FEATURES.indexOf("right_far")]).isEqualTo(-1);
        assertThat(f[RunTyper.FEATURES.indexOf("above_header")]).isEqualTo(1);     // FORM spans x 100-400
        assertThat(f[RunTyper.FEATURES.indexOf("above_far")]).isEqualTo((100 - 50) / 20.0);
        assertThat(f[RunTyper.FEATURES.indexOf("before_question")]).isEqualTo(1);
        assertThat(f[RunTyper.FEATURES.indexOf("after_o")]).isEqualTo(0);
        assertThat(f[RunTyper.FEATURES.indexOf("height")]).isEqualTo(1);
    }

    @Test
    void aTyperOfAnotherFormatOrWithOtherFeaturesIsRefused() throws Exception {
        ObjectNode j = (ObjectNode) new ObjectMapper().readTree(Files.readString(SHIPPED));
        j.put("format", "something-else/2");
        assertThatThrownBy(() -> RunTyper.parse(j, "x")).hasMessageContaining("format 'something-else/2'");
        ObjectNode k = (ObjectNode) new ObjectMapper().readTree(Files.readString(SHIPPED));
        k.putArray("features").add("m_o");
        assertThatThrownBy(() -> RunTyper.parse(k, "x")).hasMessageContaining("differ from this code's");
        ObjectNode t = (ObjectNode) new ObjectMapper().readTree(Files.readString(SHIPPED));
        t.putArray("bias").add(1.0);
        assertThatThrownBy(() -> RunTyper.parse(t, "x")).hasMessageContaining("'bias' needs 4 numbers");
    }

    private static List<String> tags(Bio bio, int[] labels) {
        return Arrays.stream(labels).mapToObj(l -> bio.labels().get(l)).toList();
    }
}
