package com.digitalspiral.store;

/**
 * A fresh, migrated database of the configured Postgres, dropped (with its slots) on close: for tests and
 * benchmarks that must not touch anyone's data.
 */
public final class ScratchDatabase implements AutoCloseable {

    private final DbConfig config;
    private final Database db;
    private final String suffix;

    public ScratchDatabase(String name) throws Exception {
        this.suffix = name + "_" + Long.toString(System.nanoTime(), 36);
        this.config = DbConfig.fromEnv().withDatabase("spiral_it_" + suffix);
        this.db = new Database(config);
        db.drop();
        db.createIfMissing();
        db.migrate();
    }

    public DbConfig config() {
        return config;
    }

    public Database database() {
        return db;
    }

    /** A name unique to this database, e.g. for its replication slot. */
    public String uniqueName() {
        return suffix;
    }

    @Override
    public void close() throws Exception {
        // a cancelled job may hold its slot, or a pool its connections, for a moment
        for (int i = 0; i < 20; i++) {
            try {
                db.drop();
                return;
            } catch (Exception e) {
                Thread.sleep(500);
            }
        }
        db.drop();
    }
}
