package com.digitalspiral.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Analytics jobs on the real app: idempotent submission, live events, cancel, durability across restarts. */
class JobsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static DemoData data;
    private static UUID acme;
    private static String key;

    @BeforeAll
    static void setUp() throws Exception {
        data = new DemoData("jobs", 1500);
        acme = data.tenants().get(0);
        key = data.key(acme, 100_000);
    }

    @AfterAll
    static void tearDown() throws Exception {
        data.close();
    }

    private static Response post(HttpClient client, String path, String body) {
        return client.request(path, req -> req.header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").post(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static JsonNode get(HttpClient client, String path) throws Exception {
        return JSON.readTree(client.get(path, req -> req.header("Authorization", "Bearer " + key)).body().string());
    }

    private static JsonNode awaitFinished(HttpClient client, String id) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        JsonNode job = get(client, "/analytics/jobs/" + id);
        while (List.of("queued", "running").contains(job.get("status").asText()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            job = get(client, "/analytics/jobs/" + id);
        }
        return job;
    }

    @Test
    void identicalConcurrentSubmissionsGetOneJobWhoseStreamEndsCompleted() throws Exception {
        try (ApiServer server = new ApiServer(data.apiConfig())) {
            JavalinTest.test(server.app(), (app, client) -> {
                // hold the figures so the job stays live while the identical submissions arrive
                try (Connection lock = data.config.connect()) {
                    lock.setAutoCommit(false);
                    try (Statement st = lock.createStatement()) {
                        st.execute("LOCK TABLE sprint_stats IN ACCESS EXCLUSIVE MODE");
                    }
                    String body = "{\"spec\": {\"metrics\": [\"velocity\"], \"dimensions\": [\"project\"]}}";
                    ExecutorService pool = Executors.newFixedThreadPool(8);
                    List<Future<String>> ids = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        ids.add(pool.submit((Callable<String>) () -> JSON.readTree(post(client, "/analytics/jobs", body).body().string())
                                .get("id").asText()));
                    }
                    List<String> got = new ArrayList<>();
                    for (Future<String> f : ids) {
                        got.add(f.get());
                    }
                    pool.shutdown();
                    assertThat(got).as("one job for one spec").containsOnly(got.get(0));

                    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
                    var stream = http.sendAsync(HttpRequest.newBuilder(URI.create(client.getOrigin() + "/analytics/jobs/" + got.get(0) + "/stream"))
                            .header("Authorization", "Bearer " + key).header("Accept", "text/event-stream").build(),
                            HttpResponse.BodyHandlers.ofLines());
                    Thread.sleep(600);
                    lock.rollback();
                    List<String> lines = stream.get().body().toList();
                    List<String> events = lines.stream().filter(l -> l.startsWith("event:")).map(l -> l.substring(6).trim()).toList();
                    assertThat(events).last().isEqualTo("completed");
                    assertThat(events).contains("progress");
                }
                JsonNode job = awaitFinished(client, get(client, "/analytics/jobs?status=completed").get("jobs").get(0).get("id").asText());
                assertThat(job.get("progress").asDouble()).isEqualTo(1.0);
                JsonNode page = get(client, "/analytics/jobs/" + job.get("id").asText() + "/result?offset=1&limit=1");
                assertThat(page.get("rows").size()).isEqualTo(1);
                assertThat(page.get("total").asInt()).isEqualTo(3);
                String again = JSON.readTree(post(client, "/analytics/jobs",
                        "{\"spec\": {\"metrics\": [\"velocity\"], \"dimensions\": [\"project\"]}}").body().string()).get("id").asText();
                assertThat(again).as("a fresh completed job answers again").isEqualTo(job.get("id").asText());
            });
        }
    }

    @Test
    void cancellingStopsTheRunningSql() throws Exception {
        try (ApiServer server = new ApiServer(data.apiConfig())) {
            JavalinTest.test(server.app(), (app, client) -> {
                try (Connection lock = data.config.connect()) {
                    lock.setAutoCommit(false);
                    try (Statement st = lock.createStatement()) {
                        st.execute("LOCK TABLE issue_stats IN ACCESS EXCLUSIVE MODE");
                    }
                    String id = JSON.readTree(post(client, "/analytics/jobs", "{\"question\": \"lead time per project\"}").body().string())
                            .get("id").asText();
                    long deadline = System.currentTimeMillis() + 10_000;
                    while (get(client, "/analytics/jobs/" + id).get("progress").asDouble() < 0.5 && System.currentTimeMillis() < deadline) {
                        Thread.sleep(50);
                    }
                    assertThat(post(client, "/analytics/jobs/" + id + "/cancel", "").code()).isEqualTo(202);
                    JsonNode job = awaitFinished(client, id);
                    assertThat(job.get("status").asText()).isEqualTo("cancelled");
                    lock.rollback();
                    try (Statement st = lock.createStatement();
                         var rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'WITH base AS%' AND state = 'active'")) {
                        rs.next();
                        assertThat(rs.getLong(1)).as("the SQL itself was stopped").isZero();
                    }
                }
            });
        }
    }

    @Test
    void queuedJobsOfAStoppedApiRunAfterRestartAndAbandonedOnesAreRetriedOrFailed() throws Exception {
        UUID queued;
        UUID abandoned;
        UUID exhausted;
        try (Connection c = data.config.connect(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO analytics_jobs (tenant_id, user_id, spec, spec_hash, status, attempts, heartbeat_at, worker)
                VALUES (?, 'u', ?::jsonb, ?, ?, ?, now() - interval '1 minute', 'dead-worker') RETURNING id""")) {
            queued = insert(ps, "{\"metrics\": [\"wip\"]}", "queued", 0);
            abandoned = insert(ps, "{\"metrics\": [\"bug_ratio\"]}", "running", 1);
            exhausted = insert(ps, "{\"metrics\": [\"reopen_rate\"]}", "running", 3);
        }
        try (ApiServer server = new ApiServer(data.apiConfig())) {
            JavalinTest.test(server.app(), (app, client) -> {
                assertThat(awaitFinished(client, queued.toString()).get("status").asText()).isEqualTo("completed");
                JsonNode retried = awaitFinished(client, abandoned.toString());
                assertThat(retried.get("status").asText()).isEqualTo("completed");
                assertThat(retried.get("attempts").asInt()).isEqualTo(2);
                JsonNode failed = awaitFinished(client, exhausted.toString());
                assertThat(failed.get("status").asText()).isEqualTo("failed");
                assertThat(failed.get("error").asText()).contains("stopped responding");
            });
        }
    }

    private static UUID insert(PreparedStatement ps, String spec, String status, int attempts) throws Exception {
        ps.setObject(1, acme);
        ps.setString(2, spec);
        ps.setString(3, UUID.randomUUID().toString());
        ps.setString(4, status);
        ps.setInt(5, attempts);
        try (var rs = ps.executeQuery()) {
            rs.next();
            return rs.getObject(1, UUID.class);
        }
    }
}
