package com.digitalspiral.launcher;

import com.digitalspiral.api.ApiServer;
import com.digitalspiral.api.auth.ApiKeys;
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

    @Option(names = "--api-port", description = "query API port (default: $SPIRAL_API_PORT or 7070)")
    Integer apiPort;

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
        ApiServer api = ApiCommand.start(db, apiPort);
        String key;
        String tenantName;
        String projectKey;
        try (Connection c = config.connect()) {
            String[] first = firstTenant(c);
            tenantName = first[1];
            projectKey = first[2];
            key = ApiKeys.create(c, java.util.UUID.fromString(first[0]), "demo", "demo key", 6000).key();
        }
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
            try {
                api.close();
            } catch (Exception ignored) {
                // shutting down
            }
        }));
        System.out.printf("""

                Digital Spiral demo is running (Ctrl-C stops it).
                  Flink dashboard:   http://localhost:%d   (job %s)
                  Job metrics:       %s   (Prometheus: freshness lag, events per table, dead letters, sink batches)
                  Live activity:     %.0f Jira changes per second
                  Watch the figures: psql %s -c "SELECT project_key, sprint_name, state, planned_sp, completed_sp, \\
                                       blocked_hours, source_ts, refreshed_at FROM sprint_stats ORDER BY refreshed_at DESC LIMIT 10"
                  Check them:        ./spiral verify --wait 30s   (compares with the batch reference views)

                  Workspace:         http://localhost:%d/   (sign in with the demo key: live sprints, ask, catalog, jobs)
                  Query API:         http://localhost:%d/docs
                  Demo key (tenant %s): %s
                  Try:
                    curl -s -H 'Authorization: Bearer %s' localhost:%d/analytics/metrics
                    curl -s -H 'Authorization: Bearer %s' -H 'Content-Type: application/json' localhost:%d/analytics/run \\
                      -d '{"metrics":["sprint_problematic_score"],"dimensions":["sprint"],"filters":[{"field":"project","op":"eq","value":"%s"}],"time_range":{"period":"last_quarter"},"order_by":[{"field":"sprint_problematic_score","direction":"desc"}],"limit":5}'
                %n""", settings.webPort(), job.getJobID(), metricsAddress(settings.metricsPorts()), rate, psqlTarget(config), api.port(), api.port(), tenantName, key, key,
                api.port(), key, api.port(), projectKey);
        job.getJobExecutionResult().get();
        return 0;
    }

    /** Where the job's Prometheus endpoint is: the first port of the range, unless another process had taken it. */
    static String metricsAddress(String ports) {
        if (ports.isBlank()) {
            return "off (--metrics-port \"\")";
        }
        String[] range = ports.split("-");
        String first = "http://localhost:" + range[0].trim() + "/metrics";
        return range.length == 1 ? first : first + " (or the next free port up to " + range[1].trim() + ")";
    }

    /** id, name and first project key of the first tenant. */
    private static String[] firstTenant(Connection c) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT t.id, t.name, (SELECT min(project_key) FROM projects p WHERE p.tenant_id = t.id) "
                        + "FROM tenants t ORDER BY t.name LIMIT 1")) {
            rs.next();
            return new String[] {rs.getString(1), rs.getString(2), rs.getString(3)};
        }
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
