package com.digitalspiral.pipeline;

import com.digitalspiral.store.DbConfig;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * What a run's checkpoints were taken against: the Postgres cluster (its system identifier), the database (its
 * OID, which a dropped and re-created or restored database does not keep) and the replication slot. Kept next to
 * the checkpoints, so that a pipeline never resumes positions of one database against another one.
 */
public record SourceIdentity(String systemId, long databaseOid, String database, String slot) {

    private static final String FILE = "source-identity";

    /** The identity of the database the pipeline is configured for now. */
    public static SourceIdentity of(DbConfig db, String slot) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT (SELECT system_identifier::text FROM pg_control_system()), oid, datname FROM pg_database "
                        + "WHERE datname = current_database()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new SourceIdentity(rs.getString(1), rs.getLong(2), rs.getString(3), slot);
        }
    }

    /** Whether the slot the checkpoints' positions belong to still exists. */
    public static boolean slotExists(DbConfig db, String slot) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM pg_replication_slots WHERE slot_name = ? AND database = current_database()")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public static Optional<SourceIdentity> recorded(Path checkpointDir) throws IOException {
        Path file = checkpointDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file)));
        return Optional.of(new SourceIdentity(p.getProperty("system_identifier"), Long.parseLong(p.getProperty("database_oid")),
                p.getProperty("database"), p.getProperty("slot")));
    }

    public void record(Path checkpointDir) throws IOException {
        Files.createDirectories(checkpointDir);
        Files.writeString(checkpointDir.resolve(FILE), "# what these checkpoints were taken against\n"
                + "system_identifier=" + systemId + "\ndatabase_oid=" + databaseOid + "\ndatabase=" + database + "\nslot=" + slot + "\n");
    }

    /** Same cluster and the same database, not one re-created or restored under its name. */
    public boolean sameDatabase(SourceIdentity other) {
        return systemId.equals(other.systemId) && databaseOid == other.databaseOid;
    }

    @Override
    public String toString() {
        return "database " + database + " (OID " + databaseOid + ") of the cluster " + systemId;
    }
}
