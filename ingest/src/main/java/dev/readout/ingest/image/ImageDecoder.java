package dev.readout.ingest.image;

import dev.readout.core.error.CorruptDocumentException;
import dev.readout.core.error.LimitExceededException;
import dev.readout.core.error.UnsupportedFormatException;
import dev.readout.core.stage.Limits;
import dev.readout.ingest.MediaType;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes raster pages (PNG, JPEG, TIFF incl. multi-page and CCITT G4, JPEG 2000, BMP) to 8-bit gray,
 * checking the pixel limit from the header before decoding. The reader is chosen by class, not by
 * whichever ImageIO plug-in happens to register first. Each call opens its own stream, so calls for
 * different pages may run concurrently.
 */
public final class ImageDecoder {
    private static final String TIFF_READER = "com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReader";
    private static final String JP2_READER = "com.github.jaiimageio.jpeg2000.impl.J2KImageReader";

    private final Path file;
    private final MediaType type;
    private final Limits limits;

    public ImageDecoder(Path file, MediaType type, Limits limits) {
        this.file = file;
        this.type = type;
        this.limits = limits;
    }

    /**
     * A decoded page: gray pixels, resolution (declared, or 300 assumed when {@code dpiDeclared} is false) and the
     * EXIF rotation already applied.
     */
    public record Decoded(BufferedImage gray, int dpi, boolean dpiDeclared, int exifRotation) {
    }

    /** Number of pages (frames) in the file. */
    public int pageCount() {
        return withReader(r -> {
            int n = r.getNumImages(true);
            if (n <= 0) {
                throw new CorruptDocumentException("the image holds no page");
            }
            return n;
        });
    }

    /** Width and height of a page from its header, without decoding pixels; throws when over the pixel limit. */
    public int[] checkedSize(int index) {
        return withReader(r -> checkSize(r, index));
    }

    /** Checks every page's size from its header (no pixels decoded); throws for the first one over the limit. */
    public void checkAllSizes(int pages) {
        withReader(r -> {
            for (int i = 0; i < pages; i++) {
                checkSize(r, i);
            }
            return null;
        });
    }

    private int[] checkSize(ImageReader r, int index) throws IOException {
        int w = r.getWidth(index);
        int h = r.getHeight(index);
        if (w <= 0 || h <= 0) {
            throw new CorruptDocumentException("page " + (index + 1) + " declares an empty size " + w + "×" + h);
        }
        if ((long) w * h > limits.maxPixels()) {
            throw new LimitExceededException("image page " + (index + 1) + " declares " + w + "×" + h + " = "
                    + ((long) w * h) + " pixels, over the limit of " + limits.maxPixels() + " (raise --max-pixels to allow it)");
        }
        return new int[] {w, h};
    }

    /** Decodes page {@code index} (from 0) to gray, upright according to its EXIF orientation. */
    public Decoded decode(int index) {
        return withReader(r -> {
            checkSize(r, index);
            BufferedImage img = r.read(index);
            int declared = dpi(r, index);
            int exif = 0;
            if (type == MediaType.JPEG) {
                exif = ExifOrientation.read(file);
            }
            BufferedImage gray = toGray(img);
            if (exif != 0) {
                gray = ExifOrientation.apply(gray, exif);
            }
            return new Decoded(gray, declared > 0 ? declared : 300, declared > 0, ExifOrientation.rotationDegrees(exif));
        });
    }

    private interface ReaderWork<T> {
        T run(ImageReader r) throws IOException;
    }

    private <T> T withReader(ReaderWork<T> work) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new CorruptDocumentException("cannot open image " + file.getFileName());
            }
            ImageReader r = reader(in);
            try {
                r.setInput(in, false, true);
                return work.run(r);
            } finally {
                r.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof dev.readout.core.error.ReadoutException re) {
                throw re;
            }
            throw new CorruptDocumentException("unreadable " + type.name() + " image: " + message(e), e);
        }
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private ImageReader reader(ImageInputStream in) {
        String wanted = switch (type) {
            case TIFF -> TIFF_READER;
            case JP2 -> JP2_READER;
            default -> null;
        };
        Iterator<ImageReader> it = wanted != null ? ImageIO.getImageReadersByFormatName(type == MediaType.TIFF ? "tiff" : "jpeg2000")
                : ImageIO.getImageReaders(in);
        ImageReader fallback = null;
        while (it.hasNext()) {
            ImageReader r = it.next();
            if (wanted == null || r.getClass().getName().equals(wanted)) {
                return r;
            }
            fallback = fallback == null ? r : fallback;
        }
        if (fallback != null && wanted == null) {
            return fallback;
        }
        throw new UnsupportedFormatException("no image reader for " + type.mime() + " on the class path");
    }

    /** Dots per inch from the standard metadata tree, 0 when the file does not say. */
    private static int dpi(ImageReader r, int index) {
        try {
            IIOMetadata md = r.getImageMetadata(index);
            if (md != null && md.isStandardMetadataFormatSupported()) {
                IIOMetadataNode root = (IIOMetadataNode) md.getAsTree("javax_imageio_1.0");
                var nodes = root.getElementsByTagName("HorizontalPixelSize");
                if (nodes.getLength() > 0) {
                    double mmPerPixel = Double.parseDouble(((IIOMetadataNode) nodes.item(0)).getAttribute("value"));
                    if (mmPerPixel > 0) {
                        int dpi = (int) Math.round(25.4 / mmPerPixel);
                        if (dpi >= 50 && dpi <= 2400) {
                            return dpi;
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // metadata is optional; fall through to "not declared"
        }
        return 0;
    }

    /** Any image to 8-bit gray; transparent pixels become white. */
    public static BufferedImage toGray(BufferedImage img) {
        if (img.getType() == BufferedImage.TYPE_BYTE_GRAY && !img.getColorModel().hasAlpha()) {
            return img;
        }
        BufferedImage gray = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = gray.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.drawImage(img, 0, 0, null);
        } finally {
            g.dispose();
        }
        return gray;
    }
}
