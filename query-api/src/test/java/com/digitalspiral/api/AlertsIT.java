package com.digitalspiral.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.digitalspiral.api.auth.ApiKeys;
import com.digitalspiral.store.demo.ChangeMaker;
import com.digitalspiral.store.verify.Verifier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The real Prometheus (Debian's package) scraping a running API and pipeline with the repository's alert rules:
 * every series a rule reads exists under the name the rule uses, every query of the Grafana dashboards returns data
 * (so no panel is empty), nothing fires while all is well, and stopping the pipeline fires PipelineDown and
 * FreshnessLagHigh (the API's heartbeat is no longer carried) through Prometheus' HTTP API, both resolved once the
 * pipeline is back. (The rules' logic is
 * tested with promtool on synthetic series; this is what those series are called in reality.)
 */
class AlertsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RULES = Path.of("..", "deploy", "prometheus", "alerts.yml").toAbsolutePath().normalize();
    private static final Path DASHBOARDS = Path.of("..", "deploy", "grafana", "dashboards").toAbsolutePath().normalize();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void stoppingThePipelineFiresPipelineDownAndFreshnessLagThroughPrometheusAndStartingItResolvesThem() throws Exception {
        try (RunningPipeline pipeline = new RunningPipeline("alerts", 11, 2, 600);
             ApiServer api = new ApiServer(ApiConfig.fromEnv(Map.of(), pipeline.config()).withPort(0).withManagementPort(0).withPoolSize(4))) {
            api.start();
            Process prometheus = null;
            Path home = Files.createTempDirectory("spiral-prometheus");
            int port = freePort();
            try {
                Files.writeString(home.resolve("prometheus.yml"), """
                        global: {scrape_interval: 1s, evaluation_interval: 1s}
                        rule_files: ['%s']
                        scrape_configs:
                          - job_name: spiral-api
                            static_configs: [{targets: ['localhost:%d']}]
                          - job_name: spiral-pipeline
                            static_configs: [{targets: ['localhost:%d']}]
                        """.formatted(RULES, api.managementPort(), pipeline.metricsPort()));
                prometheus = new ProcessBuilder("prometheus", "--config.file=" + home.resolve("prometheus.yml"),
                        "--storage.tsdb.path=" + home.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                        .redirectErrorStream(true).redirectOutput(home.resolve("prometheus.log").toFile()).start();
                String base = "http://127.0.0.1:" + port;
                await("Prometheus ready", Duration.ofSeconds(30), () -> status(base + "/-/ready") == 200);
                await("both targets up", Duration.ofSeconds(30), () -> query(base, "count(up == 1)").equals(List.of(2.0)));

                exerciseTheApi(api, pipeline);
                Set<String> names = seriesTheRulesRead();
                assertThat(names).as("names read from alerts.yml").contains("flink_jobmanager_job_uptime", "spiral_pipeline_lag_seconds",
                        "flink_taskmanager_job_task_operator_sink_freshnessLagMs", "http_server_requests_seconds_count");
                for (String name : names) {
                    await(name + " scraped", Duration.ofSeconds(30),
                            () -> !query(base, "count({__name__=\"" + name + "\"})").isEmpty());
                }
                assertEveryDashboardPanelHasData(base, pipeline);
                Thread.sleep(3_000); // a few evaluations with every target up
                assertThat(firing(base)).as("nothing fires while all is well").isEmpty();
                // absent() of a series under a wrong name or label would be pending from the first evaluation
                assertThat(pending(base)).as("the pipeline's rules are not even pending").doesNotContain("PipelineDown", "PipelineNoCheckpoint");

                await("the probe's heartbeat carried", Duration.ofSeconds(30), () -> {
                    List<Double> lag = query(base, "max(spiral_pipeline_lag_seconds)");
                    return !lag.isEmpty() && lag.get(0) >= 0 && lag.get(0) < 5;
                });
                pipeline.stop();
                long stopped = System.nanoTime();
                try (ChangeMaker changes = new ChangeMaker(pipeline.config(), 41)) {
                    for (int i = 0; i < 100; i++) {
                        changes.next(); // they wait in the slot
                    }
                }
                await("PipelineDown firing", Duration.ofSeconds(150), () -> firing(base).contains("PipelineDown"));
                System.out.printf("AlertsIT: PipelineDown fired %.0f s after the pipeline stopped%n", (System.nanoTime() - stopped) / 1e9);
                // the API's probe keeps beating; no beat is carried, so the figures fall behind by the second
                await("FreshnessLagHigh firing", Duration.ofSeconds(150), () -> firing(base).contains("FreshnessLagHigh"));
                System.out.printf("AlertsIT: FreshnessLagHigh fired %.0f s after the pipeline stopped (lag then %.0f s)%n",
                        (System.nanoTime() - stopped) / 1e9, query(base, "max(spiral_pipeline_lag_seconds)").get(0));

                pipeline.start();
                long started = System.nanoTime();
                await("PipelineDown and FreshnessLagHigh resolved", Duration.ofSeconds(90), () -> {
                    List<String> active = new ArrayList<>(firing(base));
                    active.addAll(pending(base));
                    return !active.contains("PipelineDown") && !active.contains("FreshnessLagHigh");
                });
                System.out.printf("AlertsIT: both resolved %.0f s after the pipeline started again (lag %.1f s)%n",
                        (System.nanoTime() - started) / 1e9, query(base, "max(spiral_pipeline_lag_seconds)").get(0));
                assertThat(query(base, "max(spiral_pipeline_lag_seconds)").get(0)).as("the probe's lag once back (s)").isLessThan(5);
                assertThat(new Verifier(pipeline.config()).awaitEqual(Duration.ofSeconds(120)).shown())
                        .as("the changes made while it was down reached the figures").isEmpty();
            } finally {
                if (prometheus != null) {
                    prometheus.destroy();
                    if (!prometheus.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                        prometheus.destroyForcibly();
                    }
                }
            }
        }
    }

    /** One of each thing the rules watch: an HTTP request, an uncached query, a question read. */
    private void exerciseTheApi(ApiServer api, RunningPipeline pipeline) throws Exception {
        UUID tenant;
        String key;
        try (var c = pipeline.config().connect(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT id FROM tenants ORDER BY name LIMIT 1")) {
            rs.next();
            tenant = rs.getObject(1, UUID.class);
            key = ApiKeys.create(c, tenant, "alice", "alerts", 1000).key();
        }
        HttpResponse<String> run = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + api.port() + "/analytics/run"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"metrics\": [\"velocity\"], \"dimensions\": [\"project\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        HttpResponse<String> ask = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + api.port() + "/analytics/query"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"velocity per project\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ask.statusCode()).as(ask.body()).isEqualTo(200);
    }

    /**
     * Every query of the Grafana dashboards returns data: each PromQL expression from this Prometheus, each SQL panel
     * (the business figures) from the database, with the dashboard's tenant variable set to a tenant of the data.
     */
    private void assertEveryDashboardPanelHasData(String base, RunningPipeline pipeline) throws Exception {
        String tenant;
        try (var c = pipeline.config().connect(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT name FROM tenants ORDER BY name LIMIT 1")) {
            rs.next();
            tenant = rs.getString(1);
        }
        int promql = 0;
        int sql = 0;
        try (var files = Files.list(DASHBOARDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = JSON.readTree(file.toFile());
                for (JsonNode panel : dashboard.path("panels")) {
                    for (JsonNode target : panel.path("targets")) {
                        String what = file.getFileName() + " / " + panel.path("title").asText() + " / " + target.path("refId").asText();
                        if (target.has("expr")) {
                            String expr = target.path("expr").asText();
                            await(what + ": " + expr, Duration.ofSeconds(60), () -> !query(base, expr).isEmpty());
                            promql++;
                        } else {
                            try (var c = pipeline.config().connect(); var st = c.createStatement();
                                 var rs = st.executeQuery(target.path("rawSql").asText().replace("$tenant", tenant))) {
                                assertThat(rs.next()).as(what + " has rows").isTrue();
                            }
                            sql++;
                        }
                    }
                }
            }
        }
        System.out.printf("AlertsIT: every dashboard query has data (%d PromQL, %d SQL)%n", promql, sql);
        assertThat(promql).isGreaterThanOrEqualTo(20);
        assertThat(sql).isEqualTo(4);
    }

    /**
     * The metric names the rules' expressions read: what is left of each expression without its quoted strings, label
     * matchers and ranges, less functions (a name before "(") and names without an underscore (by, le, and, …).
     */
    @SuppressWarnings("unchecked")
    private static Set<String> seriesTheRulesRead() throws IOException {
        Set<String> out = new LinkedHashSet<>();
        Map<String, Object> file = new org.yaml.snakeyaml.Yaml().load(Files.readString(RULES));
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                String expr = ((String) rule.get("expr")).replaceAll("\"[^\"]*\"", "").replaceAll("\\{[^}]*}", " ")
                        .replaceAll("\\[[^\\]]*\\]", " ");
                Matcher m = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?").matcher(expr);
                while (m.find()) {
                    if (m.group(2) == null && m.group(1).contains("_")) {
                        out.add(m.group(1));
                    }
                }
            }
        }
        return out;
    }

    private List<String> firing(String base) throws Exception {
        return alerts(base, "firing");
    }

    private List<String> pending(String base) throws Exception {
        return alerts(base, "pending");
    }

    private List<String> alerts(String base, String state) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode a : get(base + "/api/v1/alerts").path("data").path("alerts")) {
            if (a.path("state").asText().equals(state)) {
                out.add(a.path("labels").path("alertname").asText());
            }
        }
        return out;
    }

    private List<Double> query(String base, String promql) throws Exception {
        List<Double> out = new ArrayList<>();
        for (JsonNode r : get(base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("data").path("result")) {
            out.add(r.path("value").path(1).asDouble());
        }
        return out;
    }

    private JsonNode get(String url) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception notYet) {
            return -1;
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(String what, Duration within, Check check) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            boolean ok;
            try {
                ok = check.holds();
            } catch (IOException notYet) {
                ok = false;
            }
            if (ok) {
                return;
            }
            assertThat(System.nanoTime()).as(what + " within " + within).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
