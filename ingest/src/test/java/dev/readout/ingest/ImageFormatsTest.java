package dev.readout.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.readout.core.error.LimitExceededException;
import dev.readout.core.stage.Limits;
import dev.readout.ingest.image.ExifOrientation;
import dev.readout.ingest.image.ImageDecoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFormatsTest {
    @TempDir
    Path dir;

    private static BufferedImage small() {
        BufferedImage p = TestPages.page();
        return p.getSubimage(0, 0, 400, 300);
    }

    private ImageDecoder decoder(Path f, Limits limits) {
        return new ImageDecoder(f, FormatSniffer.sniff(f), limits);
    }

    @Test
    void decodesPngJpegBmpToGray() throws Exception {
        for (String fmt : new String[] {"png", "jpeg", "bmp"}) {
            Path f = dir.resolve("page." + fmt);
            BufferedImage rgb = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
            rgb.getGraphics().drawImage(small(), 0, 0, null);
            assertThat(ImageIO.write(rgb, fmt, f.toFile())).as(fmt).isTrue();
            ImageDecoder.Decoded d = decoder(f, Limits.DEFAULT).decode(0);
            assertThat(d.gray().getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
            assertThat(d.gray().getWidth()).isEqualTo(400);
        }
    }

    @Test
    void readsMultiPageCcittG4Tiff() throws Exception {
        Path f = dir.resolve("scan.tif");
        ImageWriter w = writer("tiff", "com.twelvemonkeys.imageio.plugins.tiff.TIFFImageWriter");
        try (ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
            w.setOutput(out);
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionType("CCITT T.6");
            w.prepareWriteSequence(null);
            for (int i = 0; i < 3; i++) {
                BufferedImage bw = new BufferedImage(400, 300 + i, BufferedImage.TYPE_BYTE_BINARY);
                bw.getGraphics().drawImage(small(), 0, 0, null);
                w.writeToSequence(new IIOImage(bw, null, null), p);
            }
            w.endWriteSequence();
        }
        ImageDecoder d = decoder(f, Limits.DEFAULT);
        assertThat(d.pageCount()).isEqualTo(3);
        assertThat(d.decode(2).gray().getHeight()).isEqualTo(302);
    }

    @Test
    void readsJpeg2000() throws Exception {
        Path f = dir.resolve("page.jp2");
        ImageWriter w = writer("jpeg2000", "com.github.jaiimageio.jpeg2000.impl.J2KImageWriter");
        try (ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
            w.setOutput(out);
            w.write(small());
        }
        assertThat(FormatSniffer.sniff(f)).isEqualTo(MediaType.JP2);
        assertThat(decoder(f, Limits.DEFAULT).decode(0).gray().getWidth()).isEqualTo(400);
    }

    @Test
    void appliesExifOrientation() throws Exception {
        ByteArrayOutputStream jpg = new ByteArrayOutputStream();
        BufferedImage rgb = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(rgb, "jpeg", jpg);
        byte[] plain = jpg.toByteArray();
        // APP1 Exif, big-endian TIFF header, one IFD entry: Orientation (0x0112) SHORT 1 = 6 (rotate 90° clockwise)
        byte[] app1 = {(byte) 0xFF, (byte) 0xE1, 0, 34, 'E', 'x', 'i', 'f', 0, 0,
            'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0};
        byte[] withExif = new byte[plain.length + app1.length];
        System.arraycopy(plain, 0, withExif, 0, 2);
        System.arraycopy(app1, 0, withExif, 2, app1.length);
        System.arraycopy(plain, 2, withExif, 2 + app1.length, plain.length - 2);
        Path f = dir.resolve("photo.jpg");
        Files.write(f, withExif);
        assertThat(ExifOrientation.read(f)).isEqualTo(6);
        ImageDecoder.Decoded d = decoder(f, Limits.DEFAULT).decode(0);
        assertThat(d.exifRotation()).isEqualTo(90);
        assertThat(d.gray().getWidth()).isEqualTo(300);
        assertThat(d.gray().getHeight()).isEqualTo(400);
    }

    @Test
    void refusesPagesOverThePixelLimitBeforeDecoding() throws Exception {
        Path f = dir.resolve("page.png");
        ImageIO.write(small(), "png", f.toFile());
        assertThatThrownBy(() -> decoder(f, new Limits(1 << 30, 10, 100_000)).decode(0))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("400×300").hasMessageContaining("pixels");
    }

    private static ImageWriter writer(String format, String cls) {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(format);
        while (it.hasNext()) {
            ImageWriter w = it.next();
            if (w.getClass().getName().equals(cls)) {
                return w;
            }
        }
        throw new IllegalStateException("no writer " + cls);
    }
}
