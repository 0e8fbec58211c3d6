package com.digitalspiral.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the API's process while a job runs and while an export streams: after a restart the job completes
 * (its worker's heartbeat stops, another claims it), the cut export is an error the client sees (never a short
 * file that looks whole), and the export asked again is complete.
 */
class ApiKilledIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static DemoData data;
    private static UUID acme;
    private static String key;

    @BeforeAll
    static void setUp() throws Exception {
        data = new DemoData("apikilled", 1200);
        acme = data.tenants().get(0);
        key = data.key(acme, 100_000);
    }

    @AfterAll
    static void tearDown() throws Exception {
        data.close();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Process startApi(int port, Path log) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", classpath, TestApiMain.class.getName()));
        pb.environment().put("SPIRAL_JDBC_URL", data.config.jdbcUrl());
        pb.environment().put("SPIRAL_DB_USER", data.config.user());
        pb.environment().put("SPIRAL_DB_PASSWORD", data.config.password() == null ? "" : data.config.password());
        pb.environment().put("SPIRAL_API_PORT", Integer.toString(port));
        pb.environment().put("SPIRAL_MANAGEMENT_PORT", "-1");
        pb.environment().put("SPIRAL_EMBEDDINGS", "off");
        pb.environment().put("SPIRAL_SEARCH_DIR", Files.createTempDirectory("spiral-apikilled-search").toString());
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return p;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        p.destroyForcibly();
        throw new AssertionError("the API did not start: " + Files.readString(log));
    }

    private static JsonNode job(int port, String id) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/analytics/jobs/" + id))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void aJobRunningWhenTheApiIsKilledCompletesAfterARestart() throws Exception {
        Path dir = Files.createTempDirectory("spiral-apikilled");
        int port = freePort();
        Process first = startApi(port, dir.resolve("first.log"));
        Process second = null;
        try (Connection lock = data.config.connect()) {
            lock.setAutoCommit(false);
            try (Statement st = lock.createStatement()) {
                st.execute("LOCK TABLE sprint_stats IN ACCESS EXCLUSIVE MODE");
            }
            HttpResponse<String> submitted = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/analytics/jobs"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"spec\": {\"metrics\": [\"velocity\"], \"dimensions\": [\"sprint\"]}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
            String id = JSON.readTree(submitted.body()).get("id").asText();
            long deadline = System.currentTimeMillis() + 20_000;
            while (!job(port, id).get("status").asText().equals("running") && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(job(port, id).get("status").asText()).isEqualTo("running");
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            lock.rollback();

            second = startApi(port, dir.resolve("second.log"));
            deadline = System.currentTimeMillis() + 60_000;
            JsonNode j = job(port, id);
            while (!j.get("status").asText().equals("completed") && System.currentTimeMillis() < deadline) {
                Thread.sleep(250);
                j = job(port, id);
            }
            assertThat(j.get("status").asText()).as(j.toString()).isEqualTo("completed");
            assertThat(j.get("attempts").asInt()).as("claimed again after its worker died").isEqualTo(2);
            assertThat(j.get("row_count").asInt()).isPositive();
        } finally {
            first.destroyForcibly();
            if (second != null) {
                second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void anExportCutByAKillIsAnErrorForTheClientAndCompleteWhenAskedAgain() throws Exception {
        int rows = 1_000_000;
        UUID id;
        try (Connection c = data.config.connect(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO analytics_jobs (tenant_id, user_id, spec, spec_hash, status, progress, completed_at, row_count, result)
                SELECT ?, 'tester', '{"metrics": ["wip"]}', 'export-kill', 'completed', 1, now(), ?,
                       jsonb_build_object('columns', '[{"name": "assignee", "type": "string"}, {"name": "wip", "type": "number"}]'::jsonb,
                                          'rows', jsonb_agg(jsonb_build_array('person ' || n, n) ORDER BY n))
                FROM generate_series(1, ?) n RETURNING id""")) {
            ps.setObject(1, acme);
            ps.setInt(2, rows);
            ps.setInt(3, rows);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getObject(1, UUID.class);
            }
        }
        Path dir = Files.createTempDirectory("spiral-apikilled-export");
        int port = freePort();
        Process first = startApi(port, dir.resolve("first.log"));
        Process second = null;
        try {
            HttpRequest export = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/analytics/export/" + id + "?format=csv"))
                    .header("Authorization", "Bearer " + key).build();
            HttpResponse<InputStream> cut = HTTP.send(export, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(cut.statusCode()).isEqualTo(200);
            InputStream in = cut.body();
            byte[] start = in.readNBytes(4096);
            assertThat(new String(start, StandardCharsets.UTF_8)).startsWith("assignee,wip");
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            Throwable broken = catchThrowable(() -> in.readAllBytes());
            assertThat(broken).as("a cut export must fail, not end like a whole file").isInstanceOf(java.io.IOException.class);

            second = startApi(port, dir.resolve("second.log"));
            HttpResponse<InputStream> again = HTTP.send(export, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(again.statusCode()).isEqualTo(200);
            long lines;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(again.body(), StandardCharsets.UTF_8))) {
                lines = r.lines().count();
            }
            assertThat(lines).as("header and every row").isEqualTo(rows + 1);
        } finally {
            first.destroyForcibly();
            if (second != null) {
                second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
