package com.digitalspiral.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/** Creates the database, applies the migrations in sql/ and checks what change data capture needs. */
public final class Database {

    private final DbConfig config;

    public Database(DbConfig config) {
        this.config = config;
    }

    /** Creates the configured database when it does not exist yet; returns true when it did so. */
    public boolean createIfMissing() throws SQLException {
        String name = config.database();
        try (Connection admin = config.withDatabase("postgres").connect();
             PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
            try (Statement st = admin.createStatement()) {
                st.execute("CREATE DATABASE " + quoteIdentifier(name));
            }
            return true;
        }
    }

    /** Applies every pending migration of sql/migrations; returns how many were applied. */
    public int migrate() {
        return Flyway.configure()
                .dataSource(config.jdbcUrl(), config.user(), config.password())
                .locations("classpath:db/migrations")
                .load()
                .migrate()
                .migrationsExecuted;
    }

    public String walLevel() throws SQLException {
        try (Connection c = config.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW wal_level")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * Empties the Jira tables, the maintained tables, and the API keys and jobs (bound to tenants that are gone).
     * A reset starts every pipeline over, so the captured tables are truncated outright, not row by row as the
     * truncate triggers would otherwise do for the change stream (V11).
     */
    public void truncateAll() throws SQLException {
        try (Connection c = config.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SET LOCAL spiral.truncate_for_reset = 'on'");
            st.execute("TRUNCATE tenants, jira_instances, projects, issues, sprints, sprint_issues, comments, changelogs, "
                    + "sprint_stats, issue_stats, pipeline_dead_letters, api_keys, analytics_jobs");
            c.commit();
        }
    }

    /** Empties the maintained tables, for a pipeline that starts over from a snapshot. */
    public void truncateMaintained() throws SQLException {
        try (Connection c = config.connect(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE sprint_stats, issue_stats");
        }
        retireOrphanEmbeddings();
    }

    /**
     * Vectors are kept across a fresh snapshot (it re-embeds only changed text), but those of issues deleted while
     * no pipeline ran (or before a killed first attempt's checkpoint) would never be deleted by a change event:
     * they become tombstones the search index sees. Returns how many.
     */
    public int retireOrphanEmbeddings() throws SQLException {
        try (Connection c = config.connect(); Statement st = c.createStatement()) {
            return st.executeUpdate("UPDATE issue_embeddings e SET deleted = true, vector = NULL, text_hash = NULL, "
                    + "change_seq = nextval('issue_embeddings_change_seq'), refreshed_at = clock_timestamp() "
                    + "WHERE NOT e.deleted AND NOT EXISTS (SELECT 1 FROM issues i WHERE i.id = e.issue_id)");
        }
    }

    /**
     * A pipeline that starts from a snapshot (no checkpoint: a first start, or a restart after a kill before the
     * first checkpoint completed or during the snapshot) recomputes every issue and sprint that exists, but rows an
     * earlier attempt wrote for issues and sprints deleted since would never see a delete event: they are removed
     * here, before the job starts. Returns how many rows went.
     */
    public int removeOrphanStats() throws SQLException {
        try (Connection c = config.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            int issues = st.executeUpdate("DELETE FROM issue_stats s WHERE NOT EXISTS (SELECT 1 FROM issues i WHERE i.id = s.issue_id)");
            int sprints = st.executeUpdate("DELETE FROM sprint_stats s WHERE NOT EXISTS (SELECT 1 FROM sprints p WHERE p.id = s.sprint_id)");
            c.commit();
            return issues + sprints;
        }
    }

    /**
     * Fills the maintained tables from the batch reference views, as a finished bootstrap would: for tests and
     * benchmarks of what reads the figures, without running the pipeline.
     */
    public void materializeReference() throws SQLException {
        try (Connection c = config.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("TRUNCATE sprint_stats, issue_stats");
            st.execute("INSERT INTO sprint_stats SELECT *, clock_timestamp(), clock_timestamp() FROM ref_sprint_stats");
            st.execute("INSERT INTO issue_stats SELECT *, clock_timestamp(), clock_timestamp() FROM ref_issue_stats");
            c.commit();
        }
    }

    /** Drops a replication slot of this database; false when there is none. Fails while a job uses it. */
    public boolean dropSlot(String slot) throws SQLException {
        try (Connection c = config.connect();
             PreparedStatement active = c.prepareStatement("SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
            active.setString(1, slot);
            try (ResultSet rs = active.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                if (rs.getBoolean(1)) {
                    throw new IllegalStateException("replication slot " + slot + " is in use: stop the pipeline first");
                }
            }
            try (PreparedStatement drop = c.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
                drop.setString(1, slot);
                drop.execute();
            }
            return true;
        }
    }

    /** Drops the database; for tests and --reset. Active connections are terminated first. */
    public void drop() throws SQLException {
        String name = config.database();
        try (Connection admin = config.withDatabase("postgres").connect()) {
            try (PreparedStatement slots = admin.prepareStatement(
                    "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = ? AND NOT active")) {
                slots.setString(1, name);
                slots.execute();
            }
            try (PreparedStatement kill = admin.prepareStatement(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                kill.setString(1, name);
                kill.execute();
            }
            try (Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + quoteIdentifier(name));
            }
        }
    }

    static String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
