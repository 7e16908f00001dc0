package dev.readout.vqa.qa.onnx;

import dev.readout.layout.tokenizer.WordPieceTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Question + page words → model windows, exactly as {@code training/qa_data.windows}:
 * {@code [CLS] question [SEP] context [SEP]}. The question is split on white space and each word tokenized on its
 * own, cut to {@code maxQueryTokens}; token types are 0 up to and including the first {@code [SEP]}, 1 after;
 * {@code [CLS]} and question tokens get the box (0,0,0,0), both {@code [SEP]} (1000,1000,1000,1000), a context token
 * its word's box on the 0–1000 grid. A window holds {@code C = maxLength - |question| - 3} context tokens; windows
 * start every {@code max(1, C - docStride)} tokens until one reaches the end. Thread-safe (immutable).
 */
public final class QaEncoder {
    private final WordPieceTokenizer tokenizer;
    private final int maxLength;
    private final int docStride;
    private final int maxQueryTokens;
    private final int cls;
    private final int sep;

    public QaEncoder(WordPieceTokenizer tokenizer, int maxLength, int docStride, int maxQueryTokens) {
        this.tokenizer = tokenizer;
        this.maxLength = maxLength;
        this.docStride = docStride;
        this.maxQueryTokens = maxQueryTokens;
        this.cls = tokenizer.id(WordPieceTokenizer.CLS);
        this.sep = tokenizer.id(WordPieceTokenizer.SEP);
    }

    /**
     * One model input: ids, token types and boxes ({@code 4 × length}) and, per token, the index of its context
     * word ({@code -1} for [CLS], question and [SEP]).
     */
    public record QaWindow(long[] inputIds, long[] tokenTypes, long[] bbox, int[] tokenWord) {
        public int length() {
            return inputIds.length;
        }
    }

    /** The windows of a question over words ({@code texts}) with grid boxes ({@code boxes[i]} = x0, y0, x1, y1). */
    public List<QaWindow> encode(String question, List<String> texts, List<int[]> boxes) {
        int[] q = questionIds(question);
        List<Integer> ctx = new ArrayList<>();
        List<Integer> tw = new ArrayList<>();
        for (int w = 0; w < texts.size(); w++) {
            for (int id : tokenizer.ids(texts.get(w))) {
                ctx.add(id);
                tw.add(w);
            }
        }
        int c = maxLength - q.length - 3;
        int step = Math.max(1, c - docStride);
        List<QaWindow> out = new ArrayList<>();
        int start = 0;
        while (true) {
            int end = Math.min(ctx.size(), start + c);
            int n = q.length + 3 + (end - start);
            long[] ids = new long[n];
            long[] types = new long[n];
            long[] bbox = new long[4 * n];
            int[] tokWord = new int[n];
            Arrays.fill(tokWord, -1);
            ids[0] = cls;
            for (int i = 0; i < q.length; i++) {
                ids[1 + i] = q[i];
            }
            int off = q.length + 2;
            ids[off - 1] = sep;
            Arrays.fill(bbox, 4 * (off - 1), 4 * off, 1000);
            for (int t = start; t < end; t++) {
                int k = off + t - start;
                ids[k] = ctx.get(t);
                types[k] = 1;
                int w = tw.get(t);
                tokWord[k] = w;
                System.arraycopy(Arrays.stream(boxes.get(w)).asLongStream().toArray(), 0, bbox, 4 * k, 4);
            }
            ids[n - 1] = sep;
            types[n - 1] = 1;
            Arrays.fill(bbox, 4 * (n - 1), 4 * n, 1000);
            out.add(new QaWindow(ids, types, bbox, tokWord));
            if (end >= ctx.size()) {
                break;
            }
            start += step;
        }
        return out;
    }

    private int[] questionIds(String question) {
        List<Integer> ids = new ArrayList<>();
        for (String w : question.strip().split("\\s+")) {
            if (!w.isEmpty()) {
                for (int id : tokenizer.ids(w)) {
                    ids.add(id);
                }
            }
        }
        return ids.stream().limit(maxQueryTokens).mapToInt(Integer::intValue).toArray();
    }
}
