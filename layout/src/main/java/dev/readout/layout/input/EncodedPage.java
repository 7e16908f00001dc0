package dev.readout.layout.input;

import java.util.List;

/**
 * A page turned into model inputs.
 *
 * @param order  model position → index of the word in the caller's list (only words with non-blank text)
 * @param tokens per model position: the word's token ids (truncated to the window budget)
 * @param boxes  per model position: the grid box given to all its tokens
 * @param windows the windows, in order
 * @param chosen per model position: the window whose output is used for the word
 */
public record EncodedPage(int[] order, int[][] tokens, int[][] boxes, List<Window> windows, int[] chosen) {

    /** Number of words fed to the model. */
    public int size() {
        return order.length;
    }
}
