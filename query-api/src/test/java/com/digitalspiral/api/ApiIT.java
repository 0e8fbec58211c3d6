package com.digitalspiral.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real app on the machine's Postgres and Redis, through HTTP. */
class ApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static DemoData data;
    private static UUID tenantA;
    private static UUID tenantB;
    private static String keyA;
    private static String keyB;

    @BeforeAll
    static void setUp() throws Exception {
        data = new DemoData("api", 2000);
        tenantA = data.tenants().get(0);
        tenantB = data.tenants().get(1);
        keyA = data.key(tenantA, 10_000);
        keyB = data.key(tenantB, 10_000);
    }

    @AfterAll
    static void tearDown() throws Exception {
        data.close();
    }

    interface Case {
        void run(ApiServer server, HttpClient client) throws Exception;
    }

    private static void withApi(ApiConfig config, Case c) throws Exception {
        try (ApiServer server = new ApiServer(config)) {
            JavalinTest.test(server.app(), (app, client) -> c.run(server, client));
        }
    }

    private static void withApi(Case c) throws Exception {
        withApi(data.apiConfig(), c);
    }

    private static Response get(HttpClient client, String path, String key) {
        return client.get(path, req -> {
            if (key != null) {
                req.header("Authorization", "Bearer " + key);
            }
        });
    }

    private static Response post(HttpClient client, String path, String key, String body) {
        return client.request(path, req -> {
            req.header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .post(HttpRequest.BodyPublishers.ofString(body));
        });
    }

    private static JsonNode json(Response r) throws Exception {
        return JSON.readTree(r.body().string());
    }

    @Test
    void listsEveryMetricOfTheCatalogToAKeyHolder() throws Exception {
        withApi((server, client) -> {
            Response r = get(client, "/analytics/metrics", keyA);
            assertThat(r.code()).isEqualTo(200);
            JsonNode body = json(r);
            Set<String> names = new HashSet<>();
            body.get("metrics").forEach(m -> names.add(m.get("name").asText()));
            assertThat(names).containsExactlyInAnyOrderElementsOf(server.catalog().metricNames());
            assertThat(body.get("catalog_version").asText()).isEqualTo(server.catalog().version());
            JsonNode quality = json(get(client, "/analytics/metrics?category=quality", keyA));
            quality.get("metrics").forEach(m -> assertThat(m.get("category").asText()).isEqualTo("quality"));
            JsonNode one = json(get(client, "/analytics/metrics/velocity", keyA));
            assertThat(one.get("versions").get(0).get("version").asText()).isEqualTo("1.0.0");
            assertThat(one.get("versions").get(0).get("current").asBoolean()).isTrue();
        });
    }

    @Test
    void refusesRequestsWithoutAValidKey() throws Exception {
        withApi((server, client) -> {
            Response none = get(client, "/analytics/metrics", null);
            assertThat(none.code()).isEqualTo(401);
            assertThat(none.headers().get("Content-Type").toString()).contains("application/problem+json");
            assertThat(get(client, "/analytics/metrics", "dsk_" + "A".repeat(43)).code()).isEqualTo(401);
            assertThat(get(client, "/analytics/metrics", "' OR 1=1 --").code()).isEqualTo(401);
            assertThat(get(client, "/health", null).code()).isEqualTo(200);
        });
    }

    @Test
    void aMisspeltMetricIsA400ProblemNamingTheFieldAndTheSuggestion() throws Exception {
        withApi((server, client) -> {
            Response r = post(client, "/analytics/run", keyA, "{\"metrics\": [\"spilover_ratio\"]}");
            assertThat(r.code()).isEqualTo(400);
            assertThat(r.headers().get("Content-Type").toString()).contains("application/problem+json");
            JsonNode p = json(r);
            assertThat(p.get("type").asText()).endsWith("/invalid-spec");
            assertThat(p.get("errors").get(0).get("pointer").asText()).isEqualTo("/metrics/0");
            assertThat(p.get("errors").get(0).get("suggestion").asText()).isEqualTo("spillover_ratio");
            assertThat(p.get("detail").asText()).contains("did you mean 'spillover_ratio'?");
            assertThat(server.metrics().scrape()).contains("analytics_spec_validation_errors_total 1.0");
        });
    }

    @Test
    void runAnswersColumnsRowsSqlAndMeta() throws Exception {
        withApi((server, client) -> {
            String project = project(tenantA);
            Response r = post(client, "/analytics/run", keyA, """
                    {"metrics": ["sprint_problematic_score"], "dimensions": ["sprint"],
                     "filters": [{"field": "project", "op": "eq", "value": "%s"}], "time_range": {"last": 6, "unit": "months"},
                     "order_by": [{"field": "sprint_problematic_score", "direction": "desc"}], "limit": 5}""".formatted(project));
            assertThat(r.code()).isEqualTo(200);
            JsonNode body = json(r);
            assertThat(body.get("columns")).extracting(c -> c.get("name").asText())
                    .containsExactly("sprint", "sprint_id", "sprint_problematic_score");
            assertThat(body.get("rows").size()).isBetween(1, 5);
            double previous = Double.MAX_VALUE;
            for (JsonNode row : body.get("rows")) {
                assertThat(row.isArray()).isTrue();
                assertThat(row.get(0).asText()).startsWith(project);
                assertThat(row.get(2).asDouble()).isLessThanOrEqualTo(previous);
                previous = row.get(2).asDouble();
            }
            assertThat(body.get("sql").asText()).contains("ss.tenant_id = $1");
            JsonNode meta = body.get("meta");
            assertThat(meta.get("query_time_ms").asLong()).isNotNegative();
            assertThat(meta.get("catalog_version").asText()).isEqualTo(server.catalog().version());
            assertThat(meta.get("data_as_of").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        });
    }

    @Test
    void aKeyOfOneTenantNeverSeesAnotherTenantsRows() throws Exception {
        Set<String> sprintsOfA = ids("SELECT id::text FROM sprints WHERE tenant_id = ?", tenantA);
        String projectOfB = project(tenantB);
        String instanceOfB = single("SELECT min(name) FROM jira_instances WHERE tenant_id = ?", tenantB);
        withApi((server, client) -> {
            List<String> specs = List.of(
                    "{\"metrics\": [\"completed_sp\"], \"dimensions\": [\"sprint\"], \"limit\": 10000}",
                    "{\"metrics\": [\"completed_sp\"], \"dimensions\": [\"sprint\"], \"filters\": [{\"field\": \"project\", \"op\": \"eq\", \"value\": \"" + projectOfB + "\"}]}",
                    "{\"metrics\": [\"completed_sp\"], \"dimensions\": [\"sprint\"], \"filters\": [{\"field\": \"instance\", \"op\": \"eq\", \"value\": \"" + instanceOfB + "\"}]}",
                    "{\"metrics\": [\"velocity\"], \"dimensions\": [\"sprint\", \"instance\"], \"filters\": [{\"field\": \"project\", \"op\": \"not_in\", \"value\": [\"NOPE\"]}]}");
            for (String spec : specs) {
                JsonNode body = json(post(client, "/analytics/run", keyA, spec));
                for (JsonNode row : body.get("rows")) {
                    assertThat(sprintsOfA).as(spec).contains(row.get(1).asText());
                }
            }
            JsonNode instancesSeenByA = json(post(client, "/analytics/run", keyA, "{\"metrics\": [\"wip\"], \"dimensions\": [\"instance\"]}"));
            instancesSeenByA.get("rows").forEach(row -> assertThat(row.get(0).asText()).isNotEqualTo(instanceOfB));
        });
    }

    @Test
    void rowLevelSecurityHidesOtherTenantsFromTheApiRoleItself() throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(data.config.jdbcUrl(), "spiral_api", "")) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM sprint_stats")) {
                rs.next();
                assertThat(rs.getLong(1)).as("no tenant set: no rows").isZero();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT set_config('spiral.tenant_id', ?, true)")) {
                ps.setString(1, tenantA.toString());
                ps.execute();
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(DISTINCT tenant_id), min(tenant_id::text) FROM issues")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
                assertThat(rs.getString(2)).isEqualTo(tenantA.toString());
            }
            try (Statement st = c.createStatement()) {
                assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> st.execute("DELETE FROM issues")))
                        .as("the API role cannot write").hasMessageContaining("permission denied");
            }
            c.rollback();
        }
    }

    @Test
    void hostileInputsGetA4xxAndLeaveTheDataAlone() throws Exception {
        long issuesBefore = count("SELECT count(*) FROM issues");
        withApi((server, client) -> {
            String deep = "{\"metrics\": " + "[".repeat(5000) + "]".repeat(5000) + "}";
            assertThat(post(client, "/analytics/run", keyA, deep).code()).isEqualTo(400);
            String huge = "{\"metrics\": [\"" + "x".repeat(300_000) + "\"]}";
            assertThat(post(client, "/analytics/run", keyA, huge).code()).isEqualTo(413);
            assertThat(post(client, "/analytics/run", keyA, "{\"metrics\": [\"velocity\"").code()).isEqualTo(400);
            assertThat(post(client, "/analytics/run", keyA, "").code()).isEqualTo(400);
            Response xml = client.request("/analytics/run", req -> req.header("Authorization", "Bearer " + keyA)
                    .header("Content-Type", "text/xml").post(HttpRequest.BodyPublishers.ofString("<a/>")));
            assertThat(xml.code()).isEqualTo(415);
            for (String hostile : List.of("velocity'; DROP TABLE issues; --", "velocity /* x */", "velocity\";", "ＤＲＯＰ",
                    "velocity\\u0000", "🙂🙂", "a".repeat(10_000))) {
                String h = JSON.writeValueAsString(hostile);
                for (String spec : List.of(
                        "{\"metrics\": [" + h + "]}",
                        "{\"metrics\": [\"velocity\"], \"dimensions\": [" + h + "]}",
                        "{\"metrics\": [\"velocity\"], \"filters\": [{\"field\": " + h + ", \"op\": \"eq\", \"value\": 1}]}",
                        "{\"metrics\": [\"velocity\"], \"filters\": [{\"field\": \"project\", \"op\": " + h + ", \"value\": 1}]}",
                        "{\"metrics\": [\"velocity\"], \"filters\": [{\"field\": \"project\", \"op\": \"eq\", \"value\": " + h + "}]}",
                        "{\"metrics\": [\"velocity\"], \"filters\": [{\"field\": \"state\", \"op\": \"in\", \"value\": [" + h + "]}]}",
                        "{\"metrics\": [\"velocity\"], \"time_range\": {\"period\": " + h + "}}",
                        "{\"metrics\": [\"velocity\"], \"time_range\": {\"from\": " + h + ", \"to\": \"2026-01-01\"}}",
                        "{\"metrics\": [\"velocity\"], \"order_by\": [{\"field\": " + h + "}]}",
                        "{\"metrics\": [\"sprint_problematic_score\"], \"weights\": {" + h + ": 1}}",
                        "{\"metrics\": [\"velocity\"], \"params\": {" + h + ": 1}}",
                        "{\"metrics\": [\"velocity\"], \"limit\": " + h + "}",
                        "{" + h + ": 1, \"metrics\": [\"velocity\"]}")) {
                    Response r = post(client, "/analytics/run", keyA, spec);
                    assertThat(r.code()).as(spec.length() > 200 ? spec.substring(0, 200) : spec).isBetween(400, 499);
                    assertThat(r.body().string()).doesNotContain("Exception").doesNotContain("at com.");
                }
            }
        });
        assertThat(count("SELECT count(*) FROM issues")).isEqualTo(issuesBefore);
    }

    @Test
    void anAnswerIsCachedUntilThePipelineWritesThatTenantsRows() throws Exception {
        withApi((server, client) -> {
            awaitListening(server);
            String spec = "{\"metrics\": [\"completed_sp\"], \"dimensions\": [\"project\"]}";
            JsonNode first = json(post(client, "/analytics/run", keyA, spec));
            assertThat(first.get("meta").get("cached").asBoolean()).isFalse();
            JsonNode second = json(post(client, "/analytics/run", keyA, spec));
            assertThat(second.get("meta").get("cached").asBoolean()).isTrue();
            assertThat(second.get("rows")).isEqualTo(first.get("rows"));

            // a write to another tenant's figures leaves tenant A's answers served
            execute("UPDATE sprint_stats SET refreshed_at = now() WHERE sprint_id = (SELECT min(sprint_id::text)::uuid FROM sprint_stats WHERE tenant_id = ?)", tenantB);
            Thread.sleep(300);
            assertThat(json(post(client, "/analytics/run", keyA, spec)).get("meta").get("cached").asBoolean()).isTrue();

            // the pipeline's write of tenant A's figures retires them
            execute("UPDATE sprint_stats SET completed_sp = coalesce(completed_sp, 0) + 1000, source_ts = clock_timestamp() "
                    + "WHERE sprint_id = (SELECT min(sprint_id::text)::uuid FROM sprint_stats WHERE tenant_id = ?)", tenantA);
            long deadline = System.currentTimeMillis() + 2000;
            JsonNode after;
            do {
                after = json(post(client, "/analytics/run", keyA, spec));
            } while (after.get("meta").get("cached").asBoolean() && System.currentTimeMillis() < deadline);
            assertThat(after.get("meta").get("cached").asBoolean()).isFalse();
            assertThat(after.get("rows")).isNotEqualTo(first.get("rows"));
            assertThat(after.get("meta").get("data_as_of").asText()).isGreaterThan(first.get("meta").get("data_as_of").asText());
            assertThat(server.metrics().scrape()).contains("analytics_cache_hit_rate");
        });
    }

    @Test
    void identicalMissesArrivingTogetherShareOneQuery() throws Exception {
        withApi((server, client) -> {
            awaitListening(server);
            String spec = "{\"metrics\": [\"lead_time_p85\", \"cycle_time_p85\"], \"dimensions\": [\"assignee\", \"priority\"]}";
            int n = 16;
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
            List<java.util.concurrent.Future<JsonNode>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return json(post(client, "/analytics/run", keyA, spec));
                }));
            }
            go.countDown();
            List<JsonNode> got = new java.util.ArrayList<>();
            for (var a : answers) {
                got.add(a.get());
            }
            pool.shutdown();

            assertThat(got).allSatisfy(a -> assertThat(a.get("rows")).isEqualTo(got.get(0).get("rows")));
            assertThat(got.stream().filter(a -> !a.at("/meta/cached").asBoolean() && !a.at("/meta/coalesced").asBoolean()))
                    .as("requests that ran the query themselves").hasSize(1);
            assertThat(server.metrics().misses()).as("queries sent to Postgres").isEqualTo(1);
            assertThat(server.metrics().coalesced() + server.metrics().hits()).isEqualTo(n - 1);
            assertThat(server.metrics().scrape()).contains("analytics_cache_requests_total{result=\"coalesced\"}");
        });
    }

    @Test
    void withoutRedisQueriesStillAnswerUncached() throws Exception {
        withApi(data.apiConfig().withRedisUrl("redis://127.0.0.1:1"), (server, client) -> {
            String spec = "{\"metrics\": [\"wip\"], \"dimensions\": [\"project\"]}";
            for (int i = 0; i < 3; i++) {
                Response r = post(client, "/analytics/run", keyA, spec);
                assertThat(r.code()).isEqualTo(200);
                assertThat(json(r).get("meta").get("cached").asBoolean()).isFalse();
            }
            JsonNode health = json(get(client, "/health", null));
            assertThat(health.get("status").asText()).isEqualTo("degraded");
            assertThat(health.get("redis").asText()).isEqualTo("down");
        });
    }

    @Test
    void aQueryPastTheStatementTimeoutIsStoppedWithA504() throws Exception {
        withApi(data.apiConfig().withStatementTimeout(java.time.Duration.ofMillis(1)), (server, client) -> {
            server.cache().setEnabled(false);
            Response r = post(client, "/analytics/run", keyA, "{\"metrics\": [\"lead_time_p85\", \"lead_time_median\"], \"dimensions\": [\"assignee\"]}");
            assertThat(r.code()).isEqualTo(504);
            assertThat(json(r).get("type").asText()).endsWith("/query-timeout");
        });
    }

    @Test
    void answersLongerThanTheRowCapAreCutAndSaySo() throws Exception {
        withApi(data.apiConfig().withRowCap(5), (server, client) -> {
            JsonNode body = json(post(client, "/analytics/run", keyA, "{\"metrics\": [\"completed_sp\"], \"dimensions\": [\"sprint\"]}"));
            assertThat(body.get("rows").size()).isEqualTo(5);
            assertThat(body.get("meta").get("truncated").asBoolean()).isTrue();
            assertThat(post(client, "/analytics/run", keyA, "{\"metrics\": [\"completed_sp\"], \"limit\": 6}").code()).isEqualTo(400);
        });
    }

    @Test
    void aKeyOverItsRateGets429WithRetryAfter() throws Exception {
        String slowKey = data.key(tenantA, 3);
        withApi((server, client) -> {
            for (int i = 0; i < 3; i++) {
                assertThat(get(client, "/analytics/metrics", slowKey).code()).isEqualTo(200);
            }
            Response limited = get(client, "/analytics/metrics", slowKey);
            assertThat(limited.code()).isEqualTo(429);
            assertThat(Integer.parseInt(limited.headers().get("Retry-After").get(0))).isBetween(1, 60);
            assertThat(get(client, "/analytics/metrics", keyA).code()).as("other keys are not limited").isEqualTo(200);
        });
    }

    @Test
    void servesHealthMetricsAndTheOpenApiDocument() throws Exception {
        withApi((server, client) -> {
            post(client, "/analytics/run", keyA, "{\"metrics\": [\"wip\"]}");
            Response onPublicPort = get(client, "/metrics", null);
            assertThat(onPublicPort.code()).isEqualTo(404);
            assertThat(onPublicPort.body().string()).contains("management port");
            server.startManagement();
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String management = "http://localhost:" + server.managementPort();
            String scrape = http.send(HttpRequest.newBuilder(java.net.URI.create(management + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertThat(scrape).contains("analytics_query_duration_seconds_count")
                    .contains("analytics_cache_hit_rate").contains("analytics_spec_validation_errors_total");
            assertThat(http.send(HttpRequest.newBuilder(java.net.URI.create(management + "/health")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body()).contains("\"database\":\"up\"");
            JsonNode doc = json(get(client, "/openapi.json", null));
            assertThat(doc.get("paths").has("/analytics/run")).isTrue();
            assertThat(get(client, "/docs", null).body().string()).contains("swagger-ui");
            assertThat(get(client, "/webjars/swagger-ui/5.34.1/swagger-ui-bundle.js", null).code()).isEqualTo(200);
            Response missing = get(client, "/nope", keyA);
            assertThat(missing.code()).isEqualTo(404);
            assertThat(missing.headers().get("Content-Type").toString()).contains("application/problem+json");
        });
    }

    private static void awaitListening(ApiServer server) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!(server.listener().listening() && server.cache().usable()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(server.cache().usable()).as("cache in use").isTrue();
    }

    private static String project(UUID tenant) throws Exception {
        return single("SELECT min(project_key) FROM projects WHERE tenant_id = ?", tenant);
    }

    private static String single(String sql, UUID tenant) throws Exception {
        Set<String> s = ids(sql, tenant);
        return s.iterator().next();
    }

    private static Set<String> ids(String sql, UUID tenant) throws Exception {
        Set<String> out = new HashSet<>();
        try (Connection c = data.config.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static long count(String sql) throws Exception {
        try (Connection c = data.config.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(String sql, UUID tenant) throws Exception {
        try (Connection c = data.config.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenant);
            ps.executeUpdate();
        }
    }
}
