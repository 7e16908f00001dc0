package dev.readout.eval.funsd;

import dev.readout.core.model.Page;
import java.util.List;

/**
 * What the gold-words evaluation needs from a layout model (the CLI adapts {@code OnnxLayoutModel} to it, so that
 * this module does not depend on the layout module).
 */
public interface GoldWordsTagger {

    /** The model's name, for the report. */
    String name();

    /**
     * Tags a page and decides links between given word groups.
     *
     * @param page      the gold words as a page
     * @param questions word ids of each gold question entity
     * @param answers   word ids of each gold answer entity
     */
    Result tag(Page page, List<List<String>> questions, List<List<String>> answers);

    /**
     * @param wordIds the page's words in the model's input order
     * @param tags    the decoded BIO tag of each of them ({@code O}, {@code B-QUESTION}, …)
     * @param links   {@code [q][a]}: whether the model links question q to answer a (its threshold and rule)
     */
    record Result(List<String> wordIds, List<String> tags, boolean[][] links) {
    }
}
