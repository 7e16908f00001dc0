package dev.readout.api.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The job store's SQL on both databases it supports: an H2 file database and a real PostgreSQL server
 * (scripts/postgres-for-tests.sh starts one on localhost:55432; {@code READOUT_TEST_PG_URL} names another). Without a
 * server the PostgreSQL case is skipped with a message, except under CI ({@code READOUT_CI=1}), where it fails.
 */
class JobStoreTest {
    static final String PG_URL = System.getenv().getOrDefault("READOUT_TEST_PG_URL", "jdbc:postgresql://localhost:55432/postgres");
    static final String PG_USER = System.getenv().getOrDefault("READOUT_TEST_PG_USER", "postgres");
    static final String PG_PASSWORD = System.getenv().getOrDefault("READOUT_TEST_PG_PASSWORD", "");

    @TempDir
    Path tmp;

    static Stream<String> databases() {
        return Stream.of("h2", "postgresql");
    }

    /** A fresh database of the given kind, or a skipped test when PostgreSQL is not reachable outside CI. */
    Db open(String kind) throws SQLException {
        if (kind.equals("h2")) {
            return new Db("jdbc:h2:file:" + tmp.resolve("jobs"), "sa", "", 2);
        }
        String schema = "t" + UUID.randomUUID().toString().replace("-", "");
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", PG_USER);
        props.setProperty("password", PG_PASSWORD);
        try (Connection c = new org.postgresql.Driver().connect(PG_URL, props); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            String why = "no PostgreSQL server at " + PG_URL + " (" + e.getMessage() + "): run scripts/postgres-for-tests.sh";
            if ("1".equals(System.getenv("READOUT_CI"))) {
                throw new AssertionError("CI must test against PostgreSQL, but there is " + why, e);
            }
            System.err.println("JobStoreTest: SKIPPED the PostgreSQL case: " + why);
            assumeTrue(false, why);
        }
        return new Db(PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, PG_USER, PG_PASSWORD, 2);
    }

    static Job queued(String name, long createdMillis) {
        return new Job(UUID.randomUUID().toString(), JobStatus.QUEUED, name, "application/pdf", 1234, "{\"ocr\":\"auto\"}", 0, 0,
                0, null, null, Instant.ofEpochMilli(createdMillis), null, null);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void jobsLiveThroughTheirStatesAndSurviveReopening(String kind) throws Exception {
        Job a = queued("a.pdf", 1_000);
        Job b = queued("b.pdf", 2_000);
        String url;
        try (Db db = open(kind)) {
            url = db.url();
            JobStore store = new JobStore(db);
            store.insert(a);
            store.insert(b);
            store.started(a.id(), 3);
            store.progress(a.id(), 2, 3);
            assertThat(store.find(a.id()).orElseThrow()).satisfies(j -> {
                assertThat(j.status()).isEqualTo(JobStatus.RUNNING);
                assertThat(j.attempts()).isEqualTo(1);
                assertThat(j.pagesDone()).isEqualTo(2);
                assertThat(j.startedAt()).isNotNull();
            });
            assertThat(store.unfinished()).extracting(Job::id).containsExactly(a.id(), b.id());
            String big = "{\"pages\":[" + "\"x\",".repeat(50_000) + "\"y\"]}";
            String invoice = "{\"fields\":{\"total\":{\"value\":\"698.05\"}},\"lineItems\":[]}";
            assertThat(store.finish(a.id(), JobStatus.SUCCEEDED, big, invoice, null, null)).isTrue();
            assertThat(store.result(a.id())).contains(big);
            assertThat(store.invoice(a.id())).contains(invoice);
            assertThat(store.invoice(b.id())).isEmpty();
            assertThat(store.list(0, 10)).extracting(Job::id).containsExactly(b.id(), a.id());
            assertThat(store.list(1, 10)).extracting(Job::id).containsExactly(a.id());
            assertThat(store.count()).isEqualTo(2);
        }
        // a new pool on the same database: what was stored is still there
        try (Db db = new Db(url, kind.equals("h2") ? "sa" : PG_USER, kind.equals("h2") ? "" : PG_PASSWORD, 2)) {
            JobStore store = new JobStore(db);
            assertThat(store.unfinished()).extracting(Job::id).containsExactly(b.id());
            assertThat(store.find(a.id()).orElseThrow().finishedAt()).isNotNull();
            assertThat(store.fail(b.id(), "corrupt", "unreadable PDF")).isTrue();
            assertThat(store.find(b.id()).orElseThrow()).satisfies(j -> {
                assertThat(j.status()).isEqualTo(JobStatus.FAILED);
                assertThat(j.errorCode()).isEqualTo("corrupt");
            });
            assertThat(store.delete(a.id())).isTrue();
            assertThat(store.delete(a.id())).isFalse();
            assertThat(store.result(a.id())).isEmpty();
            assertThat(store.invoice(a.id())).as("the invoice goes with the job").isEmpty();
            // a job deleted while it ran: its late result is not stored
            assertThat(store.finish(a.id(), JobStatus.SUCCEEDED, "{}", null, null)).isFalse();
            assertThat(store.result(a.id())).isEmpty();
            assertThat(store.reachable()).isTrue();
        }
    }

    @org.junit.jupiter.api.Test
    void fileNamesNeverReachPaths() throws Exception {
        FileStore files = new FileStore(tmp.resolve("data"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> files.upload("../../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> files.pageImage("a/b", 1))
                .isInstanceOf(IllegalArgumentException.class);
        String id = UUID.randomUUID().toString();
        Path received = files.receive(new java.io.ByteArrayInputStream(new byte[100]), 50);
        assertThat(Files.size(received)).as("a body over the limit is cut just past it").isEqualTo(51);
        Path kept = files.keep(received, id);
        assertThat(kept).isEqualTo(tmp.resolve("data/uploads/" + id + ".bin"));
        files.delete(id);
        assertThat(kept).doesNotExist();
    }
}
