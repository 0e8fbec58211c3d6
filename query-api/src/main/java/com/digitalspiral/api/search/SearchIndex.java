package com.digitalspiral.api.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search index the API keeps from Postgres, the store of record: one {@link TenantIndex} per tenant under
 * {@code dir}, following issue_embeddings by its change_seq. A notification on {@code spiral_search_changed}
 * (sent at the pipeline's commit) wakes the follower at once; it also looks every few seconds, since a
 * notification can be lost with a connection. Status, assignee and the other filter fields are read from the
 * issues as they are at that moment: the pipeline touches an issue's row whenever the issue changes.
 */
public final class SearchIndex implements AutoCloseable {

    public static final String CHANNEL = "spiral_search_changed";
    private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);
    /** Rows read per round trip while catching up. */
    private static final int BATCH = 2_000;
    /** How long the follower waits for a notification before it looks anyway. */
    private static final int POLL_MS = 3_000;
    /** How often applied changes are made durable (they are searchable at once). */
    private static final long COMMIT_EVERY_MS = 10_000;

    private static final String ROWS = """
            SELECT e.issue_id, e.tenant_id, e.change_seq, e.deleted OR i.id IS NULL, i.issue_key, i.summary, i.description,
                   p.project_key, i.issue_type, i.status, i.priority, i.assignee, i.jira_created_at, e.model, e.vector,
                   e.source_ts
            FROM issue_embeddings e
            LEFT JOIN issues i ON i.id = e.issue_id
            LEFT JOIN projects p ON p.id = i.project_id AND p.tenant_id = i.tenant_id
            WHERE e.change_seq > ?
            ORDER BY e.change_seq
            LIMIT ?""";

    private final Path dir;
    private final boolean temporary;
    private final java.nio.channels.FileLock ownerLock;
    private final Supplier<Connection> connect;
    private final Map<UUID, TenantIndex> tenants = new ConcurrentHashMap<>();
    private final Thread follower;
    private volatile boolean running = true;
    private volatile long followedSeq;
    private volatile long caughtUpAtMs;
    private volatile String lastError;

    /**
     * @param connect connections of the schema owner: the follower reads every tenant's rows and files each
     *     under its own tenant (searches then open only the caller's tenant's index)
     */
    public SearchIndex(Path wanted, Supplier<Connection> connect) throws IOException {
        this.connect = connect;
        Files.createDirectories(wanted);
        this.ownerLock = claim(wanted);
        if (ownerLock == null) {
            // another API process (or a rolling restart's other half) has this folder: never touch its files,
            // build a private index from Postgres instead
            this.dir = Files.createTempDirectory("spiral-search-");
            this.temporary = true;
            LOG.warn("the search index folder {} is in use by another API process; this one builds its own in {} "
                    + "(give each API process its own SPIRAL_SEARCH_DIR to keep indexes across restarts)", wanted, dir);
        } else {
            this.dir = wanted;
            this.temporary = false;
        }
        forgetIfAnotherDatabase(dir, connect);
        try (var listing = Files.list(dir)) {
            for (Path p : listing.toList()) {
                try {
                    UUID tenant = UUID.fromString(p.getFileName().toString());
                    tenants.put(tenant, new TenantIndex(p));
                } catch (IllegalArgumentException notATenant) {
                    // something else in the folder
                } catch (IOException broken) {
                    // the folder is this process's (it holds the owner lock): an index it cannot open is rebuilt
                    LOG.warn("search index of {} cannot be opened ({}); rebuilding it", p.getFileName(), broken.toString());
                    deleteTree(p);
                }
            }
        }
        // resume from the least advanced tenant; rows of tenants already past it are skipped by their own index
        this.followedSeq = tenants.values().stream().mapToLong(TenantIndex::appliedSeq).min().orElse(0);
        this.follower = new Thread(this::follow, "spiral-search-follower");
        this.follower.setDaemon(true);
    }

    public SearchIndex start() {
        follower.start();
        return this;
    }

    /** The tenant's index, or null when the tenant has no issue indexed yet. */
    TenantIndex of(UUID tenant) {
        return tenants.get(tenant);
    }

    /** The change_seq the follower has applied up to. */
    public long followedSeq() {
        return followedSeq;
    }

    /** When the follower last had nothing more to read (ms), 0 before it first caught up. */
    public long caughtUpAtMs() {
        return caughtUpAtMs;
    }

    /** What went wrong last while following, or null. */
    public String lastError() {
        return lastError;
    }

    /** Reads and applies everything after the followed change_seq; returns how many rows were applied. */
    public synchronized int catchUp() throws SQLException, IOException {
        int total = 0;
        try (Connection c = connect.get()) {
            total = catchUp(c);
        }
        return total;
    }

    private synchronized int catchUp(Connection c) throws SQLException, IOException {
        int total = 0;
        while (true) {
            List<IssueDoc> rows = read(c, followedSeq);
            if (rows.isEmpty()) {
                caughtUpAtMs = System.currentTimeMillis();
                return total;
            }
            Map<UUID, List<IssueDoc>> byTenant = new LinkedHashMap<>();
            for (IssueDoc d : rows) {
                byTenant.computeIfAbsent(d.tenantId(), t -> new ArrayList<>()).add(d);
            }
            for (Map.Entry<UUID, List<IssueDoc>> e : byTenant.entrySet()) {
                TenantIndex index = tenants.computeIfAbsent(e.getKey(), this::open);
                index.apply(e.getValue());
                index.refresh();
            }
            followedSeq = rows.get(rows.size() - 1).changeSeq();
            total += rows.size();
            if (rows.size() < BATCH) {
                caughtUpAtMs = System.currentTimeMillis();
                return total;
            }
        }
    }

    private TenantIndex open(UUID tenant) {
        try {
            return new TenantIndex(dir.resolve(tenant.toString()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<IssueDoc> read(Connection c, long after) throws SQLException {
        List<IssueDoc> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ROWS)) {
            ps.setQueryTimeout(60);
            ps.setLong(1, after);
            ps.setInt(2, BATCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp created = rs.getTimestamp(13);
                    out.add(new IssueDoc(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getLong(3),
                            rs.getBoolean(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                            created == null ? 0 : created.getTime(), rs.getString(14), vector(rs.getArray(15)),
                            rs.getTimestamp(16).getTime()));
                }
            }
        }
        return out;
    }

    private static float[] vector(Array a) throws SQLException {
        if (a == null) {
            return null;
        }
        Object raw = a.getArray();
        if (raw instanceof Float[] boxed) {
            float[] v = new float[boxed.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = boxed[i] == null ? 0f : boxed[i];
            }
            return v.length == 0 ? null : v;
        }
        if (raw instanceof float[] v) {
            return v.length == 0 ? null : v;
        }
        return null;
    }

    private void follow() {
        long lastCommit = System.currentTimeMillis();
        while (running) {
            try (Connection c = connect.get()) {
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                catchUp(c);
                lastError = null;
                while (running) {
                    PGNotification[] woke = pg.getNotifications(POLL_MS);
                    catchUp(c);
                    if (System.currentTimeMillis() - lastCommit > COMMIT_EVERY_MS) {
                        commitAll();
                        lastCommit = System.currentTimeMillis();
                    }
                    if (woke != null && woke.length > 0) {
                        // a burst of commits (a snapshot) sends many notifications: one catch-up reads them all
                        continue;
                    }
                }
            } catch (SQLException | IOException | RuntimeException e) {
                lastError = e.toString();
                if (running) {
                    LOG.warn("search index follower lost its connection, retrying: {}", e.toString());
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    private void commitAll() {
        try {
            Files.writeString(dir.resolve("followed-seq"), Long.toString(followedSeq));
        } catch (IOException e) {
            LOG.warn("could not note the followed change_seq: {}", e.toString());
        }
        for (TenantIndex t : tenants.values()) {
            try {
                t.commit();
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not commit a search index: {}", e.toString());
            }
        }
    }

    /**
     * An index on disk belongs to one database: a database dropped and created again (or restored) numbers its
     * changes from the start, so an index of the old one would never see them. Its identity (the cluster's
     * system identifier and the database's OID) is kept beside the index; on a mismatch the index is rebuilt.
     */
    private static void forgetIfAnotherDatabase(Path dir, Supplier<Connection> connect) throws IOException {
        String identity;
        boolean behind = false;
        try (Connection c = connect.get(); Statement st = c.createStatement();
             // the OID changes when a database is created again; the sequence shows a restore to an earlier point
             ResultSet rs = st.executeQuery("SELECT (SELECT oid FROM pg_database WHERE datname = current_database())::text, "
                     + "(SELECT last_value FROM issue_embeddings_change_seq)")) {
            rs.next();
            identity = rs.getString(1);
            long sequence = rs.getLong(2);
            Path seqFile = dir.resolve("followed-seq");
            long followed = Files.exists(seqFile) ? Long.parseLong(Files.readString(seqFile).strip()) : 0;
            behind = followed > sequence;
        } catch (SQLException | RuntimeException e) {
            LOG.warn("cannot read the database's identity ({}); keeping the search index as it is", e.toString());
            return;
        }
        Path file = dir.resolve("database-identity");
        String kept = Files.exists(file) ? Files.readString(file).strip() : null;
        if ((kept != null && !kept.equals(identity)) || behind) {
            LOG.info("the search index in {} was built from another database; rebuilding it", dir);
            try (var listing = Files.list(dir)) {
                listing.filter(p -> !p.getFileName().toString().equals("owner.lock")).forEach(SearchIndex::deleteTree);
            }
        }
        Files.writeString(file, identity);
    }

    private static void deleteTree(Path p) {
        try (var walk = Files.walk(p)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", p, e.toString());
        }
    }

    /** An exclusive lock on the folder for this process, or null when another holds it. */
    private static java.nio.channels.FileLock claim(Path dir) throws IOException {
        java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(dir.resolve("owner.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        try {
            java.nio.channels.FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
            }
            return lock;
        } catch (java.nio.channels.OverlappingFileLockException sameProcess) {
            channel.close();
            return null;
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        follower.interrupt();
        follower.join(3_000);
        for (TenantIndex t : tenants.values()) {
            try {
                t.close();
            } catch (IOException | RuntimeException e) {
                // the index is rebuilt from Postgres when it cannot be read back: closing must not fail the shutdown
                LOG.warn("could not close a search index cleanly: {}", e.toString());
            }
        }
        if (ownerLock != null) {
            ownerLock.release();
            ownerLock.channel().close();
        }
        if (temporary) {
            deleteTree(dir);
        }
    }
}
