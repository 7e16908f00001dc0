package dev.readout.core.model;

/**
 * What was read.
 *
 * @param name      the file name as given by the user (informational only, never used as a path)
 * @param mediaType detected from the content, e.g. {@code application/pdf}
 * @param sha256    hex digest of the bytes
 * @param bytes     size in bytes
 * @param pageCount pages in the source (all of them, not only the selected ones)
 */
public record SourceInfo(String name, String mediaType, String sha256, long bytes, int pageCount) {
}
