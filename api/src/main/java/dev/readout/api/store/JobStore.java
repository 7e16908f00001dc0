package dev.readout.api.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Jobs and their results in a relational database (plain SQL that H2 and PostgreSQL both take). The schema is
 * created when missing. Thread-safe: every call borrows its own connection from the {@link Db} it is given
 * (which the caller owns).
 */
public final class JobStore {
    private static final String COLUMNS = "id, status, name, media_type, bytes, options, pages_done, pages_total, attempts,"
            + " error_code, error_message, created_at, started_at, finished_at";

    private final Db db;

    public JobStore(Db db) {
        this.db = db;
        migrate();
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T with(Work<T> work) {
        Connection c = null;
        try {
            c = db.borrow();
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        } finally {
            if (c != null) {
                db.release(c);
            }
        }
    }

    private void migrate() {
        with(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS readout_jobs (id VARCHAR(36) PRIMARY KEY, status VARCHAR(16) NOT NULL,"
                        + " name VARCHAR(512), media_type VARCHAR(100), bytes BIGINT NOT NULL, options VARCHAR(4000) NOT NULL,"
                        + " pages_done INT NOT NULL, pages_total INT NOT NULL, attempts INT NOT NULL,"
                        + " error_code VARCHAR(64), error_message VARCHAR(4000),"
                        + " created_at BIGINT NOT NULL, started_at BIGINT, finished_at BIGINT)");
                s.execute("CREATE INDEX IF NOT EXISTS readout_jobs_status ON readout_jobs (status)");
                s.execute("CREATE INDEX IF NOT EXISTS readout_jobs_created ON readout_jobs (created_at)");
                s.execute("CREATE TABLE IF NOT EXISTS readout_results (id VARCHAR(36) PRIMARY KEY, document TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS readout_invoices (id VARCHAR(36) PRIMARY KEY, invoice TEXT NOT NULL)");
            }
            return null;
        });
    }

    public void insert(Job j) {
        with(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO readout_jobs (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, j.id());
                ps.setString(2, j.status().name());
                ps.setString(3, truncate(j.name(), 512));
                ps.setString(4, j.mediaType());
                ps.setLong(5, j.bytes());
                ps.setString(6, j.optionsJson());
                ps.setInt(7, j.pagesDone());
                ps.setInt(8, j.pagesTotal());
                ps.setInt(9, j.attempts());
                ps.setString(10, j.errorCode());
                ps.setString(11, truncate(j.errorMessage(), 4000));
                ps.setLong(12, j.createdAt().toEpochMilli());
                setInstant(ps, 13, j.startedAt());
                setInstant(ps, 14, j.finishedAt());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<Job> find(String id) {
        return with(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM readout_jobs WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Newest first. */
    public List<Job> list(int offset, int limit) {
        return with(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM readout_jobs ORDER BY created_at DESC, id LIMIT ? OFFSET ?")) {
                ps.setInt(1, limit);
                ps.setInt(2, offset);
                return readAll(ps);
            }
        });
    }

    public long count() {
        return with(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM readout_jobs")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Jobs that were queued or running, oldest first: after a restart these were interrupted. */
    public List<Job> unfinished() {
        return with(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM readout_jobs WHERE status IN ('QUEUED', 'RUNNING') ORDER BY created_at, id")) {
                return readAll(ps);
            }
        });
    }

    /** Marks a job running and counts the attempt. */
    public void started(String id, int pagesTotal) {
        update("UPDATE readout_jobs SET status = 'RUNNING', attempts = attempts + 1, started_at = ?, pages_done = 0,"
                + " pages_total = ? WHERE id = ?", System.currentTimeMillis(), pagesTotal, id);
    }

    public void progress(String id, int done, int total) {
        update("UPDATE readout_jobs SET pages_done = ?, pages_total = ? WHERE id = ?", done, total, id);
    }

    /** Puts an interrupted job back in the queue (status only; the attempt count stays). */
    public void requeue(String id) {
        update("UPDATE readout_jobs SET status = 'QUEUED', pages_done = 0 WHERE id = ?", id);
    }

    /**
     * Stores the result and the final status in one transaction; false (and nothing stored) when the job was
     * deleted meanwhile.
     */
    public boolean finish(String id, JobStatus status, String documentJson, String errorCode, String errorMessage) {
        return finish(id, status, documentJson, null, errorCode, errorMessage);
    }

    /** As {@link #finish(String, JobStatus, String, String, String)}, with the invoice fields (JSON) when asked for. */
    public boolean finish(String id, JobStatus status, String documentJson, String invoiceJson, String errorCode,
                          String errorMessage) {
        return with(c -> {
            c.setAutoCommit(false);
            try (PreparedStatement up = c.prepareStatement("UPDATE readout_jobs SET status = ?, error_code = ?,"
                         + " error_message = ?, finished_at = ? WHERE id = ?")) {
                up.setString(1, status.name());
                up.setString(2, errorCode);
                up.setString(3, truncate(errorMessage, 4000));
                up.setLong(4, System.currentTimeMillis());
                up.setString(5, id);
                if (up.executeUpdate() == 0) {
                    c.rollback();
                    return false;
                }
                replace(c, "readout_results", "document", id, documentJson);
                replace(c, "readout_invoices", "invoice", id, invoiceJson);
                c.commit();
                return true;
            }
        });
    }

    /** Replaces (or, with a null value, removes) a job's row in one of the result tables. */
    private static void replace(Connection c, String table, String column, String id, String value) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            del.setString(1, id);
            del.executeUpdate();
        }
        if (value != null) {
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + table + " (id, " + column + ") VALUES (?, ?)")) {
                ins.setString(1, id);
                ins.setString(2, value);
                ins.executeUpdate();
            }
        }
    }

    public boolean fail(String id, String code, String message) {
        return finish(id, JobStatus.FAILED, null, code, message);
    }

    /** The result document JSON, when processing produced one. */
    public Optional<String> result(String id) {
        return text("SELECT document FROM readout_results WHERE id = ?", id);
    }

    /** The invoice fields JSON, when they were asked for and the document was processed. */
    public Optional<String> invoice(String id) {
        return text("SELECT invoice FROM readout_invoices WHERE id = ?", id);
    }

    private Optional<String> text(String sql, String id) {
        return with(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Removes a job and its result; false when there was none. */
    public boolean delete(String id) {
        return with(c -> {
            c.setAutoCommit(false);
            try (PreparedStatement r = c.prepareStatement("DELETE FROM readout_results WHERE id = ?");
                 PreparedStatement i = c.prepareStatement("DELETE FROM readout_invoices WHERE id = ?");
                 PreparedStatement j = c.prepareStatement("DELETE FROM readout_jobs WHERE id = ?")) {
                r.setString(1, id);
                r.executeUpdate();
                i.setString(1, id);
                i.executeUpdate();
                j.setString(1, id);
                int n = j.executeUpdate();
                c.commit();
                return n > 0;
            }
        });
    }

    /** Whether the database answers (for the readiness check). */
    public boolean reachable() {
        try {
            return with(c -> c.isValid(2));
        } catch (StoreException e) {
            return false;
        }
    }

    private void update(String sql, Object... args) {
        with(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static List<Job> readAll(PreparedStatement ps) throws SQLException {
        List<Job> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(read(rs));
            }
        }
        return out;
    }

    private static Job read(ResultSet rs) throws SQLException {
        return new Job(rs.getString(1), JobStatus.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getString(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getString(10), rs.getString(11),
                instant(rs, 12), instant(rs, 13), instant(rs, 14));
    }

    private static Instant instant(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static void setInstant(PreparedStatement ps, int col, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(col, Types.BIGINT);
        } else {
            ps.setLong(col, t.toEpochMilli());
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** A database failure (unreachable server, full disk). */
    public static final class StoreException extends RuntimeException {
        public StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
