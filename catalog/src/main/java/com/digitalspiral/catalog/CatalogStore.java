package com.digitalspiral.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog's rows in the {@code metrics_catalog} table. {@link #seed} is idempotent and keeps history:
 * a metric whose computation changed gets a new row under its new version and the old row stays, no longer
 * current; a changed computation ({@link MetricDef#semantics()}) under an unchanged version is refused, so
 * a version always names one computation. Wording (display name, description, synonyms) and flags are
 * updated in place.
 */
public final class CatalogStore {

    private static final long SEED_LOCK = 0x5350_4952_414cL; // "SPIRAL": one seeder at a time
    private static final ObjectMapper READER = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** One stored version of a metric. */
    public record Version(String name, String version, String checksum, boolean current, boolean deprecated,
                          Instant createdAt) {}

    /** What a seed run did. */
    public record SeedResult(int inserted, int unchanged, int retired) {}

    private CatalogStore() {}

    public static SeedResult seed(Catalog catalog, Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(" + SEED_LOCK + ")");
            }
            int inserted = 0;
            int unchanged = 0;
            for (MetricDef m : catalog.metrics()) {
                String definition = json(m);
                String checksum = Catalog.sha256(json(m.semantics()));
                String existing = storedSemantics(c, m);
                if (existing != null && !existing.equals(json(m.semantics()))) {
                    throw new IllegalStateException("metric " + m.name() + " changed but its version " + m.version()
                            + " did not: bump its version in metrics_catalog.json");
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE metrics_catalog SET is_current = false, updated_at = now() WHERE name = ? AND version <> ? AND is_current")) {
                    ps.setString(1, m.name());
                    ps.setString(2, m.version());
                    ps.executeUpdate();
                }
                if (existing != null) {
                    refresh(c, m, definition);
                    unchanged++;
                    continue;
                }
                insert(c, m, definition, checksum);
                inserted++;
            }
            int retired;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE metrics_catalog SET is_current = false, updated_at = now() WHERE is_current AND NOT (name = ANY(?))")) {
                ps.setArray(1, c.createArrayOf("text", catalog.metricNames().toArray()));
                retired = ps.executeUpdate();
            }
            c.commit();
            return new SeedResult(inserted, unchanged, retired);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static void insert(Connection c, MetricDef m, String definition, String checksum) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO metrics_catalog (name, display_name, description, category, unit, sql_template,
                    dependencies, weights, dimensions, synonyms, definition, checksum, version, deprecated, tested, is_current)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?, true)""")) {
            int i = 1;
            ps.setString(i++, m.name());
            ps.setString(i++, m.displayName());
            ps.setString(i++, m.description());
            ps.setString(i++, m.category());
            ps.setString(i++, m.unit());
            ps.setString(i++, m.sql());
            ps.setString(i++, json(m.dependencies()));
            ps.setString(i++, json(m.weights()));
            ps.setString(i++, json(m.defaultDimensions()));
            ps.setString(i++, json(m.synonyms()));
            ps.setString(i++, definition);
            ps.setString(i++, checksum);
            ps.setString(i++, m.version());
            ps.setBoolean(i++, m.deprecated());
            ps.setBoolean(i, m.tested());
            ps.executeUpdate();
        }
    }

    /** The semantics of the stored row of this metric's version, as JSON; null when there is none. */
    private static String storedSemantics(Connection c, MetricDef m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT definition FROM metrics_catalog WHERE name = ? AND version = ?")) {
            ps.setString(1, m.name());
            ps.setString(2, m.version());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return json(READER.readValue(rs.getString(1), MetricDef.class).semantics());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored definition of " + m.name() + " " + m.version() + " is unreadable", e);
            }
        }
    }

    /** Brings a stored version's wording and flags up to date (and makes it current). */
    private static void refresh(Connection c, MetricDef m, String definition) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE metrics_catalog SET is_current = true, display_name = ?, description = ?, synonyms = ?::jsonb,
                    definition = ?::jsonb, checksum = ?, deprecated = ?, tested = ?, updated_at = now()
                WHERE name = ? AND version = ? AND (NOT is_current OR definition <> ?::jsonb)""")) {
            int i = 1;
            ps.setString(i++, m.displayName());
            ps.setString(i++, m.description());
            ps.setString(i++, json(m.synonyms()));
            ps.setString(i++, definition);
            ps.setString(i++, Catalog.sha256(json(m.semantics())));
            ps.setBoolean(i++, m.deprecated());
            ps.setBoolean(i++, m.tested());
            ps.setString(i++, m.name());
            ps.setString(i++, m.version());
            ps.setString(i, definition);
            ps.executeUpdate();
        }
    }

    /** Every stored version of a metric, newest first. */
    public static List<Version> versions(Connection c, String name) throws SQLException {
        List<Version> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT name, version, checksum, is_current, deprecated, created_at FROM metrics_catalog
                WHERE name = ? ORDER BY created_at DESC, version DESC""")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp created = rs.getTimestamp(6);
                    out.add(new Version(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                            rs.getBoolean(5), created.toInstant()));
                }
            }
        }
        return out;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
