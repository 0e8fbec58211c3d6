package com.digitalspiral.pipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.digitalspiral.pipeline.PipelineRunner;
import com.digitalspiral.pipeline.PipelineSettings;
import com.digitalspiral.store.DbConfig;
import com.digitalspiral.store.demo.ChangeMaker;
import com.digitalspiral.store.demo.DemoGenerator;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;

/**
 * The database goes away for three minutes under a running pipeline (a proxy in front of Postgres closes every
 * connection and refuses new ones), while changes keep being made to it: the job must wait, never give up, and
 * when the database is back catch up to the reference by itself.
 */
class PostgresOutageIT {

    @Test
    void aPipelineRidesOutThreeMinutesWithoutItsDatabaseAndCatchesUpByItself() throws Exception {
        try (TestDatabase db = new TestDatabase("outage"); TcpProxy proxy = new TcpProxy(db.config.host(), db.config.port())) {
            new DemoGenerator(db.config).generate(
                    new DemoGenerator.Options(11, 2, 1500, Instant.parse("2026-11-16T00:00:00Z")), n -> {});
            DbConfig viaProxy = new DbConfig("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + db.config.database(),
                    db.config.user(), db.config.password());
            PipelineSettings s = PipelineSettings.defaults(viaProxy).withSlot(db.slot)
                    .withCheckpointDir(Files.createTempDirectory("spiral-outage")).withWebPort(0).withParallelism(2)
                    .withCheckpointInterval(1000);
            JobClient job = PipelineRunner.start(s);
            try {
                assertThat(db.awaitEqual(Duration.ofSeconds(120)).shown()).as("before the outage").isEmpty();
                Thread.sleep(2000); // a checkpoint after the snapshot

                proxy.cut();
                long outageEnds = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                try (ChangeMaker changes = new ChangeMaker(db.config, 21)) {
                    while (System.nanoTime() < outageEnds) {
                        for (int i = 0; i < 20; i++) {
                            changes.next();
                        }
                        JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
                        assertThat(status.isGloballyTerminalState()).as("the job gives up: " + status).isFalse();
                        Thread.sleep(5000);
                    }
                }
                proxy.restore();
                long back = System.nanoTime();
                assertThat(db.awaitEqual(Duration.ofSeconds(180)).shown()).as("after the outage").isEmpty();
                System.out.printf("equal to the reference %d s after the database came back from a 3-minute outage%n",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - back));
            } finally {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
        }
    }
}
