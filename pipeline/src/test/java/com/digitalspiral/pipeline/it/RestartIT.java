package com.digitalspiral.pipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.digitalspiral.pipeline.Checkpoints;
import com.digitalspiral.pipeline.PipelineMain;
import com.digitalspiral.store.demo.ChangeMaker;
import com.digitalspiral.store.demo.DemoGenerator;
import com.digitalspiral.store.verify.Verifier;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the pipeline's process in the middle of a stream of changes, more changes while it is down,
 * then a new process: it must resume from the last checkpoint (no new snapshot) and end up equal to the
 * reference, nothing lost and nothing doubled.
 */
class RestartIT {

    @Test
    void aKilledPipelineResumesFromItsCheckpointAndCatchesUp() throws Exception {
        try (TestDatabase db = new TestDatabase("restart")) {
            new DemoGenerator(db.config).generate(
                    new DemoGenerator.Options(5, 2, 3000, Instant.parse("2026-11-16T00:00:00Z")), n -> {});
            Path dir = Files.createTempDirectory("spiral-restart");
            Path checkpoints = dir.resolve("checkpoints");

            Process first = startPipeline(db, checkpoints, dir.resolve("first.log"));
            Process second = null;
            try {
                assertThat(db.awaitEqual(Duration.ofSeconds(120)).shown()).as("after the snapshot").isEmpty();
                try (ChangeMaker changes = new ChangeMaker(db.config, 99)) {
                    for (int i = 0; i < 600; i++) {
                        changes.next();
                    }
                    awaitCheckpoint(checkpoints);
                    // mid-stream: the job is still working through these when it dies
                    for (int i = 0; i < 300; i++) {
                        changes.next();
                    }
                    first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                    for (int i = 0; i < 600; i++) {
                        changes.next();
                    }
                }
                Instant restarted = Instant.now();
                second = startPipeline(db, checkpoints, dir.resolve("second.log"));

                Verifier.Report after = db.awaitEqual(Duration.ofSeconds(120));
                assertThat(after.shown()).as("after the restart").isEmpty();
                assertThat(Files.readString(dir.resolve("second.log"))).contains("resuming from");
                // restored state: rows nothing touched while down are not written again (a fresh snapshot would
                // rewrite them all; the ~1,500 changes since the checkpoint touch at most a quarter of 3,000 issues)
                assertThat(rewrittenSince(db, restarted)).isLessThan(after.issueRows() / 2);
            } finally {
                first.destroyForcibly();
                if (second != null) {
                    second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    @Test
    void aPipelineKilledDuringItsSnapshotBeforeAnyCheckpointLeavesNoRowOfIssuesDeletedWhileItWasDown() throws Exception {
        killedBeforeTheFirstCheckpoint("restartsnap", true);
    }

    @Test
    void aPipelineKilledAfterItsSnapshotButBeforeAnyCheckpointLeavesNoRowOfIssuesDeletedWhileItWasDown() throws Exception {
        killedBeforeTheFirstCheckpoint("restartpost", false);
    }

    private void killedBeforeTheFirstCheckpoint(String name, boolean midSnapshot) throws Exception {
        try (TestDatabase db = new TestDatabase(name)) {
            new DemoGenerator(db.config).generate(
                    new DemoGenerator.Options(6, 2, 3000, Instant.parse("2026-11-16T00:00:00Z")), n -> {});
            Path dir = Files.createTempDirectory("spiral-" + name);
            Path checkpoints = dir.resolve("checkpoints");
            // no checkpoint can complete: the kill lands before the first one, in the middle of the snapshot or after it
            Process first = startPipeline(db, checkpoints, dir.resolve("first.log"), 600_000);
            Process second = null;
            try {
                if (midSnapshot) {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                    while (count(db, "SELECT count(*) FROM issue_stats") < 300 && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                } else {
                    assertThat(db.awaitEqual(Duration.ofSeconds(120)).shown()).as("the snapshot completed").isEmpty();
                }
                first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                long written = count(db, "SELECT count(*) FROM issue_stats");
                assertThat(written).as(midSnapshot ? "killed mid-snapshot" : "killed after the snapshot")
                        .isBetween(300L, midSnapshot ? 2999L : 3000L);
                assertThat(Checkpoints.latest(checkpoints)).as("before any checkpoint").isEmpty();
                // while it is down: issues it had already written are deleted, and others change
                long deleted = count(db, "WITH gone AS (DELETE FROM issues WHERE id IN "
                        + "(SELECT issue_id FROM issue_stats ORDER BY issue_id LIMIT 25) RETURNING 1) SELECT count(*) FROM gone");
                assertThat(deleted).isEqualTo(25);
                try (ChangeMaker changes = new ChangeMaker(db.config, 7)) {
                    for (int i = 0; i < 300; i++) {
                        changes.next();
                    }
                }
                second = startPipeline(db, checkpoints, dir.resolve("second.log"), 1000);
                Verifier.Report after = db.awaitEqual(Duration.ofSeconds(120));
                assertThat(after.shown()).as("after a restart from a new snapshot").isEmpty();
                assertThat(Files.readString(dir.resolve("second.log"))).contains("no checkpoint");
            } finally {
                first.destroyForcibly();
                if (second != null) {
                    second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static long count(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.config.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Process startPipeline(TestDatabase db, Path checkpoints, Path log) throws Exception {
        return startPipeline(db, checkpoints, log, 1000);
    }

    private static Process startPipeline(TestDatabase db, Path checkpoints, Path log, int checkpointIntervalMs) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx1g",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", classpath, PipelineMain.class.getName(),
                "--slot", db.slot, "--checkpoints", checkpoints.toString(), "--web-port", "0",
                "--parallelism", "2", "--checkpoint-interval-ms", Integer.toString(checkpointIntervalMs)));
        pb.environment().put("SPIRAL_JDBC_URL", db.config.jdbcUrl());
        pb.environment().put("SPIRAL_DB_USER", db.config.user());
        pb.environment().put("SPIRAL_DB_PASSWORD", db.config.password());
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }

    private static void awaitCheckpoint(Path checkpoints) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Checkpoints.latest(checkpoints).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(Checkpoints.latest(checkpoints)).as("a completed checkpoint").isPresent();
        Thread.sleep(1500); // one more, covering some of the changes above
    }

    private static long rewrittenSince(TestDatabase db, Instant t) throws Exception {
        try (Connection c = db.config.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM issue_stats WHERE refreshed_at > '" + t + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
