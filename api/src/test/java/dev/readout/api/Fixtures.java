package dev.readout.api;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;

/** Test inputs: the repository's sample documents, and bad inputs generated on the spot. */
public final class Fixtures {
    private Fixtures() {
    }

    /** The repository root (set by surefire as {@code readout.repo}; else found walking up to sample-docs/). */
    public static Path repo() {
        String p = System.getProperty("readout.repo");
        if (p != null && Files.isDirectory(Path.of(p, "sample-docs"))) {
            return Path.of(p);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("sample-docs"))) {
                return d;
            }
        }
        throw new IllegalStateException("sample-docs/ not found above " + Path.of("").toAbsolutePath());
    }

    public static Path sample(String name) {
        return repo().resolve("sample-docs").resolve(name);
    }

    public static byte[] bytes(String sample) {
        try {
            return Files.readAllBytes(sample(sample));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] truncatedPdf() {
        byte[] pdf = bytes("invoice.pdf");
        return Arrays.copyOf(pdf, pdf.length / 2);
    }

    public static byte[] encryptedPdf() {
        try (PDDocument d = Loader.loadPDF(bytes("invoice.pdf"))) {
            StandardProtectionPolicy p = new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
            p.setEncryptionKeyLength(128);
            d.protect(p);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            d.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PDF of {@code n} blank pages. */
    public static byte[] blankPages(int n) {
        try (PDDocument d = new PDDocument()) {
            for (int i = 0; i < n; i++) {
                d.addPage(new PDPage());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            d.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A PDF of {@code n} pages that each hold the sample scan as an image (no text layer): every page must be OCR'd,
     * about a second of work each, so a document of a dozen pages cannot finish within a one-second timeout.
     */
    public static byte[] scannedPdf(int n) {
        try (PDDocument d = new PDDocument()) {
            var img = org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject.createFromFile(sample("scan-skewed-noisy.png").toString(), d);
            for (int i = 0; i < n; i++) {
                PDPage page = new PDPage();
                d.addPage(page);
                try (var cs = new org.apache.pdfbox.pdmodel.PDPageContentStream(d, page)) {
                    cs.drawImage(img, 0, 0, page.getMediaBox().getWidth(), page.getMediaBox().getHeight());
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            d.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid PNG header declaring 60,000 × 60,000 pixels (3.6 gigapixels) with almost no data: a decompression bomb. */
    public static byte[] pngBomb() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream h = new DataOutputStream(ihdr);
            h.writeInt(60_000);
            h.writeInt(60_000);
            h.write(new byte[] {8, 0, 0, 0, 0});
            chunk(out, "IHDR", ihdr.toByteArray());
            chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
            chunk(out, "IEND", new byte[0]);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }
}
