package dev.readout.ingest.maps;

/**
 * Which way an image goes when the profile is {@code auto}: map text reading for what does not look like a page of
 * a document. An image is taken for a map when it is near-square (long side under 1.15 × the short one: map sheets
 * and map crops, never a page or a receipt), when its long side is over {@value #HUGE_SIDE_PX} px and its shape is
 * not a page's (long/short outside 1.25–1.6), or when it holds over {@value #HUGE_PIXELS} pixels (more than an A4 page
 * scanned at 500 dpi). Everything else, and every PDF, stays a document.
 */
public final class MapProfile {
    public static final int HUGE_SIDE_PX = 4000;
    public static final long HUGE_PIXELS = 25_000_000L;

    private MapProfile() {
    }

    public static boolean looksLikeMap(int widthPx, int heightPx) {
        double longSide = Math.max(widthPx, heightPx);
        double shortSide = Math.max(1, Math.min(widthPx, heightPx));
        double aspect = longSide / shortSide;
        boolean pageShape = aspect >= 1.25 && aspect <= 1.6;
        return aspect < 1.15 || (longSide > HUGE_SIDE_PX && !pageShape) || (long) widthPx * heightPx > HUGE_PIXELS;
    }
}
