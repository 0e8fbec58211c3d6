package com.digitalspiral.pipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.digitalspiral.pipeline.PipelineRunner;
import com.digitalspiral.pipeline.PipelineSettings;
import com.digitalspiral.store.ScratchDatabase;
import com.digitalspiral.store.demo.DemoGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;

/**
 * The Jira tables stay idle while another database of the same cluster writes about a gigabyte of WAL: the
 * pipeline's slot must keep a bounded window of it (its heartbeats and checkpoints move the confirmed position
 * on), not everything written since the tables went idle.
 */
class IdleWalIT {

    @Test
    void aSlotOfIdleJiraTablesDoesNotKeepTheWalOfAnotherBusyDatabase() throws Exception {
        try (TestDatabase db = new TestDatabase("idlewal"); ScratchDatabase busy = new ScratchDatabase("busywal")) {
            new DemoGenerator(db.config).generate(
                    new DemoGenerator.Options(12, 1, 300, Instant.parse("2026-11-16T00:00:00Z")), n -> {});
            PipelineSettings s = db.settings().withParallelism(1);
            JobClient job = PipelineRunner.start(s);
            try {
                assertThat(db.awaitEqual(Duration.ofSeconds(120)).shown()).isEmpty();
                // another database writes for 90 s; what the slot keeps is sampled meanwhile, not after
                long written;
                long worst = 0;
                try (Connection c = busy.config().connect(); Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE junk (x text)");
                    long start = lsn(c);
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                    long settled = System.nanoTime() + TimeUnit.SECONDS.toNanos(40); // heartbeats and checkpoints had time
                    while (System.nanoTime() < end) {
                        st.execute("INSERT INTO junk SELECT md5(g::text) || repeat('x', 900) FROM generate_series(1, 10000) g");
                        st.execute("TRUNCATE junk");
                        Thread.sleep(500); // about 20 MB of WAL a second: busy, without filling this machine's disk
                        if (System.nanoTime() > settled) {
                            worst = Math.max(worst, retained(db));
                        }

                    }
                    written = lsn(c) - start;
                }
                System.out.printf("another database wrote %d MB of WAL in 90 s; while it wrote, the idle pipeline's slot kept"
                        + " at most %d MB (last 50 s), %d MB unconfirmed at the end%n", written >> 20, worst >> 20, unconfirmed(db) >> 20);
                assertThat(written).isGreaterThan(800L << 20);
                // a slot that confirmed nothing would keep all 90 s of it; confirmed at heartbeats and checkpoints, it keeps
                // what Postgres needs to restart decoding (running-transaction records every 15 s, heartbeats every 10 s):
                // a window of 25 to 40 s seen here, whatever the length of the writes
                assertThat(worst).as("WAL the slot keeps while another database writes").isLessThan(written * 55 / 90);
            } finally {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static long lsn(Connection c) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** WAL the slot keeps (from its restart position) to the current position. */
    private static long retained(TestDatabase db) throws Exception {
        return behind(db, "restart_lsn");
    }

    /** WAL written since the position the pipeline last confirmed. */
    private static long unconfirmed(TestDatabase db) throws Exception {
        return behind(db, "confirmed_flush_lsn");
    }

    private static long behind(TestDatabase db, String position) throws Exception {
        try (Connection c = db.config.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), " + position + ") FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, db.slot);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("the slot exists").isTrue();
                return rs.getLong(1);
            }
        }
    }
}
