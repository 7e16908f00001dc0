package dev.readout.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The service configured for PostgreSQL ({@code readout.db.url}) against a real server: a document goes through and
 * its job and result rows are in PostgreSQL. Without a server this skips with a message, except under CI.
 */
@QuarkusTest
@TestProfile(PostgresServiceTest.OnPostgres.class)
class PostgresServiceTest {
    static final String URL = System.getenv().getOrDefault("READOUT_TEST_PG_URL", "jdbc:postgresql://localhost:55432/postgres");
    static final String USER = System.getenv().getOrDefault("READOUT_TEST_PG_USER", "postgres");
    static final String PASSWORD = System.getenv().getOrDefault("READOUT_TEST_PG_PASSWORD", "");

    static Connection connect(String url) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", PASSWORD);
        return new org.postgresql.Driver().connect(url, p);
    }

    /** A fresh schema on the test server; without a server, the embedded defaults and a flag that skips the test. */
    public static class OnPostgres implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String schema = "svc" + UUID.randomUUID().toString().replace("-", "");
            try (Connection c = connect(URL); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            } catch (SQLException e) {
                if ("1".equals(System.getenv("READOUT_CI"))) {
                    throw new IllegalStateException("CI must test the service on PostgreSQL, but " + URL + " answers: "
                            + e.getMessage(), e);
                }
                System.err.println("PostgresServiceTest: SKIPPED: no PostgreSQL server at " + URL
                        + " (run scripts/postgres-for-tests.sh): " + e.getMessage());
                return Map.of("readout.test.no-postgres", "true");
            }
            return Map.of("readout.db.url", URL + "?currentSchema=" + schema, "readout.db.user", USER,
                    "readout.db.password", PASSWORD);
        }
    }

    @Test
    void documentsAndResultsLiveInPostgres() throws Exception {
        assumeFalse(ConfigProvider.getConfig().getOptionalValue("readout.test.no-postgres", Boolean.class).orElse(false),
                "no PostgreSQL server");
        String url = ConfigProvider.getConfig().getValue("readout.db.url", String.class);
        assertThat(url).startsWith("jdbc:postgresql:");
        Response r = given().header("X-API-Key", ServiceTestResource.API_KEY).contentType("application/pdf")
                .body(Fixtures.bytes("invoice.pdf")).post("/v1/documents?wait=60s&filename=invoice.pdf");
        r.then().statusCode(200).body("status", equalTo("succeeded"));
        String id = r.path("id");
        given().header("X-API-Key", ServiceTestResource.API_KEY).get("/v1/documents/" + id + "/export?format=text").then()
                .statusCode(200);
        try (Connection c = connect(url);
             PreparedStatement ps = c.prepareStatement("SELECT j.status, length(r.document) FROM readout_jobs j"
                     + " JOIN readout_results r ON r.id = j.id WHERE j.id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("the job's rows are in PostgreSQL").isTrue();
                assertThat(rs.getString(1)).isEqualTo("SUCCEEDED");
                assertThat(rs.getInt(2)).isGreaterThan(10_000);
            }
        }
        given().header("X-API-Key", ServiceTestResource.API_KEY).delete("/v1/documents/" + id).then().statusCode(204);
        try (Connection c = connect(url); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM readout_jobs WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }
}
