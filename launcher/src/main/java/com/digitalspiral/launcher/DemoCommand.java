package com.digitalspiral.launcher;

import com.digitalspiral.pipeline.PipelineRunner;
import com.digitalspiral.pipeline.PipelineSettings;
import com.digitalspiral.store.DbConfig;
import com.digitalspiral.store.demo.DemoGenerator;
import com.digitalspiral.store.demo.Simulator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.Callable;
import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", description = "Everything at once for a first look: schema, demo data, the pipeline and live activity.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    DbOptions db;

    @Mixin
    PipelineOptions pipeline;

    @Option(names = "--issues", defaultValue = "5000", description = "issues to generate when the database is empty (default: ${DEFAULT-VALUE})")
    int issues;

    @Option(names = "--rate", defaultValue = "5", description = "simulated changes per second (default: ${DEFAULT-VALUE})")
    double rate;

    @Override
    public Integer call() throws Exception {
        DbConfig config = db.prepare(System.out);
        PipelineSettings settings = pipeline.prepare(config, System.out);
        if (settings == null) {
            return 2;
        }
        if (isEmpty(config)) {
            ProgressBar bar = new ProgressBar(System.out, "generate", issues);
            new DemoGenerator(config).generate(new DemoGenerator.Options(42, 3, issues), bar::update);
            bar.done();
        }
        JobClient job = PipelineRunner.start(settings);
        Simulator simulator = new Simulator(config);
        Thread sim = new Thread(() -> {
            try {
                Thread.sleep(5_000); // let the snapshot begin before the activity does
                simulator.run(rate, null, System.nanoTime(), null);
            } catch (Exception e) {
                System.err.println("simulator stopped: " + e.getMessage());
            }
        }, "simulator");
        sim.setDaemon(true);
        sim.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.stop();
            job.cancel();
        }));
        System.out.printf("""

                Digital Spiral demo is running (Ctrl-C stops it).
                  Flink dashboard:   http://localhost:%d   (job %s)
                  Live activity:     %.0f Jira changes per second
                  Watch the figures: psql %s -c "SELECT project_key, sprint_name, state, planned_sp, completed_sp, \\
                                       blocked_hours, source_ts, refreshed_at FROM sprint_stats ORDER BY refreshed_at DESC LIMIT 10"
                  Check them:        ./spiral verify --wait 30s   (compares with the batch reference views)
                %n""", settings.webPort(), job.getJobID(), rate, psqlTarget(config));
        job.getJobExecutionResult().get();
        return 0;
    }

    private static boolean isEmpty(DbConfig config) throws Exception {
        try (Connection c = config.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM issues)")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static String psqlTarget(DbConfig c) {
        return "-h " + c.host() + " -p " + c.port() + " -U " + c.user() + " " + c.database();
    }
}
