package com.digitalspiral.launcher;

import com.digitalspiral.pipeline.PipelineRunner;
import com.digitalspiral.pipeline.PipelineSettings;
import com.digitalspiral.store.DbConfig;
import com.digitalspiral.store.demo.Simulator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Freshness = refreshed_at − source_ts of every sprint_stats write made while the simulator runs: the time
 * from a change's commit in the source database to the row that reflects it, both on the database's clock.
 * A trigger records each write, so rows written twice are counted twice.
 */
@Command(name = "freshness", description = "Commit-to-sprint_stats latency (p50/p99) under simulated load.")
final class FreshnessBench implements Callable<Integer> {

    @Mixin
    DbOptions db;

    @Mixin
    PipelineOptions pipeline;

    @Option(names = "--rate", defaultValue = "500", description = "changes per second (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--duration", defaultValue = "60s", description = "how long to load (default: ${DEFAULT-VALUE})")
    String duration;

    @Option(names = "--warmup", defaultValue = "10s", description = "load before measuring, for JIT and caches (default: ${DEFAULT-VALUE})")
    String warmup;

    @Option(names = "--external", description = "measure an already running pipeline instead of starting one")
    boolean external;

    @Override
    public Integer call() throws Exception {
        DbConfig config = db.prepare(System.out);
        JobClient job = null;
        if (!external) {
            PipelineSettings settings = pipeline.prepare(config, System.out);
            if (settings == null) {
                return 2;
            }
            job = PipelineRunner.start(settings);
        }
        try {
            System.out.println("waiting for the pipeline to catch up with the source ...");
            if (!CatchUp.awaitTasksRunning(pipeline.webPort, Duration.ofMinutes(30))) {
                System.out.println("the job's tasks did not all reach RUNNING within 30 minutes");
                return 1;
            }
            double secs = CatchUp.await(config, Duration.ofMinutes(30));
            if (secs < 0) {
                System.out.println("the pipeline did not catch up within 30 minutes");
                return 1;
            }
            System.out.printf("caught up after %.1f s%n", secs);
            if (Durations.parse(warmup).toMillis() > 0) {
                System.out.println("warming up for " + warmup + " ...");
                new Simulator(config).run(rate, Durations.parse(warmup), System.nanoTime(), null);
            }
            try (Connection c = config.connect(); Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS bench_freshness");
                st.execute("CREATE UNLOGGED TABLE bench_freshness (source_ts timestamptz, refreshed_at timestamptz)");
                st.execute("CREATE OR REPLACE FUNCTION bench_freshness_log() RETURNS trigger LANGUAGE plpgsql AS $$ "
                        + "BEGIN INSERT INTO bench_freshness VALUES (NEW.source_ts, NEW.refreshed_at); RETURN NEW; END $$");
                st.execute("CREATE TRIGGER bench_freshness_log AFTER INSERT OR UPDATE ON sprint_stats "
                        + "FOR EACH ROW EXECUTE FUNCTION bench_freshness_log()");
            }
            Simulator.Result load = new Simulator(config).run(rate, Durations.parse(duration), System.nanoTime(), System.out);
            double settle = CatchUp.await(config, Duration.ofMinutes(5));
            boolean equal = settle >= 0;
            try (Connection c = config.connect(); Statement st = c.createStatement()) {
                st.execute("DROP TRIGGER bench_freshness_log ON sprint_stats");
                try (ResultSet rs = st.executeQuery("""
                        SELECT count(*),
                               percentile_cont(0.50) WITHIN GROUP (ORDER BY lag_ms),
                               percentile_cont(0.95) WITHIN GROUP (ORDER BY lag_ms),
                               percentile_cont(0.99) WITHIN GROUP (ORDER BY lag_ms),
                               max(lag_ms)
                        FROM (SELECT extract(epoch FROM refreshed_at - source_ts) * 1000 AS lag_ms FROM bench_freshness) l
                        """)) {
                    rs.next();
                    System.out.printf("""
                            freshness under load: %,d changes at %.0f/s (asked %.0f/s) for %s
                              sprint_stats writes measured: %,d
                              commit → sprint_stats  p50 %.0f ms   p95 %.0f ms   p99 %.0f ms   max %.0f ms
                              verify after the load: %s
                            """, load.changes(), load.ratePerSecond(), rate, duration, rs.getLong(1),
                            rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
                            equal ? String.format("equal %.1f s after the load stopped", settle) : "NOT equal");
                }
                System.out.println("  by 10 s of load (p50 / p99 ms):");
                try (ResultSet rs = st.executeQuery("""
                        SELECT floor(extract(epoch FROM source_ts - t0) / 10)::int * 10 AS bucket,
                               percentile_cont(0.50) WITHIN GROUP (ORDER BY lag_ms),
                               percentile_cont(0.99) WITHIN GROUP (ORDER BY lag_ms),
                               count(*)
                        FROM (SELECT source_ts, min(source_ts) OVER () AS t0,
                                     extract(epoch FROM refreshed_at - source_ts) * 1000 AS lag_ms
                              FROM bench_freshness) l
                        GROUP BY 1 ORDER BY 1
                        """)) {
                    while (rs.next()) {
                        System.out.printf("    %3d-%3d s  %6.0f / %6.0f  (%d writes)%n", rs.getInt(1), rs.getInt(1) + 10,
                                rs.getDouble(2), rs.getDouble(3), rs.getLong(4));
                    }
                }
                st.execute("DROP TABLE bench_freshness");
                st.execute("DROP FUNCTION bench_freshness_log()");
            }
            return equal ? 0 : 1;
        } finally {
            if (job != null) {
                job.cancel().get();
            }
        }
    }
}
