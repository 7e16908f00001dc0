package dev.readout.api.store;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
* A small JDBC connection pool: the driver is chosen by the URL at run time
 * ({@code jdbc:h2:file:…} or {@code jdbc:postgresql://…}), which Quarkus's build-time data sources cannot do.
 * At most {@code size} idle connections are kept; a borrowed connection that fails validation is replaced.
 * Thread-safe; owns its connections.
 */
public final class Db implements AutoCloseable {
    private final String url;
    private final String user;
    private final String password;
    private final BlockingQueue<Connection> idle;

    public Db(String url, String user, String password, int size) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.idle = new ArrayBlockingQueue<>(Math.max(1, size));
    }

    public String url() {
        return url;
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /** A connection in auto-commit mode; give it back with {@link #release}. */
    public Connection borrow() throws SQLException {
        Connection c;
        while ((c = idle.poll()) != null) {
            if (c.isValid(2)) {
                return c;
            }
            closeQuietly(c);
        }
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        Connection fresh = driver().connect(url, props);
        if (fresh == null) {
            throw new SQLException("no JDBC driver takes " + url + " (use jdbc:h2:… or jdbc:postgresql:…)");
        }
        return fresh;
    }

    /**
     * The driver for the URL, made directly: {@link DriverManager} only offers drivers visible from the caller's
     * class loader, which differs between Quarkus and plain code in one JVM.
     */
    private Driver driver() throws SQLException {
        if (url.startsWith("jdbc:h2:")) {
            return new org.h2.Driver();
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return new org.postgresql.Driver();
        }
        return DriverManager.getDriver(url);
    }

    public void release(Connection c) {
        try {
            if (c.isClosed()) {
                return;
            }
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            closeQuietly(c);
            return;
        }
        if (!idle.offer(c)) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // already broken: nothing to do
        }
    }

    @Override
    public void close() {
        Connection c;
        while ((c = idle.poll()) != null) {
            closeQuietly(c);
        }
    }
}
