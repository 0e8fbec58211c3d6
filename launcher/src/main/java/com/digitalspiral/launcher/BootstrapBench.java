package com.digitalspiral.launcher;

import com.digitalspiral.pipeline.PipelineRunner;
import com.digitalspiral.pipeline.PipelineSettings;
import com.digitalspiral.store.DbConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Time from a fresh job's start (snapshot of every Jira table) until the maintained tables equal the reference. */
@Command(name = "bootstrap", description = "Time for a fresh pipeline to snapshot the Jira tables and equal the reference views.")
final class BootstrapBench implements Callable<Integer> {

    @Mixin
    DbOptions db;

    @Mixin
    PipelineOptions pipeline;

    @Override
    public Integer call() throws Exception {
        pipeline.fresh = true;
        DbConfig config = db.prepare(System.out);
        PipelineSettings settings = pipeline.prepare(config, System.out);
        if (settings == null) {
            return 2;
        }
        long issues = count(config, "issues");
        long start = System.nanoTime();
        JobClient job = PipelineRunner.start(settings);
        try {
            double secs = CatchUp.await(config, Duration.ofHours(1));
            double total = (System.nanoTime() - start) / 1e9;
            if (secs < 0) {
                System.out.println("not equal to the reference within an hour");
                return 1;
            }
            System.out.printf("bootstrap: %,d issues, %,d rows in all, equal to the reference %.1f s after the job started "
                            + "(%,.0f issues/s, parallelism %d)%n", issues, totalRows(config), total, issues / total,
                    settings.parallelism());
            return 0;
        } finally {
            job.cancel().get();
        }
    }

    private static long count(DbConfig config, String table) throws Exception {
        try (Connection c = config.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long totalRows(DbConfig config) throws Exception {
        long n = 0;
        for (String t : new String[] {"projects", "issues", "sprints", "sprint_issues", "comments", "changelogs"}) {
            n += count(config, t);
        }
        return n;
    }
}
