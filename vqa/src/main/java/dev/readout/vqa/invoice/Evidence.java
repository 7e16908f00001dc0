package dev.readout.vqa.invoice;

import dev.readout.core.model.Box;
import java.util.List;

/** Where a value was read: page (from 1), the words, their box in that page's pixels. */
public record Evidence(int page, List<String> wordIds, Box box) {
    public Evidence {
        wordIds = List.copyOf(wordIds);
    }
}
