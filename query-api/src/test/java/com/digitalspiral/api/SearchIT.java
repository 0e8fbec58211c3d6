package com.digitalspiral.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.digitalspiral.api.auth.ApiKeys;
import com.digitalspiral.store.embed.EmbeddingConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Search over issues, the whole path: an edit of a Jira row → CDC → the pipeline's embedding branch (MiniLM in
 * process) → issue_embeddings → the API's index → POST /analytics/search.
 */
class SearchIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningPipeline db;
    private static ApiServer api;
    private static UUID acme;
    private static UUID other;
    private static String acmeKey;
    private static String otherKey;

    @BeforeAll
    static void setUp() throws Exception {
        db = new RunningPipeline("search", 42, 2, 600, EmbeddingConfig.MINILM);
        api = new ApiServer(ApiConfig.fromEnv(Map.of(), db.config()).withPort(0).withManagementPort(0).withPoolSize(4));
        try (Connection c = db.config().connect(); PreparedStatement ps = c.prepareStatement("SELECT id FROM tenants ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            acme = rs.getObject(1, UUID.class);
            rs.next();
            other = rs.getObject(1, UUID.class);
            acmeKey = ApiKeys.create(c, acme, "tester", "test", 100_000).key();
            otherKey = ApiKeys.create(c, other, "tester", "test", 100_000).key();
        }
        api.search().catchUp();
        api.app().start(0);
        client = new Http("http://localhost:" + api.app().port());
    }

    private static Http client;

    /** A small client of the running app (one app serves every test: its index holds a lock on its folder). */
    record Http(String origin) {
        private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

        Res request(String path, java.util.function.Consumer<java.net.http.HttpRequest.Builder> setup) throws Exception {
            java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(origin + path));
            setup.accept(b);
            java.net.http.HttpResponse<String> r = HTTP.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Res(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        }
    }

    record Res(int code, String contentType, String body) {}

    @AfterAll
    static void tearDown() throws Exception {
        if (api != null) {
            api.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private static Res search(Http client, String key, String body) throws Exception {
        return client.request("/analytics/search", b -> b.header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
    }

    private static List<String> keys(Res r) throws Exception {
        JsonNode n = JSON.readTree(r.body());
        List<String> out = new ArrayList<>();
        n.get("hits").forEach(h -> out.add(h.get("issue_key").asText()));
        return out;
    }

    private static String[] anIssue(UUID tenant) throws Exception {
        try (Connection c = db.config().connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT id::text, issue_key FROM issues WHERE tenant_id = ? AND issue_type = 'Bug' ORDER BY issue_key LIMIT 1")) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new String[] {rs.getString(1), rs.getString(2)};
            }
        }
    }

    @Test
    void anEditedSummaryIsFoundByItsNewWordsWithinFiveSecondsAndADeletedIssueDisappears() throws Exception {
        {
            String[] issue = anIssue(acme);
            String words = "quasar telemetry overheats the flux capacitor";
            try (Connection c = db.config().connect(); PreparedStatement ps = c.prepareStatement(
                    "UPDATE issues SET summary = ?, jira_updated_at = now() WHERE id = ?::uuid")) {
                ps.setString(1, "Quasar telemetry overheats the flux capacitor");
                ps.setString(2, issue[0]);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            long committed = System.nanoTime();
            String body = "{\"query\": \"" + words + "\", \"limit\": 3}";
            List<String> found = List.of();
            while (System.nanoTime() - committed < 10_000_000_000L) {
                found = keys(search(client, acmeKey, body));
                if (!found.isEmpty() && found.get(0).equals(issue[1])) {
                    break;
                }
                Thread.sleep(50);
            }
            double seconds = (System.nanoTime() - committed) / 1e9;
            assertThat(found).as("the edited issue is the first hit").startsWith(issue[1]);
            assertThat(seconds).as("from the commit to the first hit (s)").isLessThan(5.0);
            System.out.printf("edited summary found %.2f s after its commit%n", seconds);

            // the other tenant never sees it, whatever it searches
            assertThat(keys(search(client, otherKey, body))).doesNotContain(issue[1]);

            try (Connection c = db.config().connect(); PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM issues WHERE id = ?::uuid")) {
                ps.setString(1, issue[0]);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            long deleted = System.nanoTime();
            while (keys(search(client, acmeKey, body)).contains(issue[1]) && System.nanoTime() - deleted < 10_000_000_000L) {
                Thread.sleep(50);
            }
            assertThat(keys(search(client, acmeKey, body))).doesNotContain(issue[1]);
            assertThat((System.nanoTime() - deleted) / 1e9).as("from the delete to its absence (s)").isLessThan(5.0);
        }
    }

    @Test
    void aStatusChangeIsSeenByTheFilterWithoutReEmbedding() throws Exception {
        {
            String[] issue;
            String hash;
            try (Connection c = db.config().connect(); PreparedStatement ps = c.prepareStatement("""
                    SELECT i.id::text, i.issue_key, e.text_hash FROM issues i JOIN issue_embeddings e ON e.issue_id = i.id
                    WHERE i.tenant_id = ? AND i.status <> 'Blocked' AND i.issue_type = 'Story' ORDER BY i.issue_key LIMIT 1""")) {
                ps.setObject(1, acme);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    issue = new String[] {rs.getString(1), rs.getString(2)};
                    hash = rs.getString(3);
                }
            }
            String summary;
            try (Connection c = db.config().connect(); PreparedStatement ps = c.prepareStatement(
                    "UPDATE issues SET status = 'Blocked' WHERE id = ?::uuid RETURNING summary")) {
                ps.setString(1, issue[0]);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    summary = rs.getString(1);
                }
            }
            String body = JSON.writeValueAsString(Map.of("query", summary, "limit", 10, "mode", "keyword",
                    "filters", Map.of("status", "Blocked")));
            long deadline = System.currentTimeMillis() + 10_000;
            while (!keys(search(client, acmeKey, body)).contains(issue[1]) && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(keys(search(client, acmeKey, body))).contains(issue[1]);
            try (Connection c = db.config().connect(); PreparedStatement ps = c.prepareStatement(
                    "SELECT text_hash FROM issue_embeddings WHERE issue_id = ?::uuid")) {
                ps.setString(1, issue[0]);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getString(1)).as("the text was not embedded again").isEqualTo(hash);
                }
            }
        }
    }

    @Test
    void filtersHoldInsideTheSearchSoEveryHitMatchesThem() throws Exception {
        {
            Res r = search(client, acmeKey, "{\"query\": \"checkout times out\", \"limit\": 20, "
                    + "\"filters\": {\"issue_type\": \"Bug\", \"project\": [\"ALPHA\"]}}");
            assertThat(r.code()).isEqualTo(200);
            JsonNode n = JSON.readTree(r.body());
            assertThat(n.get("hits").size()).isPositive();
            n.get("hits").forEach(h -> {
                assertThat(h.get("issue_type").asText()).isEqualTo("Bug");
                assertThat(h.get("project").asText()).isEqualTo("ALPHA");
            });
            assertThat(n.at("/meta/model").asText()).isEqualTo("all-minilm-l6-v2");
            assertThat(n.at("/meta/index_as_of").isTextual()).isTrue();
        }
    }

    @Test
    void similarIssuesAreAboutTheSameThingAndLeaveTheIssueItselfOut() throws Exception {
        {
            String key = anIssue(acme)[1];
            Res r = client.request("/analytics/issues/" + key + "/similar?limit=5",
                    b -> b.header("Authorization", "Bearer " + acmeKey));
            assertThat(r.code()).isEqualTo(200);
            List<String> hits = keys(r);
            assertThat(hits).hasSize(5).doesNotContain(key);
            assertThat(client.request("/analytics/issues/NOPE-99999/similar", b -> b.header("Authorization", "Bearer " + acmeKey))
                    .code()).isEqualTo(404);
            assertThat(client.request("/analytics/issues/%27;drop/similar", b -> b.header("Authorization", "Bearer " + acmeKey))
                    .code()).isEqualTo(400);
        }
    }

    @Test
    void aQuestionAskingForIssuesAboutSomethingIsAnsweredBySearch() throws Exception {
        Res r = client.request("/analytics/query", b -> b.header("Authorization", "Bearer " + acmeKey)
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"question\": \"find bugs about checkout timeouts in ALPHA\"}")));
        assertThat(r.code()).isEqualTo(200);
        JsonNode n = JSON.readTree(r.body());
        assertThat(n.get("kind").asText()).isEqualTo("search");
        assertThat(n.at("/search/filters/project").asText()).isEqualTo("ALPHA");
        assertThat(n.get("hits").size()).isPositive();
        n.get("hits").forEach(h -> assertThat(h.get("issue_type").asText()).isEqualTo("Bug"));
        Res figures = client.request("/analytics/query", b -> b.header("Authorization", "Bearer " + acmeKey)
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"question\": \"how many bugs are open in ALPHA\"}")));
        assertThat(JSON.readTree(figures.body()).get("kind").asText()).isEqualTo("figures");
    }

    @Test
    void hostileQueriesGetAClearFourHundredOrAResultNeverAFiveHundred() throws Exception {
        {
            List<String> bodies = List.of(
                    "{\"query\": \"" + "a".repeat(1001) + "\"}",
                    "{\"query\": \"\"}",
                    "{\"query\": \"   \"}",
                    "{\"query\": \"\\u0000login\"}",
                    "{\"query\": \"title:login AND (timeout OR\"}",
                    "{\"query\": \"*\"}",
                    "{\"query\": \"?~^\\\\/[]{}!\"}",
                    "{\"query\": \"login~2 \\\"sign in\\\"^4\"}",
                    "{\"query\": \"😀 登录 超时 تسجيل الدخول\"}",
                    "{\"query\": \"e\\u0301\\u0301\\u0301\"}",
                    "{\"query\": \"the and of\", \"mode\": \"keyword\"}",
                    "{\"query\": \"login\", \"limit\": 0}",
                    "{\"query\": \"login\", \"limit\": 101}",
                    "{\"query\": \"login\", \"limit\": \"ten\"}",
                    "{\"query\": \"login\", \"limit\": 1e308}",
                    "{\"query\": \"login\", \"mode\": \"fuzzy\"}",
                    "{\"query\": \"login\", \"filters\": {\"color\": \"red\"}}",
                    "{\"query\": \"login\", \"filters\": {\"created_from\": \"+999999999-01-01\"}}",
                    "{\"query\": \"login\", \"filters\": {\"created_from\": \"2026-02-30\"}}",
                    "{\"query\": \"login\", \"filters\": {\"project\": [1, 2]}}",
                    "{\"query\": 42}",
                    "[1, 2, 3]",
                    "{\"query\": \"login\", \"extra\": true}");
            for (String body : bodies) {
                Res r = search(client, acmeKey, body);
                String text = r.body();
                assertThat(r.code()).as(body + " → " + text).isLessThan(500);
                if (r.code() >= 400) {
                    assertThat(r.contentType()).as(body).contains("application/problem+json");
                    assertThat(JSON.readTree(text).get("detail").asText()).as(body).isNotBlank();
                }
            }
            assertThat(search(client, acmeKey, "{\"query\": \"" + "a".repeat(1001) + "\"}").code()).isEqualTo(400);
            assertThat(search(client, acmeKey, "{\"query\": \"\"}").code()).isEqualTo(422);
            assertThat(search(client, acmeKey, "{\"query\": \"title:login AND (timeout OR\"}").code()).isEqualTo(200);
        }
    }
}
