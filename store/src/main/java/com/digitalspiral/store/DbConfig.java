package com.digitalspiral.store;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/** Where the project's Postgres database is, read from flags or the SPIRAL_* environment. */
public record DbConfig(String jdbcUrl, String user, String password) implements java.io.Serializable {

    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/spiral";

    public static DbConfig fromEnv() {
        return fromEnv(System.getenv());
    }

    public static DbConfig fromEnv(Map<String, String> env) {
        return new DbConfig(
                env.getOrDefault("SPIRAL_JDBC_URL", DEFAULT_URL),
                env.getOrDefault("SPIRAL_DB_USER", "postgres"),
                env.getOrDefault("SPIRAL_DB_PASSWORD", ""));
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    public DbConfig withDatabase(String database) {
        return new DbConfig(jdbcUrlFor(database), user, password);
    }

    /** The database name in the JDBC URL, e.g. {@code spiral}. */
    public String database() {
        URI uri = uri();
        String path = uri.getPath();
        return path.startsWith("/") ? path.substring(1) : path;
    }

    public String host() {
        return uri().getHost();
    }

    public int port() {
        int port = uri().getPort();
        return port < 0 ? 5432 : port;
    }

    private String jdbcUrlFor(String database) {
        URI uri = uri();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return "jdbc:postgresql://" + uri.getHost() + ":" + port() + "/" + database + query;
    }

    private URI uri() {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("SPIRAL_JDBC_URL must look like jdbc:postgresql://host:port/db, got " + jdbcUrl);
        }
        return URI.create(jdbcUrl.substring("jdbc:".length()));
    }
}
