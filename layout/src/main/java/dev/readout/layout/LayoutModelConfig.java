package dev.readout.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.readout.layout.decode.LinkGeometry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The runtime-relevant part of a layout model's {@code config.json} (format {@code readout-layout-tagger/1},
 * written by {@code training/train_layout.py}; {@code training/README.md} is the normative description).
 * Immutable.
 *
 * @param name            the model folder's name (used as stage name and as provenance of entities)
 * @param dir             the model folder
 * @param onnxFile        the ONNX graph, resolved against {@code dir}
 * @param vocabFile       the WordPiece vocabulary, resolved against {@code dir}
 * @param lowerCase       uncased tokenizer
 * @param maxCharsPerWord longer pieces become {@code [UNK]}
 * @param clsId           id of {@code [CLS]}
 * @param sepId           id of {@code [SEP]}
 * @param padId           id of {@code [PAD]}
 * @param labels          output labels, index = logit index ({@code O, B-HEADER, I-HEADER, …})
 * @param maxLength       tokens per window including {@code [CLS]} and {@code [SEP]} (512)
 * @param maxWordTokens   word tokens per window (510)
 * @param overlapTokens   at most this many tokens repeated from the previous window (128)
 * @param clsBox          box of {@code [CLS]}
 * @param sepBox          box of {@code [SEP]}
 * @param padBox          box of padding
 * @param boxMode         which box every token gets
 * @param segmentGap      a segment ends at a gap &gt; segmentGap × the line's median word height (≤ 0: never)
 * @param lineOverlap     minimum vertical overlap ratio for a word to join a line
 * @param wordOrder       order of the words fed to the model
 * @param decoding        how word labels are chosen from the logits
 * @param linkDim         D, the size of {@code link_q} / {@code link_a}
 * @param linkBias        added to {@code dot / sqrt(D)} before the sigmoid
 * @param linkThreshold   a pair is linked when its score is at least this
 * @param onePerAnswer    keep only the best-scoring question of each answer
 * @param linkGeometry    the layout prior added to the link logit ({@code link.geometry}; absent: none)
 * @param validationNames the FUNSD forms held out for model selection ({@code data.val_names}); may be empty
 * @param continuationFile the learned continuation decision of segment decoding ({@code decoding_continuation}, a
 *                        file of the model folder; see {@link dev.readout.layout.decode.Continuation}), or null
 * @param typerFile       the learned run types of segment decoding ({@code decoding_typer}, a file of the model
 *                        folder; see {@link dev.readout.layout.decode.RunTyper}), or null
 */
public record LayoutModelConfig(String name, Path dir, Path onnxFile, Path vocabFile, boolean lowerCase,
                                int maxCharsPerWord, int clsId, int sepId, int padId, List<String> labels,
                                int maxLength, int maxWordTokens, int overlapTokens,
                                int[] clsBox, int[] sepBox, int[] padBox,
                                BoxMode boxMode, double segmentGap, double lineOverlap, WordOrder wordOrder,
                                Decoding decoding, int linkDim, double linkBias, double linkThreshold,
                                boolean onePerAnswer, LinkGeometry linkGeometry, List<String> validationNames,
                                Path continuationFile, Path typerFile) {

    public static final String FORMAT = "readout-layout-tagger/1";
    public static final String CONFIG_FILE = "config.json";

    /** {@code boxes.mode}. */
    public enum BoxMode { WORD, LINE, SEGMENT }

    /** {@code word_order}. */
    public enum WordOrder { JSON, GEOMETRIC }

    /**
     * {@code decoding}: per-word argmax; BIO Viterbi; or {@code segment}: Viterbi, then each run of consecutive
     * words sharing a segment box takes one type (see {@link dev.readout.layout.decode.Bio#segmentVote}).
     */
    public enum Decoding { ARGMAX, VITERBI, SEGMENT }

    public LayoutModelConfig {
        labels = List.copyOf(labels);
        validationNames = List.copyOf(validationNames);
        clsBox = clsBox.clone();
        sepBox = sepBox.clone();
        padBox = padBox.clone();
        if (maxWordTokens < 1 || maxWordTokens > maxLength - 2) {
            throw new IllegalArgumentException("window.max_word_tokens must be in 1.." + (maxLength - 2) + ": " + maxWordTokens);
        }
        if (overlapTokens < 0) {
            throw new IllegalArgumentException("window.overlap_tokens must not be negative: " + overlapTokens);
        }
        if (linkDim < 1) {
            throw new IllegalArgumentException("link.dim must be positive: " + linkDim);
        }
        if (linkGeometry == null) {
            throw new IllegalArgumentException("linkGeometry must not be null (LinkGeometry.NONE for none)");
        }
        if (decoding == Decoding.SEGMENT && boxMode != BoxMode.SEGMENT) {
            throw new IllegalArgumentException("decoding 'segment' needs boxes.mode 'segment': " + boxMode);
        }
        if (continuationFile != null && decoding != Decoding.SEGMENT) {
            throw new IllegalArgumentException("decoding_continuation needs decoding 'segment': " + decoding);
        }
        if (typerFile != null && decoding != Decoding.SEGMENT) {
            throw new IllegalArgumentException("decoding_typer needs decoding 'segment': " + decoding);
        }
    }

    /** The same config with another link prior weight (evaluation sweeps; 0 turns the prior off). */
    public LayoutModelConfig withGeometryWeight(double weight) {
        return new LayoutModelConfig(name, dir, onnxFile, vocabFile, lowerCase, maxCharsPerWord, clsId, sepId, padId,
                labels, maxLength, maxWordTokens, overlapTokens, clsBox, sepBox, padBox, boxMode, segmentGap,
                lineOverlap, wordOrder, decoding, linkDim, linkBias, linkThreshold, onePerAnswer,
                linkGeometry.withWeight(weight), validationNames, continuationFile, typerFile);
    }

    /** Reads {@code dir/config.json}; fails with a message naming the file and the missing or bad key. */
    public static LayoutModelConfig read(Path dir) {
        Path file = dir.resolve(CONFIG_FILE);
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read layout model config " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(root, dir);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layout model config " + file + ": " + e.getMessage(), e);
        }
    }

    static LayoutModelConfig parse(JsonNode root, Path dir) {
        String format = text(root, "format");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("format is '" + format + "', this runtime reads '" + FORMAT + "'");
        }
        JsonNode tok = req(root, "tokenizer");
        if (!"bert-wordpiece".equals(text(tok, "type"))) {
            throw new IllegalArgumentException("tokenizer.type must be 'bert-wordpiece': " + tok.path("type"));
        }
        List<String> labels = new ArrayList<>();
        for (JsonNode l : req(root, "labels")) {
            labels.add(l.asText());
        }
        if (labels.isEmpty() || !labels.get(0).equals("O")) {
            throw new IllegalArgumentException("labels must start with 'O': " + labels);
        }
        for (String l : labels.subList(1, labels.size())) {
            if (!(l.startsWith("B-") || l.startsWith("I-")) || l.length() < 3) {
                throw new IllegalArgumentException("labels must be O, B-X or I-X: " + l);
            }
        }
        JsonNode window = req(root, "window");
        JsonNode boxes = req(root, "boxes");
        JsonNode special = req(root, "special_boxes");
        JsonNode link = req(root, "link");
        List<String> val = new ArrayList<>();
        for (JsonNode n : root.path("data").path("val_names")) {
            val.add(n.asText());
        }
        String name = dir.toAbsolutePath().normalize().getFileName() == null ? text(root, "name")
                : dir.toAbsolutePath().normalize().getFileName().toString();
        return new LayoutModelConfig(name, dir, dir.resolve(text(root, "onnx")), dir.resolve(text(root, "vocab")),
                bool(tok, "lower_case"), tok.path("max_chars_per_word").asInt(100),
                integer(tok, "cls_id"), integer(tok, "sep_id"), integer(tok, "pad_id"), labels,
                integer(root, "max_length"), integer(window, "max_word_tokens"), integer(window, "overlap_tokens"),
                box(special, "cls"), box(special, "sep"), box(special, "pad"),
                enumOf(BoxMode.class, boxes, "mode"), number(boxes, "segment_gap"), number(boxes, "line_overlap"),
                enumOf(WordOrder.class, root, "word_order"), enumOf(Decoding.class, root, "decoding"),
                integer(link, "dim"), number(link, "bias"), number(link, "threshold"),
                bool(link, "one_question_per_answer"), geometry(link), val,
                root.hasNonNull("decoding_continuation") ? dir.resolve(text(root, "decoding_continuation")) : null,
                root.hasNonNull("decoding_typer") ? dir.resolve(text(root, "decoding_typer")) : null);
    }

    private static LinkGeometry geometry(JsonNode link) {
        JsonNode g = link.get("geometry");
        if (g == null || g.isNull()) {
            return LinkGeometry.NONE;
        }
        try {
            return new LinkGeometry(number(g, "weight"), number(g, "row_overlap"), number(g, "row_scale"),
                    number(g, "above_scale"), number(g, "above_weight"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("link.geometry: " + e.getMessage(), e);
        }
    }

    /** Number of labels (the last dimension of {@code logits}). */
    public int labelCount() {
        return labels.size();
    }

    private static JsonNode req(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing key '" + key + "'");
        }
        return v;
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = req(n, key);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("'" + key + "' must be a string: " + v);
        }
        return v.asText();
    }

    private static int integer(JsonNode n, String key) {
        JsonNode v = req(n, key);
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("'" + key + "' must be an integer: " + v);
        }
        return v.asInt();
    }

    private static double number(JsonNode n, String key) {
        JsonNode v = req(n, key);
        if (!v.isNumber()) {
            throw new IllegalArgumentException("'" + key + "' must be a number: " + v);
        }
        return v.asDouble();
    }

    private static boolean bool(JsonNode n, String key) {
        JsonNode v = req(n, key);
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("'" + key + "' must be true or false: " + v);
        }
        return v.asBoolean();
    }

    private static int[] box(JsonNode n, String key) {
        JsonNode v = req(n, key);
        if (!v.isArray() || v.size() != 4) {
            throw new IllegalArgumentException("'" + key + "' must be a box [x0, y0, x1, y1]: " + v);
        }
        int[] b = new int[4];
        for (int i = 0; i < 4; i++) {
            b[i] = v.get(i).asInt();
        }
        return b;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, JsonNode n, String key) {
        String s = text(n, key);
        try {
            return Enum.valueOf(type, s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                allowed.add(c.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException("'" + key + "' must be one of " + allowed + ": '" + s + "'");
        }
    }
}
