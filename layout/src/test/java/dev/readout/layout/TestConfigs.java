package dev.readout.layout;

import java.nio.file.Path;
import java.util.List;

/** Hand-made model configs for unit tests (no model files needed). */
public final class TestConfigs {
    public static final List<String> LABELS = List.of("O", "B-HEADER", "I-HEADER", "B-QUESTION", "I-QUESTION", "B-ANSWER", "I-ANSWER");

    private TestConfigs() {
    }

    public static LayoutModelConfig config(LayoutModelConfig.BoxMode mode, LayoutModelConfig.WordOrder order,
                                           int maxWordTokens, int overlap) {
        return new LayoutModelConfig("layout-test", Path.of("."), Path.of("model.onnx"), Path.of("vocab.txt"), true, 100,
                101, 102, 0, LABELS, maxWordTokens + 2, maxWordTokens, overlap,
                new int[] {0, 0, 0, 0}, new int[] {1000, 1000, 1000, 1000}, new int[] {0, 0, 0, 0},
                mode, 1.0, 0.5, order, LayoutModelConfig.Decoding.VITERBI, 4, 0.0, 0.5, true,
                dev.readout.layout.decode.LinkGeometry.NONE, List.of(), null, null);
    }

    public static LayoutModelConfig config() {
        return config(LayoutModelConfig.BoxMode.WORD, LayoutModelConfig.WordOrder.JSON, 510, 128);
    }
}
