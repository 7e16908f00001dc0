package dev.readout.core.stage;

/**
 * Guards against absurd or hostile inputs. Checked before any expensive decoding.
 *
 * @param maxBytes  largest accepted input in bytes
 * @param maxPages  largest accepted page count
 * @param maxPixels largest accepted page image (width × height) in pixels, checked from headers before decoding
 */
public record Limits(long maxBytes, int maxPages, long maxPixels) {
    public static final Limits DEFAULT = new Limits(512L * 1024 * 1024, 5000, 200_000_000L);

    public Limits {
        if (maxBytes <= 0 || maxPages <= 0 || maxPixels <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
