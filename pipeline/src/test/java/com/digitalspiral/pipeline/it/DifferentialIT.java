package com.digitalspiral.pipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.digitalspiral.pipeline.PipelineRunner;
import com.digitalspiral.pipeline.PipelineSettings;
import com.digitalspiral.store.demo.ChangeMaker;
import com.digitalspiral.store.demo.DemoGenerator;
import com.digitalspiral.store.verify.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pipeline against its definition: generate Jira data, run the real job (Postgres CDC source, mini
 * cluster at parallelism 2, JDBC sinks), apply thousands of random changes of every kind (while the job
 * is still reading its snapshot, or once it has caught up), and require the maintained tables to equal
 * the batch reference views row by row.
 */
class DifferentialIT {

    private static final int CHANGES = 3000;

    @ParameterizedTest(name = "seed {0}, changes during the snapshot: {1}")
    @CsvSource({"11, true", "29, false"})
    void maintainedTablesEqualTheReferenceAfterRandomChanges(long seed, boolean duringSnapshot) throws Exception {
        try (TestDatabase db = new TestDatabase("diff" + seed)) {
            new DemoGenerator(db.config).generate(
                    new DemoGenerator.Options(seed, 2, 3000, Instant.parse("2026-11-16T00:00:00Z")), n -> {});
            Path checkpoints = Files.createTempDirectory("spiral-diff-chk");
            PipelineSettings settings = PipelineSettings.defaults(db.config).withSlot(db.slot)
                    .withCheckpointDir(checkpoints).withWebPort(0).withParallelism(2).withCheckpointInterval(2000);
            JobClient job = PipelineRunner.start(settings);
            try {
                if (!duringSnapshot) {
                    Verifier.Report bootstrapped = db.awaitEqual(Duration.ofSeconds(120));
                    assertThat(bootstrapped.shown()).as("after the snapshot").isEmpty();
                    assertThat(bootstrapped.issueRows()).isGreaterThanOrEqualTo(3000);
                }

                Set<ChangeMaker.Kind> made = EnumSet.noneOf(ChangeMaker.Kind.class);
                try (ChangeMaker changes = new ChangeMaker(db.config, seed)) {
                    for (int i = 0; i < CHANGES; i++) {
                        made.add(changes.next());
                    }
                }
                assertThat(made).as("every kind of change was exercised").containsAll(EnumSet.allOf(ChangeMaker.Kind.class));

                Verifier.Report after = db.awaitEqual(Duration.ofSeconds(120));
                assertThat(after.shown()).as("after %d random changes", CHANGES).isEmpty();
                assertThat(after.equal()).isTrue();
            } finally {
                job.cancel().get();
            }
        }
    }
}
