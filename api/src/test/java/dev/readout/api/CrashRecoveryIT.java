package dev.readout.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: the packaged service (target/quarkus-app, as {@code ./readout serve} runs it) is killed with
 * SIGKILL while it OCRs a document, started again on the same data folder, and must finish that document.
 * Runs in the integration-test phase, after packaging.
 */
class CrashRecoveryIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    @Test
    void aDocumentInterruptedByKillIsResumedAfterRestart() throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar) && "1".equals(System.getenv("READOUT_CI"))) {
            throw new AssertionError("the packaged service is missing: " + jar);
        }
        assumeTrue(Files.isRegularFile(jar), "package the service first (mvn package): " + jar);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String base = "http://localhost:" + port;
        Process first = start(jar, port);
        Process second = null;
        try {
            awaitReady(base, first);
            HttpResponse<String> up = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/documents?ocr=always"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "image/tiff")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Fixtures.bytes("multipage-g4.tif"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(up.statusCode()).as(up.body()).isEqualTo(202);
            String id = JSON.readTree(up.body()).get("id").asText();
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!status(base, id).get("status").asText().equals("running") && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            assertThat(status(base, id).get("status").asText()).isEqualTo("running");
            first.destroyForcibly();
            first.waitFor();

            second = start(jar, port);
            awaitReady(base, second);
            JsonNode job = status(base, id);
            end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!List.of("succeeded", "partial", "failed").contains(job.get("status").asText()) && System.nanoTime() < end) {
                Thread.sleep(200);
                job = status(base, id);
            }
            assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");
            assertThat(job.at("/progress/pagesDone").asInt()).isEqualTo(3);
            assertThat(Files.readString(tmp.resolve("service.log"))).contains("resuming document " + id);
        } finally {
            first.destroyForcibly();
            if (second != null) {
                second.destroy();
                second.waitFor();
            }
        }
    }

    private Process start(Path jar, int port) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Djava.awt.headless=true", "-Dreadout.layout=off",
                "-Dreadout.data-dir=" + tmp.resolve("data"), "-Dquarkus.http.port=" + port, "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(tmp.resolve("service.log").toFile()))
                .start();
    }

    private void awaitReady(String base, Process p) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < end) {
            assertThat(p.isAlive()).as("the service died: %s", Files.readString(tmp.resolve("service.log"))).isTrue();
            try {
                // a request timeout: a connection accepted while the service starts may never be answered
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the service did not become ready: " + Files.readString(tmp.resolve("service.log")));
    }

    private static JsonNode status(String base, String id) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/documents/" + id + "?result=false"))
                        .timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
