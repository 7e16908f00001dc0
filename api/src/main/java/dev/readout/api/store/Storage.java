package dev.readout.api.store;

import dev.readout.api.ApiConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Opens the database and the data folder from the configuration: an H2 file database inside the data folder
 * unless {@code readout.db.url} names another (PostgreSQL). Owns the connection pool.
 */
@ApplicationScoped
public class Storage {
    private static final Logger LOG = Logger.getLogger(Storage.class);

    private final Db db;
    private final JobStore jobs;
    private final FileStore files;

    @Inject
    public Storage(ApiConfig config) {
        Path data = Path.of(config.dataDir()).toAbsolutePath().normalize();
        this.files = new FileStore(data);
        // WRITE_DELAY=0: H2 writes each commit to the file at once instead of up to half a second later, so a job
        // accepted (202) is on disk even if the process is killed right after (CrashRecoveryIT)
        String url = config.db().url().filter(u -> !u.isBlank())
                .orElse("jdbc:h2:file:" + data.resolve("readout") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        this.db = new Db(url, config.db().user(), config.db().password().orElse(""), config.db().poolSize());
        this.jobs = new JobStore(db);
        LOG.infof("Readout data in %s, database %s", data, url.replaceAll("password=[^;&]*", "password=…"));
    }

    public JobStore jobs() {
        return jobs;
    }

    public FileStore files() {
        return files;
    }

    void stop(@Observes ShutdownEvent event) {
        db.close();
    }
}
