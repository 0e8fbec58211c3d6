package com.digitalspiral.pipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.digitalspiral.pipeline.PipelineRunner;
import com.digitalspiral.store.demo.DemoGenerator;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;

/**
 * Sync tools truncate a table and load it again: a running pipeline must not keep the figures of the rows a
 * TRUNCATE removed, neither after a bare TRUNCATE nor after a truncate-and-reload in one transaction.
 */
class TruncateIT {

    @Test
    void aTruncatedTableLeavesNoFiguresOfItsRowsBehind() throws Exception {
        try (TestDatabase db = new TestDatabase("truncate")) {
            new DemoGenerator(db.config).generate(
                    new DemoGenerator.Options(13, 2, 1000, Instant.parse("2026-11-16T00:00:00Z")), n -> {});
            JobClient job = PipelineRunner.start(db.settings());
            try {
                assertThat(db.awaitEqual(Duration.ofSeconds(120)).shown()).isEmpty();
                try (Connection c = db.config.connect(); Statement st = c.createStatement()) {
                    st.execute("TRUNCATE comments");
                }
                assertThat(db.awaitEqual(Duration.ofSeconds(60)).shown()).as("after TRUNCATE comments").isEmpty();

                // truncate and reload half of the rows, as a sync tool does, in one transaction
                try (Connection c = db.config.connect(); Statement st = c.createStatement()) {
                    c.setAutoCommit(false);
                    st.execute("CREATE TEMP TABLE saved ON COMMIT DROP AS SELECT * FROM changelogs");
                    st.execute("TRUNCATE changelogs");
                    st.execute("INSERT INTO changelogs SELECT * FROM saved WHERE abs(hashtext(id::text)) % 2 = 0");
                    c.commit();
                }
                assertThat(db.awaitEqual(Duration.ofSeconds(60)).shown()).as("after a truncate-and-reload of changelogs").isEmpty();
            } finally {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
        }
    }
}
