package dev.readout.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.cli.batch.BatchRunner;
import dev.readout.core.Pipeline;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.ReadingOrderModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark job in local mode writes exactly what the single-machine batch writes, and resumes the same way. */
class SparkBatchTest {
    @TempDir
    Path tmp;

    @Test
    void sparkLocalModeEqualsTheSingleMachineRun() throws Exception {
        Path repo = Path.of(System.getProperty("readout.repo", "..")).toAbsolutePath().normalize();
        Path samples = repo.resolve("sample-docs");
        Path archive = Files.createDirectories(tmp.resolve("archive/sub"));
        Files.copy(samples.resolve("invoice.pdf"), tmp.resolve("archive/invoice.pdf"));
        Files.copy(samples.resolve("article-two-column.pdf"), archive.resolve("article.pdf"));
        Files.copy(samples.resolve("multipage-g4.tif"), archive.resolve("pages.tif"));
        Files.writeString(archive.resolve("broken.pdf"), "%PDF-1.4 broken");
        Path zip = tmp.resolve("scans.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("scan.png"));
            Files.copy(samples.resolve("scan-skewed-noisy.png"), z);
            z.closeEntry();
        }
        List<Path> inputs = List.of(tmp.resolve("archive"), zip);
        List<String> formats = List.of("json", "text", "alto", "page-xml");

        Path single = tmp.resolve("single");
        try (Pipeline p = Pipeline.discover(2, s -> s instanceof ReadingOrderModel)) {
            BatchRunner.Summary s = new BatchRunner(new BatchRunner.Config(inputs, single, formats, IngestOptions.DEFAULT, 2), p,
                    new PrintWriter(System.err)).run();
            assertThat(s.documents()).isEqualTo(5);
            assertThat(s.failed()).isEqualTo(1);
        }

        Path cluster = tmp.resolve("spark");
        SparkSession spark = SparkSession.builder().master("local[2]").appName("readout-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        try {
            SparkBatch.Settings settings = new SparkBatch.Settings(cluster.toString(), formats, 300, "auto", List.of("eng"), false);
            BatchRunner.Summary s = SparkBatch.run(spark, inputs, settings, 3);
            assertThat(s.documents()).isEqualTo(5);
            assertThat(s.processed()).isEqualTo(5);
            assertThat(s.failed()).isEqualTo(1);
            assertThat(s.pages()).isEqualTo(6);

            Map<String, byte[]> a = snapshot(single);
            Map<String, byte[]> b = snapshot(cluster);
            assertThat(b.keySet()).isEqualTo(a.keySet());
            for (String k : a.keySet()) {
                if (!k.equals("manifest.jsonl")) {
                    assertThat(b.get(k)).as(k).isEqualTo(a.get(k));
                }
            }
            assertThat(sorted(cluster.resolve("manifest.jsonl"))).isEqualTo(sorted(single.resolve("manifest.jsonl")));

            BatchRunner.Summary again = SparkBatch.run(spark, inputs, settings, 3);
            assertThat(again.processed()).isZero();
            assertThat(again.skipped()).isEqualTo(5);
            assertThat(snapshot(cluster).keySet()).isEqualTo(a.keySet());
        } finally {
            spark.stop();
        }
    }

    private static List<String> sorted(Path f) throws IOException {
        List<String> l = new ArrayList<>(Files.readAllLines(f));
        l.sort(null);
        return l;
    }

    private static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString();
                if (!rel.startsWith(".work") && !rel.equals(".lock")) {
                    m.put(rel, Files.readAllBytes(p));
                }
            }
        }
        return m;
    }
}
