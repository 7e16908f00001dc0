package dev.readout.ingest.maps;

import java.util.List;

/**
 * Labels that read as one name: neighbours along the same reading direction with similar letter height.
 *
 * @param id       {@code p1-l<n>}
 * @param labelIds the labels in reading order
 * @param text     their texts joined by single spaces
 */
public record MapPhrase(String id, List<String> labelIds, String text) {
    public MapPhrase {
        labelIds = List.copyOf(labelIds);
    }
}
