package dev.readout.cli.samples;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Helpers for the raster samples. Text is drawn with Liberation Sans (a Helvetica-metric font) loaded
 * from the PDFBox jar rather than a system font, so the pixels do not depend on which fonts the machine
 * has installed. Writers are chosen by class, not by whichever ImageIO plug-in registers first.
 */
final class RasterKit {
    private static final String FONT_RESOURCE = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    static final String PNG_WRITER = "com.sun.imageio.plugins.png.PNGImageWriter";
    static final String TIFF_WRITER = "com.twelvemonkeys.imageio.plugins.tiff.TIFFImageWriter";
    static final String PNG_FORMAT = "javax_imageio_png_1.0";
    static final String TIFF_FORMAT = "com_sun_media_imageio_plugins_tiff_image_1.0";

    private static volatile Font base;

    private RasterKit() {
    }

    /** Liberation Sans at {@code px} pixels, {@code bold} synthesised by Java2D. */
    static Font font(float px, boolean bold) {
        if (base == null) {
            try (InputStream in = org.apache.pdfbox.pdmodel.PDDocument.class.getResourceAsStream(FONT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("font " + FONT_RESOURCE + " not found in the PDFBox jar");
                }
                base = Font.createFont(Font.TRUETYPE_FONT, in);
            } catch (IOException | FontFormatException e) {
                throw new IllegalStateException("cannot load " + FONT_RESOURCE + ": " + e.getMessage(), e);
            }
        }
        return base.deriveFont(bold ? Font.BOLD : Font.PLAIN, px);
    }

    /** A white 8-bit gray canvas with anti-aliased text rendering set up. */
    static Graphics2D canvas(BufferedImage img, int paper) {
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(paper, paper, paper));
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return g;
    }

    static ImageWriter writer(String format, String className) {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(format);
        while (it.hasNext()) {
            ImageWriter w = it.next();
            if (w.getClass().getName().equals(className)) {
                return w;
            }
        }
        throw new IllegalStateException("no ImageIO writer " + className + " on the class path");
    }

    /*
     * Resolution goes in through each plug-in's native metadata format: both the JDK's PNG writer and
     * TwelveMonkeys' TIFF writer (3.14) turn the standard tree's HorizontalPixelSize (millimetres per
     * pixel) into a resolution of 1/value of what it should be (300 dpi came out as 85 px/m, 2.2 dpi).
     */

    /** Native PNG metadata with a pHYs chunk for {@code dpi}. */
    static IIOMetadataNode pngDpiTree(int dpi) {
        IIOMetadataNode root = new IIOMetadataNode(PNG_FORMAT);
        IIOMetadataNode phys = new IIOMetadataNode("pHYs");
        String ppm = Long.toString(Math.round(dpi / 0.0254));
        phys.setAttribute("pixelsPerUnitXAxis", ppm);
        phys.setAttribute("pixelsPerUnitYAxis", ppm);
        phys.setAttribute("unitSpecifier", "meter");
        root.appendChild(phys);
        return root;
    }

    /** Native TIFF metadata with XResolution, YResolution = {@code dpi}/1 and ResolutionUnit = inch. */
    static IIOMetadataNode tiffDpiTree(int dpi) {
        IIOMetadataNode root = new IIOMetadataNode(TIFF_FORMAT);
        IIOMetadataNode ifd = new IIOMetadataNode("TIFFIFD");
        ifd.appendChild(tiffField(282, "XResolution", "TIFFRationals", "TIFFRational", dpi + "/1"));
        ifd.appendChild(tiffField(283, "YResolution", "TIFFRationals", "TIFFRational", dpi + "/1"));
        ifd.appendChild(tiffField(296, "ResolutionUnit", "TIFFShorts", "TIFFShort", "2"));
        root.appendChild(ifd);
        return root;
    }

    private static IIOMetadataNode tiffField(int number, String name, String arrayTag, String valueTag, String value) {
        IIOMetadataNode field = new IIOMetadataNode("TIFFField");
        field.setAttribute("number", Integer.toString(number));
        field.setAttribute("name", name);
        IIOMetadataNode array = new IIOMetadataNode(arrayTag);
        IIOMetadataNode v = new IIOMetadataNode(valueTag);
        v.setAttribute("value", value);
        array.appendChild(v);
        field.appendChild(array);
        return field;
    }

    /** Writes an 8-bit gray PNG with a pHYs chunk for {@code dpi}. */
    static void writePng(BufferedImage img, int dpi, Path file) throws IOException {
        ImageWriter w = writer("png", PNG_WRITER);
        try {
            ImageWriteParam p = w.getDefaultWriteParam();
            IIOMetadata md = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), p);
            md.mergeTree(PNG_FORMAT, pngDpiTree(dpi));
            Files.deleteIfExists(file);
            try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
                w.setOutput(out);
                w.write(null, new IIOImage(img, null, md), p);
            }
        } finally {
            w.dispose();
        }
    }

    /** Writes bilevel pages as one multi-page TIFF with CCITT T.6 (Group 4) compression. */
    static void writeG4Tiff(List<BufferedImage> pages, int dpi, Path file) throws IOException {
        ImageWriter w = writer("tiff", TIFF_WRITER);
        try {
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionType("CCITT T.6");
            Files.deleteIfExists(file);
            try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
                w.setOutput(out);
                w.prepareWriteSequence(null);
                for (BufferedImage img : pages) {
                    IIOMetadata md = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), p);
                    md.mergeTree(TIFF_FORMAT, tiffDpiTree(dpi));
                    w.writeToSequence(new IIOImage(img, null, md), p);
                }
                w.endWriteSequence();
            }
        } finally {
            w.dispose();
        }
    }

    /** A bilevel copy: gray below {@code threshold} becomes black. */
    static BufferedImage binarise(BufferedImage gray, int threshold) {
        BufferedImage bin = new BufferedImage(gray.getWidth(), gray.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
        var src = gray.getRaster();
        var dst = bin.getRaster();
        int[] row = new int[gray.getWidth()];
        int[] out = new int[gray.getWidth()];
        for (int y = 0; y < gray.getHeight(); y++) {
            src.getSamples(0, y, row.length, 1, 0, row);
            for (int x = 0; x < row.length; x++) {
                out[x] = row[x] < threshold ? 0 : 1;
            }
            dst.setSamples(0, y, out.length, 1, 0, out);
        }
        return bin;
    }
}
