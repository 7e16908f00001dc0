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

    /** Filled form fields (PDF AcroForm); empty for other formats. */
    List<FormField> formFields();

    @Override
    void close();
}
