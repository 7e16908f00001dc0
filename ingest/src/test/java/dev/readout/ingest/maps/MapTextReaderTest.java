package dev.readout.ingest.maps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.readout.core.error.CorruptDocumentException;
import dev.readout.core.error.LimitExceededException;
import dev.readout.core.error.UnsupportedFormatException;
import dev.readout.core.stage.Limits;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole map reader (PP-OCRv4 models of models/ppocr-v4, OpenCV) on the project's made-up map
 * {@code sample-docs/map-rotated-labels.png} (made by {@code readout make-samples}, see sample-docs/README.md).
 */
class MapTextReaderTest {
    /** A label drawn on the sample map: text, centre in pixels, reading direction in degrees counter-clockwise. */
    record Label(String text, double cx, double cy, double angleDeg) {
    }

    static final List<Label> LABELS = List.of(
            new Label("LONDON", 260, 160, 0),
            new Label("Bridgewater", 760, 520, 35),
            new Label("RIVER", 1230, 420, 90),
            new Label("Castle", 330, 760, 180),
            new Label("Kingston", 470, 1000, 0));

    static Path sample;
    static PpOcrModel model;
    static MapTextReader reader;
    static MapText found;

    @BeforeAll
    static void read() throws Exception {
        sample = sampleMap();
        model = PpOcrModel.discover(2);
        reader = new MapTextReader(model, MapOptions.DEFAULT);
        found = reader.read(ImageIO.read(sample.toFile()));
    }

    static Path sampleMap() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("sample-docs/map-rotated-labels.png");
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        throw new IllegalStateException("sample-docs/map-rotated-labels.png not found above " + Path.of("").toAbsolutePath());
    }

    @AfterAll
    static void close() {
        reader.close();
        model.close();
    }

    @Test
    void readsLabelsAtAnyRotationWhereTheyAre() {
        assertThat(found.tiles()).isGreaterThan(4);
        for (Label l : LABELS) {
            List<MapLabel> hits = found.labels().stream().filter(m -> m.text().equalsIgnoreCase(l.text())).toList();
            assertThat(hits).as("label %s at %s°, found: %s", l.text(), l.angleDeg(), texts()).hasSize(1);
            MapLabel m = hits.get(0);
            assertThat(m.box().centerX()).as(l.text() + " x").isCloseTo(l.cx(), org.assertj.core.data.Offset.offset(30.0));
            assertThat(m.box().centerY()).as(l.text() + " y").isCloseTo(l.cy(), org.assertj.core.data.Offset.offset(30.0));
            double d = Math.abs(m.angleDeg() - l.angleDeg()) % 360;
            assertThat(Math.min(d, 360 - d)).as(l.text() + " reading direction " + m.angleDeg()).isLessThan(10);
            assertThat(m.score()).isBetween(MapOptions.DEFAULT.minScore(), 1.0);
        }
    }

    @Test
    void aLabelAcrossATileBorderIsFoundOnceAndWhole() {
        // Kingston spans x ≈ 410–530: cut at x = 512 in the first tile, whole in the second (which starts at 384)
        List<MapLabel> k = found.labels().stream().filter(m -> m.text().toLowerCase().contains("king")
                || m.text().toLowerCase().contains("ston")).toList();
        assertThat(k).extracting(MapLabel::text).containsExactly("Kingston");
        assertThat(k.get(0).lengthPx()).isGreaterThan(100);
    }

    @Test
    void everyLabelBelongsToExactlyOnePhrase() {
        long inPhrases = found.phrases().stream().mapToLong(p -> p.labelIds().size()).sum();
        assertThat(inPhrases).isEqualTo(found.labels().size());
        assertThat(found.labels()).allSatisfy(l -> assertThat(l.phraseId()).startsWith("p1-l"));
    }

    @Test
    void writesFeaturesAndAltoWithPolygons() throws Exception {
        String json = MapOutputs.featuresJson(found, "synthetic.png");
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        assertThat(root.path("features").size()).isEqualTo(found.labels().size());
        var f = root.path("features").path(0);
        assertThat(f.path("geometry").path("coordinates").path(0).size()).isEqualTo(5);
        assertThat(f.path("properties").path("text").asText()).isNotBlank();
        var source = new dev.readout.core.model.SourceInfo("synthetic.png", "image/png", "0", 1, 1);
        String alto = MapOutputs.alto(found, source, 300);
        assertThat(alto).contains("CONTENT=\"Bridgewater\"").contains("<Shape><Polygon POINTS=\"");
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(alto.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void readsAFileAndRefusesBadOnesClearly(@TempDir Path dir) throws Exception {
        Path png = sample;
        MapImages.Read r = MapImages.read(png, "map.png", Limits.DEFAULT, reader);
        assertThat(r.source().mediaType()).isEqualTo("image/png");
        assertThat(r.text().labels()).extracting(MapLabel::text).contains("LONDON");

        Path truncated = dir.resolve("truncated.png");
        byte[] all = Files.readAllBytes(png);
        Files.write(truncated, java.util.Arrays.copyOf(all, 200));
        assertThatThrownBy(() -> MapImages.read(truncated, null, Limits.DEFAULT, reader)).isInstanceOf(CorruptDocumentException.class);

        Limits small = new Limits(Limits.DEFAULT.maxBytes(), 10, 1_000_000);
        assertThatThrownBy(() -> MapImages.read(png, null, small, reader))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("over the limit");

        Path pdf = dir.resolve("page.pdf");
        Files.writeString(pdf, "%PDF-1.4\n%%EOF\n");
        assertThatThrownBy(() -> MapImages.read(pdf, null, Limits.DEFAULT, reader))
                .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("map profile reads images");

        Path empty = dir.resolve("empty.png");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> MapImages.read(empty, null, Limits.DEFAULT, reader)).isInstanceOf(CorruptDocumentException.class);
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeader(@TempDir Path dir) throws Exception {
        // a valid PNG header declaring 60000 × 60000 pixels, with no pixel data behind it
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        byte[] ihdr = java.nio.ByteBuffer.allocate(13).putInt(60000).putInt(60000).put((byte) 8).put((byte) 0).put((byte) 0)
                .put((byte) 0).put((byte) 0).array();
        b.write(new byte[] {0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        b.write(ihdr);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(new byte[] {'I', 'H', 'D', 'R'});
        crc.update(ihdr);
        b.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        Path bomb = dir.resolve("bomb.png");
        Files.write(bomb, b.toByteArray());
        assertThatThrownBy(() -> MapImages.headerSize(bomb, Limits.DEFAULT)).isInstanceOf(LimitExceededException.class);
        assertThatThrownBy(() -> MapImages.read(bomb, null, Limits.DEFAULT, reader)).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("3600000000 pixels");
    }

    private static List<String> texts() {
        return found.labels().stream().map(l -> l.text() + "@" + Math.round(l.angleDeg())).toList();
    }
}
