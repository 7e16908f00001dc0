package dev.readout.core.stage;

import dev.readout.core.model.FormField;
import dev.readout.core.model.Page;
import dev.readout.core.model.SourceInfo;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A document opened by an {@link Ingestor}. {@link #page(int)} and {@link #pageImage(int)} may be
 * called concurrently from several threads for different pages. Owns native resources: close it.
 */
public interface OpenedDocument extends AutoCloseable {

    SourceInfo source();

    /** Pages in the source. */
    int pageCount();

    /** Words, lines and regions of one page (number from 1); throws a ReadoutException when that page fails. */
    Page page(int number);

    /** The page image the boxes of {@link #page(int)} refer to (corrected for rotation and skew). */
    BufferedImage pageImage(int number);

    /**
     * The page image for a page processed earlier, perhaps by another process (a service restarted since):
     * derived again from the rotation and skew recorded on {@code processed}, so no second OCR runs. The
     * default renders {@link #pageImage(int)}, right for sources whose pages are never turned or deskewed.
     */
    default BufferedImage pageImage(Page processed) {
        return pageImage(processed.number());
    }

    /** Filled form fields (PDF AcroForm); empty for other formats. */
    List<FormField> formFields();

    @Override
    void close();
}
