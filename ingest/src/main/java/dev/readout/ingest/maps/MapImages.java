package dev.readout.ingest.maps;

import dev.readout.core.error.LimitExceededException;
import dev.readout.core.error.UnsupportedFormatException;
import dev.readout.core.model.SourceInfo;
import dev.readout.core.stage.Limits;
import dev.readout.ingest.FormatSniffer;
import dev.readout.ingest.MediaType;
import dev.readout.ingest.ReadoutIngestor;
import dev.readout.ingest.image.ImageDecoder;
import java.nio.file.Path;

/**
 * A map image file through {@link MapTextReader}, with ingest's guards: size in bytes, type from the magic bytes,
 * pixel count from the header before any decoding (a decompression bomb is refused unread), corrupt data as a
 * typed error. The first page (frame) of the image is read; PDFs are refused (render the page to an image first).
 */
public final class MapImages {
    private MapImages() {
    }

    /** What was read from a file. */
    public record Read(MapText text, SourceInfo source, int dpi) {
    }

    /**
     * Width and height of the first page from the header, without decoding pixels; null for a PDF.
     *
     * @throws LimitExceededException over the byte or pixel limit
     */
    public static int[] headerSize(Path file, Limits limits) {
        ReadoutIngestor.checkedBytes(file, limits);
        MediaType type = FormatSniffer.sniff(file);
        return type == MediaType.PDF ? null : new ImageDecoder(file, type, limits).checkedSize(0);
    }

    public static Read read(Path file, String name, Limits limits, MapTextReader reader) {
        long bytes = ReadoutIngestor.checkedBytes(file, limits);
        MediaType type = FormatSniffer.sniff(file);
        if (type == MediaType.PDF) {
            throw new UnsupportedFormatException("the map profile reads images (PNG, JPEG, TIFF, JPEG 2000, BMP), not PDF: "
                    + "render the page to an image first, or use the document profile");
        }
        ImageDecoder decoder = new ImageDecoder(file, type, limits);
        int pages = decoder.pageCount();
        ImageDecoder.Decoded d = decoder.decode(0);
        SourceInfo source = new SourceInfo(name != null ? name : String.valueOf(file.getFileName()), type.mime(),
                ReadoutIngestor.sha256(file), bytes, pages);
        return new Read(reader.read(d.gray()), source, d.dpi());
    }
}
