package com.digitalspiral.pipeline.it;

import com.digitalspiral.store.Database;
import com.digitalspiral.store.DbConfig;
import com.digitalspiral.store.verify.Verifier;
import java.time.Duration;

/** A fresh, migrated database of the machine's Postgres for one test, dropped (with its slots) afterwards. */
final class TestDatabase implements AutoCloseable {

    final DbConfig config;
    final String slot;
    private final Database db;

    TestDatabase(String name) throws Exception {
        String unique = name + "_" + Long.toString(System.nanoTime(), 36);
        this.config = DbConfig.fromEnv().withDatabase("spiral_it_" + unique);
        this.slot = "it_" + unique;
        this.db = new Database(config);
        db.drop();
        db.createIfMissing();
        db.migrate();
    }

    /** Compares with the reference views until equal or the time is up; returns the last report. */
    Verifier.Report awaitEqual(Duration within) throws Exception {
        Verifier v = new Verifier(config);
        long deadline = System.nanoTime() + within.toNanos();
        Verifier.Report r = v.compare(10);
        while (!r.equal() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            r = v.compare(10);
        }
        return r;
    }

    @Override
    public void close() throws Exception {
        // the job may still hold its slot for a moment after cancel
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
