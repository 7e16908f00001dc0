package dev.readout.ingest.maps;

/**
 * How a map image is read. Plain options record; {@link #DEFAULT} holds the values measured best on the map
 * evaluation set (docs/benchmarks.md).
 *
 * @param tileSizePx      side of the square tiles a large image is cut into, in image pixels
 * @param overlapPx       how far neighbouring tiles overlap, in image pixels (labels shorter than this are whole in
 *                        at least one tile)
 * @param detectionScale  each tile is shown to the detector at this many times its size (small map lettering
 *                        gains from more than 1)
 * @param binaryThreshold DB probability above which a pixel is text
 * @param boxThreshold    least mean probability inside a box for it to be kept
 * @param unclipRatio     how far DB's shrunk text kernels are grown back (PaddleOCR: 1.5)
 * @param upsideDown      how labels turned by about 180° are found
 * @param reader          what reads the straightened strips
 * @param minScore        least recognition score for a label to be reported (0 keeps everything read)
 * @param threads         ONNX Runtime threads per inference
 */
public record MapOptions(int tileSizePx, int overlapPx, double detectionScale, double binaryThreshold,
                         double boxThreshold, double unclipRatio, UpsideDown upsideDown, Reader reader, double minScore,
                         int threads) {

    /** Ways to handle labels that read upside down. */
    public enum UpsideDown {
        /** trust the crop as the geometry gives it */
        NONE,
        /** PP-OCR's 0/180° direction classifier decides */
        CLASSIFIER,
        /** read both ways and keep the more confident reading */
        BOTH
    }

    /** Strip readers. */
    public enum Reader {
        /** the PP-OCRv4 CTC recogniser of models/ppocr-v4 */
        PPOCR,
        /** Tesseract LSTM ({@code eng}) through libtesseract */
        TESSERACT
    }

    public static final MapOptions DEFAULT = new MapOptions(512, 128, 2.0, 0.2, 0.4, 2.0, UpsideDown.BOTH, Reader.PPOCR, 0.7, 2);

    public MapOptions {
        if (tileSizePx < 64 || overlapPx < 0 || overlapPx >= tileSizePx) {
            throw new IllegalArgumentException("tiles must be at least 64 px and overlap less than a tile");
        }
        if (detectionScale <= 0 || detectionScale > 4) {
            throw new IllegalArgumentException("detection scale must be in (0, 4]");
        }
        java.util.Objects.requireNonNull(upsideDown, "upsideDown");
        java.util.Objects.requireNonNull(reader, "reader");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
    }

    public MapOptions withTiles(int size, int overlap) {
        return new MapOptions(size, overlap, detectionScale, binaryThreshold, boxThreshold, unclipRatio, upsideDown, reader, minScore, threads);
    }

    public MapOptions withDetection(double scale, double binary, double box, double unclip) {
        return new MapOptions(tileSizePx, overlapPx, scale, binary, box, unclip, upsideDown, reader, minScore, threads);
    }

    public MapOptions withUpsideDown(UpsideDown u) {
        return new MapOptions(tileSizePx, overlapPx, detectionScale, binaryThreshold, boxThreshold, unclipRatio, u, reader, minScore, threads);
    }

    public MapOptions withReader(Reader r) {
        return new MapOptions(tileSizePx, overlapPx, detectionScale, binaryThreshold, boxThreshold, unclipRatio, upsideDown, r, minScore, threads);
    }

    public MapOptions withMinScore(double s) {
        return new MapOptions(tileSizePx, overlapPx, detectionScale, binaryThreshold, boxThreshold, unclipRatio, upsideDown, reader, s, threads);
    }
}
