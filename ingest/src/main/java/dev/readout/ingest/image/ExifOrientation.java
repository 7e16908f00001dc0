package dev.readout.ingest.image;

import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the EXIF Orientation tag (0x0112) of a JPEG and applies it. Only the APP1 segment is parsed;
 * a missing or malformed tag means "as stored" (orientation 1).
 */
public final class ExifOrientation {
    private ExifOrientation() {
    }

    /** The EXIF orientation value 1–8, or 0 when absent. */
    public static int read(Path jpeg) {
        byte[] b;
        try (InputStream in = Files.newInputStream(jpeg)) {
            b = in.readNBytes(128 * 1024);
        } catch (IOException e) {
            return 0;
        }
        int i = 2;
        while (i + 4 < b.length && (b[i] & 0xFF) == 0xFF) {
            int marker = b[i + 1] & 0xFF;
            int len = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            if (marker == 0xE1 && i + 10 < b.length && b[i + 4] == 'E' && b[i + 5] == 'x' && b[i + 6] == 'i' && b[i + 7] == 'f') {
                return parseTiff(b, i + 10, Math.min(b.length, i + 2 + len));
            }
            if (marker == 0xDA || len < 2) {
                break;
            }
            i += 2 + len;
        }
        return 0;
    }

    private static int parseTiff(byte[] b, int t, int end) {
        if (t + 8 > end) {
            return 0;
        }
        boolean le = b[t] == 'I';
        int ifd = t + u32(b, t + 4, le);
        if (ifd + 2 > end || ifd < t) {
            return 0;
        }
        int n = u16(b, ifd, le);
        for (int k = 0; k < n; k++) {
            int e = ifd + 2 + 12 * k;
            if (e + 12 > end) {
                return 0;
            }
            if (u16(b, e, le) == 0x0112) {
                int v = u16(b, e + 8, le);
                return v >= 1 && v <= 8 ? v : 0;
            }
        }
        return 0;
    }

    private static int u16(byte[] b, int i, boolean le) {
        return le ? (b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8) : ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    private static int u32(byte[] b, int i, boolean le) {
        return le ? u16(b, i, true) | (u16(b, i + 2, true) << 16) : (u16(b, i, false) << 16) | u16(b, i + 2, false);
    }

    /** Clockwise degrees the orientation asks for (mirrored variants count by their rotation). */
    public static int rotationDegrees(int orientation) {
        return switch (orientation) {
            case 3, 4 -> 180;
            case 6, 5 -> 90;
            case 8, 7 -> 270;
            default -> 0;
        };
    }

    /** Applies the orientation so the image displays as intended. */
    public static BufferedImage apply(BufferedImage img, int orientation) {
        int w = img.getWidth();
        int h = img.getHeight();
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
            case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
            case 4 -> { t.translate(0, h); t.scale(1, -1); }
            case 5 -> { t.rotate(-Math.PI / 2); t.scale(-1, 1); }
            case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
            case 7 -> { t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            default -> { return img; }
        }
        boolean swap = orientation >= 5;
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_BYTE_GRAY);
        new AffineTransformOp(t, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(img, out);
        return out;
    }
}
