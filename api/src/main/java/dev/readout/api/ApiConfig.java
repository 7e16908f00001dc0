package dev.readout.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The service's settings ({@code readout.*} in application.properties, or {@code READOUT_*} environment variables). */
@ConfigMapping(prefix = "readout")
public interface ApiConfig {

    /** Folder for the embedded database, uploads and page images. */
    @WithDefault("${user.home}/.readout/data")
    String dataDir();

    Database db();

    Limits limits();

    Jobs jobs();

    /** API keys accepted in {@code X-API-Key} (or {@code Authorization: Bearer …}); none configured: /v1 is open. */
    Optional<List<String>> apiKeys();

    interface Database {
        /** JDBC URL; empty: an H2 file database in the data folder. PostgreSQL: {@code jdbc:postgresql://host/db}. */
        Optional<String> url();

        @WithDefault("sa")
        String user();

        Optional<String> password();

        @WithDefault("8")
        int poolSize();
    }

    interface Limits {
        /** Largest upload accepted, in bytes. */
        @WithDefault("52428800")
        long maxUploadBytes();

        @WithDefault("500")
        int maxPages();

        /** Largest page image (width × height), checked from headers before decoding. */
        @WithDefault("100000000")
        long maxPixels();

        @WithDefault("600")
        int maxDpi();

        /** Longest {@code ?wait=} a client may ask for. */
        @WithDefault("120s")
        Duration maxWait();
    }

    interface Jobs {
        /** Documents processed at the same time. */
        @WithDefault("2")
        int concurrency();

        /** Pages of one document processed in parallel (the pipeline's workers); 0: all cores. */
        @WithDefault("0")
        int pageWorkers();

        /** Documents waiting beyond those running; uploads beyond it get 429. */
        @WithDefault("16")
        int queueCapacity();

        /** Per-document processing timeout. */
        @WithDefault("300s")
        Duration timeout();

        /** A job interrupted by a crash is started again at most this many times in all, then marked failed. */
        @WithDefault("2")
        int maxAttempts();
    }
}
