package dev.readout.ingest;

import dev.readout.core.error.CorruptDocumentException;
import dev.readout.core.error.UnsupportedFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Detects the format from the first bytes of the content; the file name is never consulted. */
public final class FormatSniffer {
    private static final int HEAD = 1024;

    private FormatSniffer() {
    }

    /** The detected type, or a typed error: empty file, or content that is none of the supported formats. */
    public static MediaType sniff(Path file) {
        byte[] head = new byte[HEAD];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, HEAD);
        } catch (IOException e) {
            throw new CorruptDocumentException("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        }
        if (n == 0) {
            throw new CorruptDocumentException("empty file: 0 bytes");
        }
        return detect(head, n).orElseThrow(() -> new UnsupportedFormatException(
                "unsupported format: the content is not PDF, PNG, JPEG, TIFF, JPEG 2000 or BMP (starts with "
                        + describe(head, n) + ")"));
    }

    static Optional<MediaType> detect(byte[] b, int n) {
        if (startsWith(b, n, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(MediaType.PNG);
        }
        if (startsWith(b, n, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(MediaType.JPEG);
        }
        if (startsWith(b, n, 'I', 'I', 0x2A, 0x00) || startsWith(b, n, 'M', 'M', 0x00, 0x2A)
                || startsWith(b, n, 'I', 'I', 0x2B, 0x00) || startsWith(b, n, 'M', 'M', 0x00, 0x2B)) {
            return Optional.of(MediaType.TIFF);
        }
        if (startsWith(b, n, 0x00, 0x00, 0x00, 0x0C, 'j', 'P', ' ', ' ', 0x0D, 0x0A, 0x87, 0x0A)) {
            return Optional.of(MediaType.JP2);
        }
        if (startsWith(b, n, 'B', 'M') && n >= 26) {
            return Optional.of(MediaType.BMP);
        }
        // PDF: the header may follow some junk bytes; readers accept it within the first 1024 bytes.
        String ascii = new String(b, 0, n, StandardCharsets.ISO_8859_1);
        if (ascii.contains("%PDF-")) {
            return Optional.of(MediaType.PDF);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] b, int n, int... magic) {
        if (n < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static String describe(byte[] b, int n) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < Math.min(n, 8); i++) {
            int c = b[i] & 0xFF;
            sb.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02X", c));
        }
        return sb.append('"').toString();
    }
}
