package dev.readout.ingest.image;

import dev.readout.core.error.LimitExceededException;
import dev.readout.core.model.FormField;
import dev.readout.core.model.Page;
import dev.readout.core.model.SourceInfo;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.OpenedDocument;
import dev.readout.ingest.MediaType;
import dev.readout.ingest.PageBuilder;
import dev.readout.ingest.ScanProcessor;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * A raster document (one image, or a multi-page TIFF). Every page goes through the OCR path. Page sizes
 * are checked against the pixel limit from the headers when the document is opened, before any decoding.
 * Pages may be processed concurrently; each decode opens its own stream.
 */
public final class ImageDocument implements OpenedDocument {
    private final ImageDecoder decoder;
    private final IngestOptions options;
    private final ScanProcessor scans;
    private final SourceInfo source;

    public ImageDocument(Path file, MediaType type, String name, String sha256, long bytes, IngestOptions options,
                         ScanProcessor scans) {
        this.decoder = new ImageDecoder(file, type, options.limits());
        this.options = options;
        this.scans = scans;
        int pages = decoder.pageCount();
        if (pages > options.limits().maxPages()) {
            throw new LimitExceededException("the image has " + pages + " pages, over the limit of "
                    + options.limits().maxPages() + " (raise --max-pages to allow it)");
        }
        decoder.checkAllSizes(pages);
        this.source = new SourceInfo(name, type.mime(), sha256, bytes, pages);
    }

    @Override
    public SourceInfo source() {
        return source;
    }

    @Override
    public int pageCount() {
        return source.pageCount();
    }

    @Override
    public Page page(int number) {
        check(number);
        ImageDecoder.Decoded d = decoder.decode(number - 1);
        ScanProcessor.Scan s = scans.process(d.gray(), d.dpiDeclared() ? d.dpi() : ScanProcessor.DPI_UNKNOWN, options);
        geometry.put(number, new double[] {s.rotation(), s.skew()});
        ScanProcessor.Scan withExif = new ScanProcessor.Scan(s.image(), (s.rotation() + d.exifRotation()) % 360, s.skew(), s.ocr(), s.separators());
        return PageBuilder.fromScan(number, d.dpi(), withExif, scans.engineName(options), options.segmentation());
    }

    /** Rotation and skew chosen for each processed page, so that page images need no second OCR. */
    private final java.util.Map<Integer, double[]> geometry = new java.util.concurrent.ConcurrentHashMap<>();

    /** The corrected page image the boxes refer to (decoded again: images are not cached, to bound memory). */
    @Override
    public BufferedImage pageImage(int number) {
        check(number);
        if (!geometry.containsKey(number)) {
            page(number);
        }
        double[] g = geometry.get(number);
        return scans.correct(decoder.decode(number - 1).gray(), (int) g[0], g[1]);
    }

    /** The corrected page image from the geometry recorded on {@code processed}: decoded again, no OCR. */
    @Override
    public BufferedImage pageImage(Page processed) {
        check(processed.number());
        ImageDecoder.Decoded d = decoder.decode(processed.number() - 1);
        int rotation = Math.floorMod(processed.rotation() - d.exifRotation(), 360);
        return scans.correct(d.gray(), rotation, processed.skew());
    }

    private void check(int number) {
        if (number < 1 || number > pageCount()) {
            throw new IllegalArgumentException("page " + number + " does not exist (1.." + pageCount() + ")");
        }
    }

    @Override
    public List<FormField> formFields() {
        return List.of();
    }

    @Override
    public void close() {
        // streams are opened and closed per page
    }
}
