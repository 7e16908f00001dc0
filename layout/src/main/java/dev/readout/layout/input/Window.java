package dev.readout.layout.input;

/**
 * One model input: {@code [CLS] tokens(word start) … tokens(word end - 1) [SEP]}, words in model order.
 *
 * @param start      first word (model position)
 * @param end        one past the last word
 * @param inputIds   token ids, {@code length()} of them
 * @param bbox       4 grid coordinates per token, flat
 * @param tokenStart per word of the window (index {@code k - start}): position of its first token
 * @param tokenEnd   per word of the window: one past the position of its last token
 * @param tokenTypes per token: 1 when its word is written in capitals ({@link PageEncoder#caseType}), else 0 — the
 *                   {@code token_type_ids} input of models trained with {@code --case-types}
 */
public record Window(int start, int end, long[] inputIds, long[] bbox, int[] tokenStart, int[] tokenEnd, long[] tokenTypes) {

    /** A window whose token types are all 0. */
    public Window(int start, int end, long[] inputIds, long[] bbox, int[] tokenStart, int[] tokenEnd) {
        this(start, end, inputIds, bbox, tokenStart, tokenEnd, new long[inputIds.length]);
    }

    /** Tokens including {@code [CLS]} and {@code [SEP]}. */
    public int length() {
        return inputIds.length;
    }

    public boolean contains(int word) {
        return word >= start && word < end;
    }
}
