package dev.readout.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken inputs: each fails fast with exit code 1 and one line on stderr that names the
 * problem, never a stack trace; usage errors exit with 2.
 */
class BadInputTest {
    private static final Duration FAST = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private static CliHarness.Result run(String... args) {
        return assertTimeoutPreemptively(FAST, () -> CliHarness.run(args), () -> "readout " + String.join(" ", args));
    }

    /** Exit 1 with exactly one line on stderr, {@code readout: …}, containing every fragment (case-insensitive). */
    private static void assertFailsWithOneLine(CliHarness.Result r, String... fragments) {
        assertThat(r.exit()).as("exit code; stderr: %s", r.err()).isEqualTo(1);
        assertOneLine(r, fragments);
        assertThat(r.out()).as("nothing on stdout").isEmpty();
    }

    private static void assertOneLine(CliHarness.Result r, String... fragments) {
        String err = r.err().strip();
        assertThat(err.lines().count()).as("one line on stderr: %s", r.err()).isEqualTo(1);
        assertThat(err).startsWith("readout: ");
        assertThat(err).as("no stack trace").doesNotContain("\tat ", "Exception", "Caused by", "Error:");
        for (String f : fragments) {
            assertThat(err).containsIgnoringCase(f);
        }
    }

    @Test
    void emptyFile() throws IOException {
        Path f = Files.write(tmp.resolve("empty.pdf"), new byte[0]);
        assertFailsWithOneLine(run("extract", f.toString()), "empty");
    }

    @Test
    void textFileNamedPdf() throws IOException {
        Path f = Files.writeString(tmp.resolve("x.pdf"), "Dear team,\nthis is a plain text note, not a PDF.\n");
        assertFailsWithOneLine(run("extract", f.toString()), "unsupported format");
    }

    @Test
    void missingFile() {
        assertFailsWithOneLine(run("extract", tmp.resolve("nowhere.pdf").toString()), "no such file");
    }

    @Test
    void truncatedPdf() throws IOException {
        byte[] whole = Files.readAllBytes(CliHarness.sampleDocs().resolve("invoice.pdf"));
        Path f = Files.write(tmp.resolve("truncated.pdf"), Arrays.copyOf(whole, whole.length / 2));
        assertFailsWithOneLine(run("extract", f.toString()), "truncated");
    }

    @Test
    void encryptedPdfNeedsItsPassword() throws IOException {
        Path f = tmp.resolve("encrypted.pdf");
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                cs.newLineAtOffset(72, 720);
                cs.showText("Confidential quarterly figures of the harbour board");
                cs.endText();
            }
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "secret", new AccessPermission());
            policy.setEncryptionKeyLength(256);
            doc.protect(policy);
            doc.save(f.toFile());
        }
        assertFailsWithOneLine(run("extract", f.toString()), "encrypted", "--password");
        assertFailsWithOneLine(run("extract", "--password", "guess", f.toString()), "encrypted", "wrong");

        CliHarness.Result ok = run("extract", "--format", "text", "--password", "secret", f.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.err()).isEmpty();
        assertThat(ok.out()).contains("Confidential quarterly figures of the harbour board");
    }

    /** A PNG whose header declares 60000 × 60000 pixels, with a token IDAT: only the header is valid. */
    private Path hugePng() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt(60000).putInt(60000).put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", ihdr.array());
        Deflater d = new Deflater();
        d.setInput(new byte[64]);
        d.finish();
        byte[] buf = new byte[128];
        int n = d.deflate(buf);
        d.end();
        chunk(png, "IDAT", Arrays.copyOf(buf, n));
        chunk(png, "IEND", new byte[0]);
        return Files.write(tmp.resolve("huge.png"), png.toByteArray());
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void hugePngIsRefusedFromItsHeader() throws IOException {
        Path f = hugePng();
        assertThat(Files.size(f)).isLessThan(200);
        assertFailsWithOneLine(run("extract", f.toString()), "pixels", "60000", "200000000");
        assertFailsWithOneLine(run("extract", "--max-pixels", "1000000", f.toString()), "pixels", "1000000");
    }

    @Test
    void tooManyPages() throws IOException {
        Path f = tmp.resolve("six-pages.pdf");
        try (PDDocument doc = new PDDocument()) {
            for (int i = 1; i <= 6; i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    cs.newLineAtOffset(72, 720);
                    cs.showText("This is page " + i + " of a six page document.");
                    cs.endText();
                }
            }
            doc.save(f.toFile());
        }
        assertFailsWithOneLine(run("extract", "--max-pages", "5", f.toString()), "pages", "6", "5");
        CliHarness.Result ok = run("extract", "--format", "text", "--max-pages", "6", f.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("This is page 6 of a six page document.");
    }

    @Test
    void usageErrorsExitWithTwo() {
        String pdf = CliHarness.sampleDocs().resolve("invoice.pdf").toString();
        CliHarness.Result badFormat = run("extract", "--format", "nope", pdf);
        assertThat(badFormat.exit()).isEqualTo(2);
        assertOneLine(badFormat, "--format", "nope");

        CliHarness.Result pageZero = run("extract", "--pages", "0", pdf);
        assertThat(pageZero.exit()).isEqualTo(2);
        assertOneLine(pageZero, "page", "'0'");

        CliHarness.Result noSuchPage = run("extract", "--pages", "9", pdf);
        assertThat(noSuchPage.exit()).isEqualTo(2);
        assertOneLine(noSuchPage, "no page selected");

        CliHarness.Result badOption = run("extract", "--no-such-option", pdf);
        assertThat(badOption.exit()).isEqualTo(2);
        assertThat(badOption.err()).contains("--no-such-option").doesNotContain("\tat ");

        CliHarness.Result noFile = run("extract");
        assertThat(noFile.exit()).isEqualTo(2);
        assertThat(noFile.err()).contains("FILE");
    }
}
