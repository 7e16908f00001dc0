package dev.readout.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.readout.core.error.CorruptDocumentException;
import dev.readout.core.error.UnsupportedFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatSnifferTest {
    @TempDir
    Path dir;

    private MediaType sniff(byte[] bytes, String name) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return FormatSniffer.sniff(f);
    }

    @Test
    void detectsFormatsFromMagicBytesWhateverTheName() throws Exception {
        assertThat(sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0}, "a.pdf")).isEqualTo(MediaType.PNG);
        assertThat(sniff(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, "a.png")).isEqualTo(MediaType.JPEG);
        assertThat(sniff(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0}, "x")).isEqualTo(MediaType.TIFF);
        assertThat(sniff(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8}, "x")).isEqualTo(MediaType.TIFF);
        assertThat(sniff(new byte[] {0, 0, 0, 0x0C, 'j', 'P', ' ', ' ', 0x0D, 0x0A, (byte) 0x87, 0x0A}, "x")).isEqualTo(MediaType.JP2);
        byte[] bmp = new byte[30];
        bmp[0] = 'B';
        bmp[1] = 'M';
        assertThat(sniff(bmp, "x.jpg")).isEqualTo(MediaType.BMP);
        assertThat(sniff("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), "x.txt")).isEqualTo(MediaType.PDF);
        assertThat(sniff("\n\n  junk %PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), "x")).isEqualTo(MediaType.PDF);
    }

    @Test
    void refusesEmptyAndUnknownContentWithAClearMessage() {
        assertThatThrownBy(() -> sniff(new byte[0], "empty.pdf")).isInstanceOf(CorruptDocumentException.class)
                .hasMessageContaining("empty file");
        assertThatThrownBy(() -> sniff("hello, this is text".getBytes(StandardCharsets.US_ASCII), "fake.pdf"))
                .isInstanceOf(UnsupportedFormatException.class)
                .hasMessageContaining("unsupported format").hasMessageContaining("\"hello, t\"");
    }
}
