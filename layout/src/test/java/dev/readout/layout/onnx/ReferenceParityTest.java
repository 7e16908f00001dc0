package dev.readout.layout.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.readout.core.model.Box;
import dev.readout.layout.input.EncodedPage;
import dev.readout.layout.input.Window;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parity with the Python training code and the numpy ONNX interpreter: for every form of a reference dump
 * written by {@code src/test/resources/reference/onnx_reference.py}, the Java input pipeline must produce exactly
 * the same word order, windows (ids and boxes) and window choice; for the forms run through {@code onnx_ref.py},
 * ONNX Runtime's logits, link_q and link_a must agree within 1e-3. Runs only with
 * {@code -Dreadout.layout.reference=FILE[,FILE…]} (the dumps live outside the repository: FUNSD may not be copied
 * into it).
 */
class ReferenceParityTest {
    static final String PROPERTY = "readout.layout.reference";

    @Test
    void javaPipelineAndOrtMatchThePythonReference() throws Exception {
        String files = System.getProperty(PROPERTY, "");
        assumeTrue(!files.isBlank(), "skipped: no reference dump (run onnx_reference.py, then -D" + PROPERTY + "=FILE)");
        for (String file : files.split(",")) {
            JsonNode root = new ObjectMapper().readTree(new File(file.trim()));
            try (OnnxLayoutModel model = OnnxLayoutModel.load(Path.of(root.get("model").asText()))) {
                int forms = 0;
                int windows = 0;
                double maxDiff = 0;
                double logitsDiff = 0;
                int compared = 0;
                for (JsonNode f : root.get("forms")) {
                    List<String> texts = new ArrayList<>();
                    List<Box> boxes = new ArrayList<>();
                    for (JsonNode w : f.get("words")) {
                        texts.add(w.get(0).asText());
                        boxes.add(new Box(w.get(1).asDouble(), w.get(2).asDouble(), w.get(3).asDouble(), w.get(4).asDouble()));
                    }
                    String name = f.get("name").asText();
                    EncodedPage enc = model.encoder().encode(texts, boxes, f.get("width").asInt(), f.get("height").asInt());
                    assertThat(enc.order()).as("%s word order", name).containsExactly(ints(f.get("order")));
                    assertThat(enc.windows()).as("%s windows", name).hasSize(f.get("windows").size());
                    for (int wi = 0; wi < enc.windows().size(); wi++) {
                        Window w = enc.windows().get(wi);
                        JsonNode rw = f.get("windows").get(wi);
                        assertThat(w.start()).as("%s window %d start", name, wi).isEqualTo(rw.get("start").asInt());
                        assertThat(w.end()).as("%s window %d end", name, wi).isEqualTo(rw.get("end").asInt());
                        assertThat(w.inputIds()).as("%s window %d input_ids", name, wi).containsExactly(longs(rw.get("input_ids")));
                        assertThat(w.bbox()).as("%s window %d bbox", name, wi).containsExactly(longs(rw.get("bbox")));
                        if (rw.has("token_type_ids")) {
                            assertThat(w.tokenTypes()).as("%s window %d token_type_ids", name, wi)
                                    .containsExactly(longs(rw.get("token_type_ids")));
                        }
                        windows++;
                    }
                    assertThat(enc.chosen()).as("%s chosen windows", name).containsExactly(ints(f.get("chosen")));
                    forms++;
                    JsonNode outs = f.get("outputs");
                    if (outs != null) {
                        List<WindowOutput> java = model.run(enc.windows());
                        for (int wi = 0; wi < java.size(); wi++) {
                            WindowOutput o = java.get(wi);
                            logitsDiff = Math.max(logitsDiff, diff(o.logits(), outs.get("logits").get(wi)));
                            maxDiff = Math.max(maxDiff, logitsDiff);
                            maxDiff = Math.max(maxDiff, diff(o.linkQ(), outs.get("link_q").get(wi)));
                            maxDiff = Math.max(maxDiff, diff(o.linkA(), outs.get("link_a").get(wi)));
                        }
                        compared++;
                    }
                }
                System.out.printf("reference %s: %d forms, %d windows identical; %d form(s) through ORT, max |ORT - onnx_ref| logits %.3g, all outputs %.3g%n",
                        file, forms, windows, compared, logitsDiff, maxDiff);
                assertThat(maxDiff).as("max abs diff ORT vs onnx_ref").isLessThanOrEqualTo(1e-3);
            }
        }
    }

    private static double diff(float[] java, JsonNode rows) {
        double max = 0;
        int k = 0;
        for (JsonNode row : rows) {
            for (JsonNode v : row) {
                max = Math.max(max, Math.abs(java[k++] - v.asDouble()));
            }
        }
        assertThat(k).as("values compared").isEqualTo(java.length);
        return max;
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    private static long[] longs(JsonNode a) {
        List<Long> out = new ArrayList<>();
        for (JsonNode v : a) {
            if (v.isArray()) {
                for (JsonNode x : v) {
                    out.add(x.asLong());
                }
            } else {
                out.add(v.asLong());
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }
}
