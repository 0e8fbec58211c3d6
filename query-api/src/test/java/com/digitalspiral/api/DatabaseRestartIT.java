package com.digitalspiral.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.digitalspiral.pipeline.it.TcpProxy;
import com.digitalspiral.store.DbConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Postgres goes away under the running API and comes back (a proxy in front of it closes every connection and
 * refuses new ones): health says so within its deadline, queries get a 503 with Retry-After instead of a stale
 * cached answer, and once the database is back the pool and the change listener recover by themselves, and a
 * figure changed while the API could not hear about it is not served from the cache.
 */
class DatabaseRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static HttpResponse<String> call(String origin, String path, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(origin + path)).timeout(Duration.ofSeconds(60));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (body != null) {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double velocity(HttpResponse<String> r) throws Exception {
        double sum = 0;
        for (JsonNode row : JSON.readTree(r.body()).get("rows")) {
            sum += row.get(row.size() - 1).asDouble();
        }
        return sum;
    }

    @Test
    void theApiTellsTheTruthWhileItsDatabaseIsGoneAndRecoversWithoutServingStaleAnswers() throws Exception {
        try (DemoData data = new DemoData("dbrestart", 800);
             TcpProxy proxy = new TcpProxy(data.config.host(), data.config.port())) {
            UUID tenant = data.tenants().get(0);
            String key = data.key(tenant, 100_000);
            DbConfig viaProxy = new DbConfig("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + data.config.database(),
                    data.config.user(), data.config.password());
            ApiConfig config = ApiConfig.fromEnv(Map.of(), viaProxy).withPort(0).withManagementPort(0).withPoolSize(4)
                    .withStatementTimeout(Duration.ofSeconds(5));
            try (ApiServer server = new ApiServer(config).start()) {
                String origin = "http://localhost:" + server.port();
                String spec = "{\"metrics\": [\"velocity\"], \"dimensions\": [\"project\"]}";
                long deadline = System.currentTimeMillis() + 15_000;
                while (!server.cache().usable() && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
                double before = velocity(call(origin, "/analytics/run", key, spec));
                assertThat(JSON.readTree(call(origin, "/analytics/run", key, spec).body()).at("/meta/cached").asBoolean()).isTrue();

                proxy.cut();
                long asked = System.nanoTime();
                HttpResponse<String> health = call(origin, "/health", null, null);
                long healthMs = (System.nanoTime() - asked) / 1_000_000;
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).contains("\"database\":\"down\"");
                assertThat(healthMs).as("health answers within its deadline").isLessThan(3_000);

                // the figures change while the API cannot hear about it
                try (Connection c = data.config.connect(); PreparedStatement ps = c.prepareStatement(
                        "UPDATE sprint_stats SET completed_sp = completed_sp + 1000 WHERE tenant_id = ?")) {
                    ps.setObject(1, tenant);
                    assertThat(ps.executeUpdate()).isPositive();
                }
                asked = System.nanoTime();
                HttpResponse<String> during = call(origin, "/analytics/run", key, spec);
                long duringMs = (System.nanoTime() - asked) / 1_000_000;
                assertThat(during.statusCode()).as("no stale answer from the cache: " + during.body()).isEqualTo(503);
                assertThat(during.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
                assertThat(during.headers().firstValue("Retry-After")).isPresent();
                assertThat(duringMs).as("a query waits a bounded time for the database").isLessThan(15_000);

                proxy.restore();
                long back = System.nanoTime();
                deadline = System.currentTimeMillis() + 30_000;
                HttpResponse<String> after = call(origin, "/health", null, null);
                while ((after.statusCode() != 200 || !after.body().contains("\"change_listener\":\"listening\""))
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(200);
                    after = call(origin, "/health", null, null);
                }
                assertThat(after.statusCode()).isEqualTo(200);
                assertThat(after.body()).contains("\"change_listener\":\"listening\"");
                HttpResponse<String> answer = call(origin, "/analytics/run", key, spec);
                while (answer.statusCode() != 200 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(200);
                    answer = call(origin, "/analytics/run", key, spec);
                }
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(velocity(answer)).as("the change made while the API was cut off").isGreaterThan(before + 999);
                System.out.printf("health answered in %d ms while the database was gone, a query in %d ms (503); "
                        + "recovered %d ms after it was back%n", healthMs, duringMs, (System.nanoTime() - back) / 1_000_000);
            }
        }
    }
}
