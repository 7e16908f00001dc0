package dev.readout.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutModelConfigTest {
    static final String CONFIG = """
            {"format": "readout-layout-tagger/1", "name": "x", "onnx": "model.onnx", "vocab": "vocab.txt",
             "tokenizer": {"type": "bert-wordpiece", "lower_case": true, "max_chars_per_word": 100,
                           "cls_id": 101, "sep_id": 102, "pad_id": 0, "unk_id": 100},
             "labels": ["O", "B-HEADER", "I-HEADER", "B-QUESTION", "I-QUESTION", "B-ANSWER", "I-ANSWER"],
             "max_length": 512, "window": {"max_word_tokens": 510, "overlap_tokens": 128},
             "special_boxes": {"cls": [0, 0, 0, 0], "sep": [1000, 1000, 1000, 1000], "pad": [0, 0, 0, 0]},
             "boxes": {"mode": "segment", "segment_gap": 1.0, "line_overlap": 0.5},
             "word_order": "json", "decoding": "viterbi",
             "link": {"dim": 128, "bias": -1.5, "threshold": 0.35, "one_question_per_answer": true},
             "data": {"val_names": ["0000989556", "0001118259"]}}
            """;

    @TempDir
    Path dir;

    @Test
    void readsTheRuntimeFields() throws Exception {
        Path m = Files.createDirectories(dir.resolve("layout-bert2-funsd"));
        Files.writeString(m.resolve("config.json"), CONFIG);
        LayoutModelConfig c = LayoutModelConfig.read(m);
        assertThat(c.name()).isEqualTo("layout-bert2-funsd");
        assertThat(c.onnxFile()).isEqualTo(m.resolve("model.onnx"));
        assertThat(c.boxMode()).isEqualTo(LayoutModelConfig.BoxMode.SEGMENT);
        assertThat(c.wordOrder()).isEqualTo(LayoutModelConfig.WordOrder.JSON);
        assertThat(c.decoding()).isEqualTo(LayoutModelConfig.Decoding.VITERBI);
        assertThat(c.maxWordTokens()).isEqualTo(510);
        assertThat(c.overlapTokens()).isEqualTo(128);
        assertThat(c.linkDim()).isEqualTo(128);
        assertThat(c.linkBias()).isEqualTo(-1.5);
        assertThat(c.linkThreshold()).isEqualTo(0.35);
        assertThat(c.onePerAnswer()).isTrue();
        assertThat(c.sepBox()).containsExactly(1000, 1000, 1000, 1000);
        assertThat(c.validationNames()).containsExactly("0000989556", "0001118259");
    }

    @Test
    void saysWhichKeyIsWrong() throws Exception {
        Files.writeString(dir.resolve("config.json"), CONFIG.replace("\"segment\"", "\"blocks\""));
        assertThatThrownBy(() -> LayoutModelConfig.read(dir)).hasMessageContaining("'mode' must be one of [word, line, segment]");
        Files.writeString(dir.resolve("config.json"), CONFIG.replace("readout-layout-tagger/1", "readout-layout-tagger/2"));
        assertThatThrownBy(() -> LayoutModelConfig.read(dir)).hasMessageContaining("readout-layout-tagger/2");
        Files.writeString(dir.resolve("config.json"), CONFIG.replace("\"decoding\": \"viterbi\",", ""));
        assertThatThrownBy(() -> LayoutModelConfig.read(dir)).hasMessageContaining("missing key 'decoding'");
    }

    @Test
    void readsTheLinkPriorAndSegmentDecoding() throws Exception {
        Files.writeString(dir.resolve("config.json"), CONFIG.replace("\"viterbi\"", "\"segment\"")
                .replace("\"one_question_per_answer\": true}", "\"one_question_per_answer\": true, \"geometry\":"
                        + " {\"weight\": 8.0, \"row_overlap\": 0.3, \"row_scale\": 10, \"above_scale\": 4, \"above_weight\": 0.5}}"));
        LayoutModelConfig c = LayoutModelConfig.read(dir);
        assertThat(c.decoding()).isEqualTo(LayoutModelConfig.Decoding.SEGMENT);
        assertThat(c.linkGeometry()).isEqualTo(new dev.readout.layout.decode.LinkGeometry(8, 0.3, 10, 4, 0.5));
        assertThat(c.withGeometryWeight(0).linkGeometry().weight()).isZero();
        // no geometry key: no prior
        Files.writeString(dir.resolve("config.json"), CONFIG);
        assertThat(LayoutModelConfig.read(dir).linkGeometry().weight()).isZero();
        // segment decoding needs segment boxes
        Files.writeString(dir.resolve("config.json"), CONFIG.replace("\"viterbi\"", "\"segment\"")
                .replace("\"mode\": \"segment\"", "\"mode\": \"word\""));
        assertThatThrownBy(() -> LayoutModelConfig.read(dir)).hasMessageContaining("decoding 'segment' needs boxes.mode 'segment'");
        Files.writeString(dir.resolve("config.json"), CONFIG.replace("\"one_question_per_answer\": true}",
                "\"one_question_per_answer\": true, \"geometry\": {\"weight\": -1}}"));
        assertThatThrownBy(() -> LayoutModelConfig.read(dir)).hasMessageContaining("link.geometry");
    }
}
