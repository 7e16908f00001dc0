package dev.readout.layout.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.readout.core.model.Box;
import dev.readout.layout.TestConfigs;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContinuationTest {
    /** The continuation forest shipped with the layout model (training/continuation_forest.py). */
    static final Path SHIPPED = Path.of("..", "models", "layout-minilm-funsd", "continuation.json");

    /** A run of the fixture; with the network's probabilities of I-type and B-type at its first word if it has them. */
    static Continuation.Run run(JsonNode r, String type) {
        JsonNode b = r.get("box");
        Box box = new Box(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble());
        JsonNode p = r.get("probabilities");
        if (p == null) {
            return new Continuation.Run(box, r.get("h").asDouble(), r.get("text").asText());
        }
        return new Continuation.Run(box, r.get("h").asDouble(), r.get("text").asText(),
                p.get(TestConfigs.LABELS.indexOf("I-" + type)).asDouble(), p.get(TestConfigs.LABELS.indexOf("B-" + type)).asDouble());
    }

    @Test
    void featuresAndProbabilitiesEqualThePythonTrainers() throws Exception {
        assertThat(SHIPPED).exists();
        Continuation c = Continuation.read(SHIPPED);
        JsonNode fx;
        try (InputStream in = getClass().getResourceAsStream("/dev/readout/layout/continuation-parity.json")) {
            fx = new ObjectMapper().readTree(in);
        }
        assertThat(fx.get("pairs")).hasSize(5);
        // the shipped forest also reads the network's probabilities of the second run
        assertThat(c.usesNetwork()).isTrue();
        List<String> names = new java.util.ArrayList<>(Continuation.FEATURES);
        names.addAll(Continuation.NET_FEATURES);
        for (int i = 0; i < fx.get("pairs").size(); i++) {
            JsonNode pair = fx.get("pairs").get(i);
            String type = pair.get("type").asText();
            Continuation.Run prev = run(pair.get("prev"), type);
            Continuation.Run cur = run(pair.get("run"), type);
            double[] f = c.features(prev, cur, type);
            JsonNode expected = fx.get("features").get(i);
            assertThat(f).hasSize(names.size()).hasSize(expected.size());
            for (int k = 0; k < f.length; k++) {
                assertThat(f[k]).as("pair %d feature %s", i, names.get(k)).isCloseTo(expected.get(k).asDouble(), within(1e-9));
            }
            double p = fx.get("probabilities").get(i).asDouble();
            assertThat(c.probability(prev, cur, type)).as("pair %d", i).isCloseTo(p, within(1e-9));
            assertThat(c.continues(prev, cur, type)).isEqualTo(p >= 0.5);
        }
        Continuation.Run without = new Continuation.Run(new Box(100, 124, 380, 144), 18, "department");
        Continuation.Run first = run(fx.get("pairs").get(0).get("prev"), "ANSWER");
        assertThatThrownBy(() -> c.continues(first, without, "ANSWER")).hasMessageContaining("network's probabilities");
        // the two-line answer continues, the value beside its key does not
        assertThat(fx.get("probabilities").get(0).asDouble()).isGreaterThan(0.5);
        assertThat(fx.get("probabilities").get(1).asDouble()).isLessThan(0.5);
    }

    /** A one-tree forest: a run continues exactly when its text starts with a lower-case letter (feature b_lower). */
    static Continuation lowerCaseContinues() throws Exception {
        int f = Continuation.FEATURES.indexOf("b_lower");
        String json = "{\"format\":\"" + Continuation.FORMAT + "\",\"features\":" + new ObjectMapper().writeValueAsString(Continuation.FEATURES)
                + ",\"types\":[\"HEADER\",\"QUESTION\",\"ANSWER\"],\"threshold\":0.5,\"trees\":[{\"feature\":[" + f + ",-1,-1],"
                + "\"threshold\":[0.5,-2,-2],\"left\":[1,-1,-1],\"right\":[2,-1,-1],\"p\":[0.5,0.0,1.0]}]}";
        return Continuation.parse(new ObjectMapper().readTree(json), "test forest");
    }

    @Test
    void segmentDecodingAsksTheContinuationInsteadOfViterbi() throws Exception {
        Bio bio = new Bio(TestConfigs.LABELS);
        // three runs of one word each, all answers by the logits, on three lines under each other
        float[][] logits = new float[3][7];
        for (float[] l : logits) {
            l[5] = 5f;                                           // B-ANSWER
        }
        int[][] seg = {{0, 0, 10, 10}, {0, 20, 10, 30}, {0, 40, 10, 50}};
        Box[] px = {new Box(100, 100, 300, 120), new Box(100, 124, 300, 144), new Box(100, 148, 300, 168)};
        String[] texts = {"Research and", "development", "Tobacco Institute"};
        int[] viterbi = bio.viterbi(logits);
        List<String> old = tags(bio, bio.segmentVote(logits, viterbi, seg, px));
        assertThat(old).containsExactly("B-ANSWER", "B-ANSWER", "B-ANSWER");   // Viterbi never continued
        List<String> learned = tags(bio, bio.segmentVote(logits, viterbi, seg, px, lowerCaseContinues(), texts));
        assertThat(learned).containsExactly("B-ANSWER", "I-ANSWER", "B-ANSWER");
        // a run of another type never continues, whatever the forest says
        logits[1][5] = 0f;
        logits[1][3] = 5f;                                       // B-QUESTION
        assertThat(tags(bio, bio.segmentVote(logits, bio.viterbi(logits), seg, px, lowerCaseContinues(), texts)))
                .containsExactly("B-ANSWER", "B-QUESTION", "B-ANSWER");
        assertThatThrownBy(() -> bio.segmentVote(logits, viterbi, seg, px, lowerCaseContinues(), new String[] {"a"}))
                .hasMessageContaining("one text per word");
    }

    @Test
    void aForestOfAnotherFormatOrWithOtherFeaturesIsRefused() throws Exception {
        ObjectNode j = (ObjectNode) new ObjectMapper().readTree(Files.readString(SHIPPED));
        j.put("format", "something-else/2");
        assertThatThrownBy(() -> Continuation.parse(j, "x")).hasMessageContaining("format 'something-else/2'");
        ObjectNode k = (ObjectNode) new ObjectMapper().readTree(Files.readString(SHIPPED));
        k.putArray("features").add("gap");
        assertThatThrownBy(() -> Continuation.parse(k, "x")).hasMessageContaining("differ from this code's");
        ObjectNode t = (ObjectNode) new ObjectMapper().readTree(Files.readString(SHIPPED));
        t.putArray("trees");
        assertThatThrownBy(() -> Continuation.parse(t, "x")).hasMessageContaining("no trees");
    }

    private static List<String> tags(Bio bio, int[] labels) {
        return java.util.Arrays.stream(labels).mapToObj(l -> bio.labels().get(l)).toList();
    }
}
