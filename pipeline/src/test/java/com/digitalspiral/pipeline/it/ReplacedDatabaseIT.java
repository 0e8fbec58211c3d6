package com.digitalspiral.pipeline.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.digitalspiral.pipeline.Checkpoints;
import com.digitalspiral.pipeline.PipelineRunner;
import com.digitalspiral.pipeline.PipelineSettings;
import com.digitalspiral.store.Database;
import com.digitalspiral.store.demo.DemoGenerator;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;

/**
 * A checkpointed pipeline whose database is dropped and re-created with other data (as a restore from a backup
 * does) must not resume the old database's positions against the new one: it refuses and says to start with
 * --fresh, after which the figures equal the new data. A checkpoint whose slot is gone starts over by itself.
 */
class ReplacedDatabaseIT {

    private static final Instant ANCHOR = Instant.parse("2026-11-16T00:00:00Z");

    /** Runs the job until it equals the reference and a checkpoint has completed, then cancels it. */
    private static void runUntilCheckpointed(TestDatabase db, PipelineSettings s) throws Exception {
        JobClient job = PipelineRunner.start(s);
        try {
            assertThat(db.awaitEqual(Duration.ofSeconds(120)).shown()).isEmpty();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Checkpoints.latest(s.checkpointDir()).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(Checkpoints.latest(s.checkpointDir())).isPresent();
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aReplacedDatabaseIsRefusedWithWhatToDoAndAFreshStartEqualsTheNewData() throws Exception {
        try (TestDatabase db = new TestDatabase("replaced")) {
            new DemoGenerator(db.config).generate(new DemoGenerator.Options(8, 2, 1500, ANCHOR), n -> {});
            PipelineSettings s = db.settings();
            runUntilCheckpointed(db, s);

            // replaced: dropped (with its slot) and created again under the same name, with other data
            Database database = new Database(db.config);
            Thread.sleep(1000);
            database.drop();
            database.createIfMissing();
            database.migrate();
            new DemoGenerator(db.config).generate(new DemoGenerator.Options(9, 2, 1200, ANCHOR), n -> {});

            Throwable refused = catchThrowable(() -> PipelineRunner.start(s));
            assertThat(refused).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("replaced or restored").hasMessageContaining("--fresh");
            assertThat(Checkpoints.latest(s.checkpointDir())).as("the checkpoints are left for a person to decide").isPresent();

            // what --fresh does
            database.dropSlot(s.slotName());
            Checkpoints.deleteAll(s.checkpointDir());
            database.truncateMaintained();
            JobClient job = PipelineRunner.start(s);
            try {
                assertThat(db.awaitEqual(Duration.ofSeconds(120)).shown()).as("the new data's figures").isEmpty();
            } finally {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aCheckpointWhoseSlotIsGoneStartsOverFromASnapshotInsteadOfLosingChanges() throws Exception {
        try (TestDatabase db = new TestDatabase("slotgone")) {
            new DemoGenerator(db.config).generate(new DemoGenerator.Options(10, 2, 1500, ANCHOR), n -> {});
            PipelineSettings s = db.settings();
            runUntilCheckpointed(db, s);
            Thread.sleep(1000);
            assertThat(new Database(db.config).dropSlot(s.slotName())).isTrue();
            // changes no slot kept: resuming the checkpoint's position would never see them
            try (Connection c = db.config.connect(); Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM issues WHERE id IN (SELECT issue_id FROM issue_stats ORDER BY issue_id LIMIT 15)");
                st.executeUpdate("UPDATE sprint_issues SET story_points = coalesce(story_points, 0) + 1 WHERE issue_id IN "
                        + "(SELECT issue_id FROM sprint_issues ORDER BY issue_id LIMIT 40)");
            }
            assertThat(PipelineRunner.plan(s)).as("starts over").isEmpty();
            JobClient job = PipelineRunner.start(s);
            try {
                assertThat(db.awaitEqual(Duration.ofSeconds(120)).shown()).isEmpty();
            } finally {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
        }
    }
}
