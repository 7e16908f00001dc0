package dev.readout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The map profile of extract and batch, and eval maps, on the project's sample map. */
class MapCommandsTest {
    static final ObjectMapper OM = new ObjectMapper();
    static Path map;
    static JsonNode features;

    @TempDir
    Path tmp;

    @BeforeAll
    static void extract() throws Exception {
        map = CliHarness.sampleDocs().resolve("map-rotated-labels.png");
        CliHarness.Result r = CliHarness.run("extract", map.toString(), "--profile", "map");
        assertThat(r.exit()).as(r.err()).isZero();
        features = OM.readTree(r.out());
    }

    @Test
    void extractGivesFeaturesWithPolygonsTextScoreAndPhrase() {
        assertThat(features.path("type").asText()).isEqualTo("FeatureCollection");
        assertThat(features.path("image").path("width").asInt()).isEqualTo(1400);
        JsonNode texts = OM.valueToTree(features.path("features").findValuesAsText("text"));
        assertThat(texts.toString()).contains("LONDON", "Bridgewater", "RIVER", "Castle", "Kingston");
        JsonNode f = features.path("features").path(0);
        assertThat(f.path("geometry").path("type").asText()).isEqualTo("Polygon");
        assertThat(f.path("properties").path("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(f.path("properties").path("phrase").asText()).startsWith("p1-l");
    }

    @Test
    void extractGivesAltoAndText() {
        CliHarness.Result alto = CliHarness.run("extract", map.toString(), "--profile", "map", "--format", "alto");
        assertThat(alto.exit()).as(alto.err()).isZero();
        assertThat(alto.out()).contains("<alto ", "CONTENT=\"Castle\"", "<Polygon POINTS=");
        CliHarness.Result text = CliHarness.run("extract", map.toString(), "--profile", "map", "--format", "text");
        assertThat(text.out().lines()).contains("LONDON", "Kingston");
    }

    @Test
    void badMapUsageIsRefused() {
        CliHarness.Result p = CliHarness.run("extract", map.toString(), "--profile", "atlas");
        assertThat(p.exit()).isEqualTo(2);
        assertThat(p.err()).contains("--profile must be");
        CliHarness.Result f = CliHarness.run("extract", map.toString(), "--profile", "map", "--format", "hocr");
        assertThat(f.exit()).isEqualTo(2);
        CliHarness.Result pdf = CliHarness.run("extract", CliHarness.sampleDocs().resolve("invoice.pdf").toString(), "--profile", "map");
        assertThat(pdf.exit()).isEqualTo(1);
        assertThat(pdf.err().strip()).startsWith("readout: ").contains("map profile reads images").doesNotContain("Exception");
    }

    @Test
    void batchAutoSendsASquareMapTheMapWayAndAPdfTheDocumentWay() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        BufferedImage img = ImageIO.read(map.toFile());
        ImageIO.write(img.getSubimage(0, 0, 1100, 1100), "png", in.resolve("square-map.png").toFile());
        Files.copy(CliHarness.sampleDocs().resolve("invoice.pdf"), in.resolve("invoice.pdf"));
        Path out = tmp.resolve("out");
        CliHarness.Result r = CliHarness.run("batch", in.toString(), "--out", out.toString(), "--profile", "auto",
                "--formats", "json,alto", "--no-layout");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(out.resolve("square-map.png.map.json")).isRegularFile();
        assertThat(Files.readString(out.resolve("square-map.png.alto.xml"))).contains("<Polygon POINTS=", "LONDON");
        assertThat(Files.readString(out.resolve("square-map.png.json"))).contains("\"schemaVersion\"", "ppocr-v4");
        assertThat(out.resolve("invoice.pdf.json")).isRegularFile();
        assertThat(out.resolve("invoice.pdf.map.json")).doesNotExist();
        assertThat(Files.readString(out.resolve("manifest.jsonl"))).contains("\"profile\":\"map\"");
    }

    @Test
    void evalMapsScoresOurOwnFeaturesAsPerfectGold() throws Exception {
        // gold in the map_ocr_gt layout made from the extracted features (y negated as there): checks the
        // command, the ground-truth reader and the sign convention end to end
        Path dir = Files.createDirectories(tmp.resolve("gt/sample"));
        Files.copy(map, dir.resolve("sample.png"));
        StringBuilder sb = new StringBuilder("{\"type\": \"FeatureCollection\", \"features\": [");
        boolean first = true;
        for (JsonNode f : features.path("features")) {
            sb.append(first ? "" : ",").append("{\"type\": \"Feature\", \"properties\": {\"Label\": ")
              .append(OM.writeValueAsString(f.path("properties").path("text").asText())).append("}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[");
            boolean firstPoint = true;
            for (JsonNode pt : f.path("geometry").path("coordinates").path(0)) {
                sb.append(firstPoint ? "" : ",").append('[').append(pt.path(0).asDouble()).append(',').append(-pt.path(1).asDouble()).append(']');
                firstPoint = false;
            }
            sb.append("]]}}");
            first = false;
        }
        Files.writeString(dir.resolve("sample.geojson"), sb.append("]}").toString());
        CliHarness.Result r = CliHarness.run("eval", "maps", "--data", tmp.resolve("gt").toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = OM.readTree(r.out());
        assertThat(j.path("maps").asInt()).isEqualTo(1);
        assertThat(j.path("detection").path("f1").asDouble()).isEqualTo(1.0);
        assertThat(j.path("end_to_end").path("f1").asDouble()).isEqualTo(1.0);
    }
}
