package dev.readout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.cli.samples.SampleGenerator;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code readout make-samples} is deterministic, and the committed {@code sample-docs/} files are what
 * the current generator makes.
 */
class SampleGeneratorTest {
    @TempDir
    Path tmp;

    @Test
    void generatingTwiceGivesTheSameBytes() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        CliHarness.Result r = CliHarness.run("make-samples", "--out", a.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        for (String name : SampleGenerator.FILES) {
            assertThat(r.out()).contains(a.resolve(name).toString());
        }
        SampleGenerator.generateAll(b);
        for (String name : SampleGenerator.FILES) {
            byte[] x = Files.readAllBytes(a.resolve(name));
            byte[] y = Files.readAllBytes(b.resolve(name));
            assertThat(x.length).as("%s stays small", name).isLessThan(300_000);
            assertThat(Arrays.equals(x, y)).as("%s is byte-identical across two generations", name).isTrue();
        }
    }

    @Test
    void committedSamplesMatchAFreshGeneration() throws IOException {
        Path fresh = tmp.resolve("fresh");
        SampleGenerator.generateAll(fresh);
        Path committed = CliHarness.sampleDocs();
        for (String name : SampleGenerator.FILES) {
            Path c = committed.resolve(name);
            Path f = fresh.resolve(name);
            assertThat(c).as("committed sample (regenerate with ./readout make-samples)").isRegularFile();
            boolean sameBytes = Arrays.equals(Files.readAllBytes(c), Files.readAllBytes(f));
            if (name.endsWith(".pdf")) {
                assertThat(extractText(f, "fresh")).as("text of a fresh %s vs the committed one (regenerate with"
                        + " ./readout make-samples)", name).isEqualTo(extractText(c, "committed"));
            } else if (!sameBytes && !samePixels(c, f)) {
                // another JDK may anti-alias differently: then the fresh image must still read the same
                String golden = Files.readString(CliHarness.expected(name.replaceFirst("\\.[^.]+$", "") + ".txt"));
                assertThat(CliHarness.normaliseWhitespace(extractText(f, "fresh")))
                        .as("OCR text of a fresh %s vs the golden text", name)
                        .isEqualTo(CliHarness.normaliseWhitespace(golden));
            }
        }
    }

    @Test
    void pixelComparisonReadsEveryPage() throws IOException {
        Path tif = CliHarness.sampleDocs().resolve("multipage-g4.tif");
        assertThat(pages(tif)).hasSize(3);
        assertThat(samePixels(tif, tif)).isTrue();
        Path png = CliHarness.sampleDocs().resolve("scan-skewed-noisy.png");
        assertThat(samePixels(png, tif)).isFalse();
    }

    private String extractText(Path file, String tag) throws IOException {
        Path out = tmp.resolve(tag + "-" + file.getFileName() + ".txt");
        CliHarness.Result r = CliHarness.run("extract", "--format", "text", "--out", out.toString(), file.toString());
        assertThat(r.exit()).as("extract %s: %s", file, r.err()).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** Same number of pages with the same sample values (format details such as chunk layout aside). */
    private static boolean samePixels(Path a, Path b) throws IOException {
        List<Raster> x = pages(a);
        List<Raster> y = pages(b);
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            Raster p = x.get(i);
            Raster q = y.get(i);
            if (p.getWidth() != q.getWidth() || p.getHeight() != q.getHeight()
                    || !Arrays.equals(p.getPixels(0, 0, p.getWidth(), p.getHeight(), (int[]) null),
                    q.getPixels(0, 0, q.getWidth(), q.getHeight(), (int[]) null))) {
                return false;
            }
        }
        return true;
    }

    private static List<Raster> pages(Path file) throws IOException {
        List<Raster> out = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> it = ImageIO.getImageReaders(in);
            ImageReader r = null;
            while (it.hasNext()) {
                ImageReader c = it.next();
                // TIFF: TwelveMonkeys (jai-imageio-core's reader competes through the SPI)
                if (r == null || c.getClass().getName().startsWith("com.twelvemonkeys")) {
                    r = c;
                }
            }
            assertThat(r).as("an ImageIO reader for %s", file).isNotNull();
            try {
                r.setInput(in, false, true);
                int n = r.getNumImages(true);
                for (int i = 0; i < n; i++) {
                    BufferedImage img = r.read(i);
                    out.add(img.getData());
                }
            } finally {
                r.dispose();
            }
        }
        return out;
    }
}
