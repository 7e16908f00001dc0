package dev.readout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code readout batch} over a small archive made of the sample documents: a folder with a sub-folder, a zip,
 * a corrupt file, a name with spaces and a duplicate. A clean run is the reference; a run killed (SIGKILL) again
 * and again at varying moments and restarted until it completes must end with exactly the same outputs.
 */
class BatchTest {
    @TempDir
    static Path tmp;
    static Path archive;
    static Path zip;

    @BeforeAll
    static void makeArchive() throws IOException {
        Path samples = CliHarness.sampleDocs();
        archive = Files.createDirectories(tmp.resolve("archive"));
        Files.createDirectories(archive.resolve("sub folder"));
        Files.copy(samples.resolve("invoice.pdf"), archive.resolve("invoice.pdf"));
        Files.copy(samples.resolve("article-two-column.pdf"), archive.resolve("sub folder/article (copy).pdf"));
        Files.copy(samples.resolve("multipage-g4.tif"), archive.resolve("sub folder/pages.tif"));
        Files.writeString(archive.resolve("sub folder/broken.pdf"), "%PDF-1.7 this is not really a PDF");
        Files.writeString(archive.resolve(".hidden.pdf"), "ignored");
        zip = tmp.resolve("more.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("scans/../../evil/scan.png"));
            Files.copy(samples.resolve("scan-skewed-noisy.png"), z);
            z.closeEntry();
            z.putNextEntry(new ZipEntry("again/invoice.pdf"));
            Files.copy(samples.resolve("invoice.pdf"), z);
            z.closeEntry();
        }
    }

    @Test
    void cleanRunThenResumeSkipsEverything() throws IOException {
        Path out = tmp.resolve("clean");
        CliHarness.Result r = CliHarness.run("batch", archive.toString(), zip.toString(), "--out", out.toString(),
                "--formats", "json,text,alto,page-xml,pdf", "--workers", "2");
        assertThat(r.exit()).as(r.err()).isEqualTo(1);   // the broken PDF
        assertThat(r.err()).contains("6 document(s): 6 processed").contains("1 failed").contains("errors in");
        Map<String, byte[]> files = snapshot(out);
        assertThat(files.keySet()).contains("invoice.pdf.json", "invoice.pdf.txt", "invoice.pdf.alto.xml", "invoice.pdf.pdf",
                "invoice.pdf.page/page-0001.xml", "invoice.pdf.page/page-0001.png",
                "sub_folder/article__copy_.pdf.txt", "sub_folder/pages.tif.page/page-0003.xml",
                "more/scans/evil/scan.png.json", "more/again/invoice.pdf.json", "manifest.jsonl", "errors.jsonl");
        assertThat(files.keySet()).noneMatch(k -> k.contains("hidden") || k.contains(".."));
        List<String> errors = Files.readAllLines(out.resolve("errors.jsonl"));
        assertThat(errors).hasSize(1);
        JsonNode e = new ObjectMapper().readTree(errors.get(0));
        assertThat(e.get("file").asText()).endsWith("broken.pdf");
        assertThat(e.get("error").asText()).isNotBlank();
        assertThat(new String(files.get("sub_folder/article__copy_.pdf.txt"))).contains("Tides, Clocks and the Patient Harbour");
        assertThat(new String(files.get("more/scans/evil/scan.png.txt")).toLowerCase()).contains("service request form");

        CliHarness.Result again = CliHarness.run("batch", archive.toString(), zip.toString(), "--out", out.toString(),
                "--formats", "json,text,alto,page-xml,pdf", "--workers", "2");
        assertThat(again.err()).contains("0 processed, 6 skipped").contains("1 failed");
        assertThat(snapshot(out)).containsOnlyKeys(files.keySet());
        assertThat(Files.readAllLines(out.resolve("manifest.jsonl"))).hasSize(6);
    }

    /**
     * The manifest records the settings a document was made with: a re-run asking for other outputs or options
     * redoes the documents instead of skipping them (and adds what was asked for); the same settings again skip.
     */
    @Test
    void rerunWithOtherSettingsRedoesTheDocuments() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("settings-in"));
        Files.copy(CliHarness.sampleDocs().resolve("invoice.pdf"), in.resolve("invoice.pdf"));
        Path out = tmp.resolve("settings-out");
        CliHarness.Result first = CliHarness.run("batch", in.toString(), "--out", out.toString(), "--formats", "json");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.err()).contains("1 document(s): 1 processed");
        assertThat(out.resolve("invoice.pdf.txt")).doesNotExist();
        JsonNode entry = new ObjectMapper().readTree(Files.readAllLines(out.resolve("manifest.jsonl")).get(0));
        assertThat(entry.get("settings").asText()).contains("formats=json;").contains("languages=eng;").contains("stages=");

        CliHarness.Result more = CliHarness.run("batch", in.toString(), "--out", out.toString(), "--formats", "json,text");
        assertThat(more.err()).as("new formats: redone").contains("1 document(s): 1 processed");
        assertThat(out.resolve("invoice.pdf.txt")).isNotEmptyFile();

        CliHarness.Result lang = CliHarness.run("batch", in.toString(), "--out", out.toString(), "--formats", "json,text",
                "--lang", "eng+deu");
        assertThat(lang.err()).as("other OCR languages: redone").contains("1 document(s): 1 processed");

        CliHarness.Result same = CliHarness.run("batch", in.toString(), "--out", out.toString(), "--formats", "text,json",
                "--lang", "eng+deu");
        assertThat(same.err()).as("the same settings (formats in another order): skipped").contains("0 processed, 1 skipped");
        List<String> manifest = Files.readAllLines(out.resolve("manifest.jsonl"));
        assertThat(manifest).hasSize(3);
        assertThat(new ObjectMapper().readTree(manifest.get(2)).get("settings").asText()).contains("languages=eng+deu;");
    }

    @Test
    void killedAnyMomentAndRerunGivesTheSameOutputs() throws Exception {
        Path ref = tmp.resolve("reference");
        CliHarness.run("batch", archive.toString(), zip.toString(), "--out", ref.toString(), "--formats", "json,text,page-xml", "--workers", "2");
        Map<String, byte[]> expected = snapshot(ref);

        Path out = tmp.resolve("killed");
        long[] delaysMs = {400, 900, 1500, 2200, 3000, 4000, 5500};
        int kills = 0;
        int exit = -1;
        for (int attempt = 0; attempt < 30 && exit < 0; attempt++) {
            Process p = batchProcess(out);
            // two rounds of kills at different moments, then let it finish (on a loaded machine a JVM start alone can
            // outlast the longest delay, and the batch would never get far enough between kills)
            long delay = attempt < 2 * delaysMs.length ? delaysMs[attempt % delaysMs.length] : 300_000;
            if (!p.waitFor(delay, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                kills++;
            } else {
                exit = p.exitValue();
            }
        }
        assertThat(exit).as("the batch finished after %d kills", kills).isEqualTo(1);
        assertThat(kills).isGreaterThanOrEqualTo(2);
        Map<String, byte[]> got = snapshot(out);
        assertThat(got.keySet()).isEqualTo(expected.keySet());
        for (String k : expected.keySet()) {
            if (k.equals("manifest.jsonl")) {
                continue;   // same documents, possibly in another order: compared below
            }
            assertThat(got.get(k)).as(k).isEqualTo(expected.get(k));
        }
        assertThat(sortedLines(out.resolve("manifest.jsonl"))).isEqualTo(sortedLines(ref.resolve("manifest.jsonl")));
    }

    private static List<String> sortedLines(Path f) throws IOException {
        List<String> l = new ArrayList<>(Files.readAllLines(f));
        l.sort(null);
        return l;
    }

    private static Process batchProcess(Path out) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dreadout.layout=off", "-Xmx1g"));
        for (String prop : List.of("readout.models", "readout.order")) {
            if (System.getProperty(prop) != null) {
                cmd.add("-D" + prop + "=" + System.getProperty(prop));
            }
        }
        cmd.addAll(List.of("dev.readout.cli.Readout", "batch", archive.toString(), zip.toString(), "--out", out.toString(),
                "--formats", "json,text,page-xml", "--workers", "2"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("OMP_THREAD_LIMIT", "1");
        return pb.start();
    }

    /** Every file under {@code dir} (relative path → bytes), leaving out the work folder. */
    static Map<String, byte[]> snapshot(Path dir) throws IOException {
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
