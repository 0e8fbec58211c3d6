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
                        ids.add(pool.submit((Callable<String>) () -> idOf(post(client, "/analytics/jobs", body))));
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
                String again = idOf(post(client, "/analytics/jobs",
                        "{\"spec\": {\"metrics\": [\"velocity\"], \"dimensions\": [\"project\"]}}"));
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
                    String id = idOf(post(client, "/analytics/jobs", "{\"question\": \"lead time per project\"}"));
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
                VALUES (?, 'tester', ?::jsonb, ?, ?, ?, now() - interval '1 minute', 'dead-worker') RETURNING id""")) {
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

    /** The id of a job just submitted; fails with the answer's body when the submission was refused. */
    private static String idOf(Response submitted) throws Exception {
        String body = submitted.body().string();
        assertThat(submitted.code()).as(body).isBetween(200, 202);
        return JSON.readTree(body).get("id").asText();
    }

    private static Response post(HttpClient client, String path, String asKey, String body) {
        return client.request(path, req -> req.header("Authorization", "Bearer " + asKey)
                .header("Content-Type", "application/json").post(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static Response get(HttpClient client, String path, String asKey) {
        return client.get(path, req -> req.header("Authorization", "Bearer " + asKey));
    }

    private static String keyOf(UUID tenant, String user, boolean admin) throws Exception {
        try (Connection c = data.config.connect()) {
            return com.digitalspiral.api.auth.ApiKeys.create(c, tenant, user, "test", 100_000, admin).key();
        }
    }

    @Test
    void aJobIsItsUsersOwnAndAnAdminKeySeesAndCancelsEveryJobOfItsTenant() throws Exception {
        String ann = keyOf(acme, "ann", false);
        String ben = keyOf(acme, "ben", false);
        String admin = keyOf(acme, "lead", true);
        try (ApiServer server = new ApiServer(data.apiConfig())) {
            JavalinTest.test(server.app(), (app, client) -> {
                try (Connection lock = data.config.connect()) {
                    lock.setAutoCommit(false);
                    try (Statement st = lock.createStatement()) {
                        st.execute("LOCK TABLE sprint_stats IN ACCESS EXCLUSIVE MODE");
                    }
                    String spec = "{\"spec\": {\"metrics\": [\"velocity\"], \"dimensions\": [\"sprint\"]}}";
                    String annJob = idOf(post(client, "/analytics/jobs", ann, spec));
                    String benJob = idOf(post(client, "/analytics/jobs", ben, spec));
                    assertThat(benJob).as("the same spec from another user is that user's own job").isNotEqualTo(annJob);
                    assertThat(get(client, "/analytics/jobs/" + annJob, ben).code()).as("another user's job").isEqualTo(404);
                    assertThat(post(client, "/analytics/jobs/" + annJob + "/cancel", ben, "").code()).isEqualTo(404);
                    assertThat(get(client, "/analytics/jobs/" + annJob + "/stream", ben).code()).isEqualTo(404);
                    assertThat(JSON.readTree(get(client, "/analytics/jobs", ben).body().string()).get("jobs").toString())
                            .contains(benJob).doesNotContain(annJob);
                    assertThat(JSON.readTree(get(client, "/analytics/jobs", admin).body().string()).get("jobs").toString())
                            .contains(benJob).contains(annJob);
                    assertThat(get(client, "/analytics/jobs/" + annJob, admin).code()).isEqualTo(200);
                    assertThat(post(client, "/analytics/jobs/" + annJob + "/cancel", admin, "").code()).isEqualTo(202);
                    assertThat(post(client, "/analytics/jobs/" + benJob + "/cancel", ben, "").code()).isEqualTo(202);
                    lock.rollback();
                }
            });
        }
    }

    @Test
    void aTenantPastItsQuotaGets429AndAnotherTenantsJobDoesNotWaitBehindItsQueue() throws Exception {
        UUID other = data.tenants().get(1);
        String busy = keyOf(acme, "busy", false);
        String small = keyOf(other, "small", false);
        ApiConfig config = data.apiConfig().withJobs(new ApiConfig.JobLimits(2, 1, 6));
        try (ApiServer server = new ApiServer(config)) {
            JavalinTest.test(server.app(), (app, client) -> {
                try (Connection lock = data.config.connect()) {
                    lock.setAutoCommit(false);
                    try (Statement st = lock.createStatement()) {
                        st.execute("LOCK TABLE sprint_stats IN ACCESS EXCLUSIVE MODE");
                    }
                    List<Integer> codes = new ArrayList<>();
                    Response refused = null;
                    for (int i = 1; i <= 8; i++) {
                        Response r = post(client, "/analytics/jobs", busy, "{\"spec\": {\"metrics\": [\"velocity\"], "
                                + "\"dimensions\": [\"sprint\"], \"limit\": " + i + "}}");
                        codes.add(r.code());
                        if (r.code() == 429) {
                            refused = r;
                        }
                    }
                    assertThat(codes).as("six live jobs, then refused").containsExactly(202, 202, 202, 202, 202, 202, 429, 429);
                    assertThat(refused.headers().get("Retry-After")).isNotNull();
                    assertThat(refused.body().string()).contains("job-quota").contains("6");
                    // the busy tenant's first job holds one worker behind the lock; the other tenant's job takes the other
                    long start = System.nanoTime();
                    String id = idOf(post(client, "/analytics/jobs", small, "{\"spec\": {\"metrics\": [\"wip\"]}}"));
                    long deadline = System.currentTimeMillis() + 10_000;
                    String status = "";
                    while (System.currentTimeMillis() < deadline && !(status = JSON.readTree(get(client, "/analytics/jobs/" + id, small)
                            .body().string()).get("status").asText()).equals("completed")) {
                        Thread.sleep(50);
                    }
                    assertThat(status).as("another tenant's small job completes while the busy one's wait").isEqualTo("completed");
                    System.out.printf("small job of another tenant completed %d ms after submission, 6 jobs queued ahead of it%n",
                            (System.nanoTime() - start) / 1_000_000);
                    lock.rollback();
                }
            });
        }
    }

    @Test
    void aStreamOfAnUnknownJobIs404AndAClientAcceptingAnythingGetsTheStream() throws Exception {
        try (ApiServer server = new ApiServer(data.apiConfig())) {
            JavalinTest.test(server.app(), (app, client) -> {
                Response unknown = client.get("/analytics/jobs/" + UUID.randomUUID() + "/stream",
                        req -> req.header("Authorization", "Bearer " + key).header("Accept", "text/event-stream"));
                assertThat(unknown.code()).isEqualTo(404);
                assertThat(unknown.headers().get("Content-Type").toString()).contains("application/problem+json");
                String id = idOf(post(client, "/analytics/jobs", "{\"spec\": {\"metrics\": [\"bug_ratio\"]}}"));
                awaitFinished(client, id);
                Response any = client.get("/analytics/jobs/" + id + "/stream",
                        req -> req.header("Authorization", "Bearer " + key).header("Accept", "*/*"));
                assertThat(any.code()).isEqualTo(200);
                assertThat(any.body().string()).contains("event: completed");
                Response json = client.get("/analytics/jobs/" + id + "/stream",
                        req -> req.header("Authorization", "Bearer " + key).header("Accept", "application/json"));
                assertThat(json.code()).isEqualTo(406);
            });
        }
    }

    @Test
    void streamsAreWokenByTheJobsChangesNotByPollingAndLetGoWhenTheirClientHangsUp() throws Exception {
        try (ApiServer server = new ApiServer(data.apiConfig())) {
            JavalinTest.test(server.app(), (app, client) -> {
                try (Connection lock = data.config.connect()) {
                    lock.setAutoCommit(false);
                    try (Statement st = lock.createStatement()) {
                        st.execute("LOCK TABLE issue_stats IN ACCESS EXCLUSIVE MODE");
                    }
                    String id = idOf(post(client, "/analytics/jobs", "{\"spec\": {\"metrics\": [\"lead_time_p85\"]}}"));
                    List<java.net.Socket> sockets = new ArrayList<>();
                    for (int i = 0; i < 100; i++) {
                        java.net.Socket s = new java.net.Socket("localhost", app.port());
                        s.getOutputStream().write(("GET /analytics/jobs/" + id + "/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                                + key + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                        sockets.add(s);
                    }
                    long deadline = System.currentTimeMillis() + 10_000;
                    while (scrape(server, "analytics_job_streams_open") < 100 && System.currentTimeMillis() < deadline) {
                        Thread.sleep(50);
                    }
                    assertThat(scrape(server, "analytics_job_streams_open")).isEqualTo(100.0);
                    Thread.sleep(1000);
                    double before = scrape(server, "analytics_job_stream_reads_total");
                    Thread.sleep(3000);
                    assertThat(scrape(server, "analytics_job_stream_reads_total") - before)
                            .as("100 open streams of a job that does not change read nothing").isZero();
                    for (java.net.Socket s : sockets) {
                        s.close();
                    }
                    deadline = System.currentTimeMillis() + 20_000;
                    while (scrape(server, "analytics_job_streams_open") > 0 && System.currentTimeMillis() < deadline) {
                        Thread.sleep(100);
                    }
                    assertThat(scrape(server, "analytics_job_streams_open")).as("abandoned streams let go").isZero();
                    lock.rollback();
                }
                // a stream opened now follows the job to its end by notifications alone
                java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
                String id = idOf(post(client, "/analytics/jobs", "{\"spec\": {\"metrics\": [\"reopen_rate\"]}}"));
                List<String> events = http.send(HttpRequest.newBuilder(URI.create(client.getOrigin() + "/analytics/jobs/" + id + "/stream"))
                                .header("Authorization", "Bearer " + key).header("Accept", "text/event-stream").build(),
                        HttpResponse.BodyHandlers.ofLines()).body().filter(l -> l.startsWith("event:")).toList();
                assertThat(events).last().isEqualTo("event: completed");
            });
        }
    }

    private static double scrape(ApiServer server, String name) {
        for (String line : server.metrics().scrape().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }

    @Test
    void aRevokedKeyIsRefusedAsSoonAsTheRevocationCommits() throws Exception {
        String revoked = keyOf(acme, "leaver", false);
        try (ApiServer server = new ApiServer(data.apiConfig())) {
            JavalinTest.test(server.app(), (app, client) -> {
                long deadline = System.currentTimeMillis() + 10_000;
                while (get(client, "/health", revoked).body().string().contains("\"database\":\"down\"")
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(get(client, "/analytics/dimensions", revoked).code()).isEqualTo(200);
                assertThat(get(client, "/analytics/dimensions", revoked).code()).as("remembered now").isEqualTo(200);
                try (Connection c = data.config.connect()) {
                    assertThat(com.digitalspiral.api.auth.ApiKeys.revoke(c, revoked.substring(0, 12))).isEqualTo(1);
                }
                long revokedAt = System.nanoTime();
                int code = 200;
                while (code == 200 && System.nanoTime() - revokedAt < 5_000_000_000L) {
                    code = get(client, "/analytics/dimensions", revoked).code();
                }
                long ms = (System.nanoTime() - revokedAt) / 1_000_000;
                System.out.printf("a revoked key was refused %d ms after the revocation committed%n", ms);
                assertThat(code).isEqualTo(401);
                assertThat(ms).as("within a second, not the 30 s a look-up is remembered").isLessThan(1000);
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
