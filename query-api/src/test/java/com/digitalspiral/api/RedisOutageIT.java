package com.digitalspiral.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.digitalspiral.pipeline.it.TcpProxy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Redis goes away under the running API and comes back (a proxy in front of it closes every connection and
 * refuses new ones): answers stay correct and uncached meanwhile, and a figure changed while Redis could not hear
 * of it is never served from an entry cached before the change once Redis is back.
 */
class RedisOutageIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void answersStayRightWhileRedisIsGoneAndNoStaleEntryIsServedWhenItIsBack() throws Exception {
        try (DemoData data = new DemoData("redisout", 600); TcpProxy redis = new TcpProxy("127.0.0.1", 6379)) {
            UUID tenant = data.tenants().get(0);
            String key = data.key(tenant, 100_000);
            ApiConfig config = data.apiConfig().withRedisUrl("redis://127.0.0.1:" + redis.port());
            try (ApiServer server = new ApiServer(config)) {
                JavalinTest.test(server.app(), (app, client) -> {
                    String spec = "{\"metrics\": [\"velocity\"], \"dimensions\": [\"project\"]}";
                    java.util.function.Supplier<JsonNode> run = () -> {
                        Response r = client.request("/analytics/run", req -> req.header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json").post(HttpRequest.BodyPublishers.ofString(spec)));
                        try {
                            String body = r.body().string();
                            assertThat(r.code()).as(body).isEqualTo(200);
                            return JSON.readTree(body);
                        } catch (java.io.IOException e) {
                            throw new IllegalStateException(e);
                        }
                    };
                    long deadline = System.currentTimeMillis() + 15_000;
                    while (!server.cache().usable() && System.currentTimeMillis() < deadline) {
                        Thread.sleep(50);
                    }
                    double before = sum(run.get());
                    assertThat(run.get().at("/meta/cached").asBoolean()).as("cached before the outage").isTrue();

                    redis.cut();
                    JsonNode during = run.get();
                    assertThat(during.at("/meta/cached").asBoolean()).as("uncached while Redis is gone").isFalse();
                    assertThat(client.get("/health").body().string()).contains("\"redis\":\"down\"");
                    try (Connection c = data.config.connect(); PreparedStatement ps = c.prepareStatement(
                            "UPDATE sprint_stats SET completed_sp = completed_sp + 1000 WHERE tenant_id = ?")) {
                        ps.setObject(1, tenant);
                        assertThat(ps.executeUpdate()).isPositive();
                    }
                    Thread.sleep(500);
                    assertThat(sum(run.get())).as("the change, read while Redis is gone").isGreaterThan(before + 999);

                    redis.restore();
                    deadline = System.currentTimeMillis() + 30_000;
                    while (!client.get("/health").body().string().contains("\"cache\":\"serving\"")
                            && System.currentTimeMillis() < deadline) {
                        Thread.sleep(200);
                    }
                    assertThat(client.get("/health").body().string()).contains("\"redis\":\"up\"").contains("\"cache\":\"serving\"");
                    JsonNode after = run.get();
                    assertThat(sum(after)).as("never the entry cached before the change").isGreaterThan(before + 999);
                    assertThat(sum(run.get())).isEqualTo(sum(after));
                });
            }
        }
    }

    private static double sum(JsonNode answer) {
        double sum = 0;
        for (JsonNode row : answer.get("rows")) {
            sum += row.get(row.size() - 1).asDouble();
        }
        return sum;
    }
}
