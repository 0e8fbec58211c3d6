package com.digitalspiral.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.digitalspiral.api.ops.Tracing;
import com.digitalspiral.api.translate.LlmConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The API's traces, read from OpenTelemetry's in-memory exporter: a question is one trace from the request through
 * translate, compile, the cache and SQL, every span carrying the tenant and none of them the API key or the question's
 * words; a cached answer has no SQL span; a job's run is a trace of its own.
 */
class TracingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUESTION = "velocity per project";

    @Test
    void aQuestionIsOneTraceFromTheRequestToItsSqlWithTheTenantButNeitherTheKeyNorTheWords() throws Exception {
        InMemorySpanExporter exported = InMemorySpanExporter.create();
        try (DemoData data = new DemoData("tracing", 600);
             ApiServer server = new ApiServer(data.apiConfig(), Clock.systemUTC(), LlmConfig.fromEnv(Map.of()),
                     Tracing.exporting(exported, true))) {
            UUID tenant = data.tenants().get(0);
            String key = data.key(tenant, 1000);
            JavalinTest.test(server.app(), (app, client) -> {
                String body = "{\"question\": \"" + QUESTION + "\"}";
                var first = client.post("/analytics/query", body, r -> r.header("Authorization", "Bearer " + key));
                assertThat(first.code()).isEqualTo(200);
                List<SpanData> spans = exported.getFinishedSpanItems();
                SpanData request = only(spans, "POST /analytics/query");
                assertThat(request.getKind()).isEqualTo(SpanKind.SERVER);
                assertThat(request.getAttributes().get(Tracing.TENANT)).isEqualTo(tenant.toString());
                for (String child : List.of("translate", "compile", "cache lookup", "sql")) {
                    SpanData span = only(spans, child);
                    assertThat(span.getTraceId()).as(child + " in the request's trace").isEqualTo(request.getTraceId());
                    assertThat(span.getParentSpanId()).as(child + " a child of the request").isEqualTo(request.getSpanId());
                    assertThat(span.getAttributes().get(Tracing.TENANT)).as(child + "'s tenant").isEqualTo(tenant.toString());
                }
                assertThat(only(spans, "translate").getAttributes().asMap().toString()).contains("spiral.shape", "spiral.reader=offline");
                assertNothingSecret(spans, key);

                exported.reset();
                var again = client.post("/analytics/query", body, r -> r.header("Authorization", "Bearer " + key));
                assertThat(again.code()).isEqualTo(200);
                List<SpanData> cached = exported.getFinishedSpanItems();
                assertThat(cached).extracting(SpanData::getName).as("answered from the cache").doesNotContain("sql")
                        .contains("POST /analytics/query", "cache lookup");

                exported.reset();
                var job = client.post("/analytics/jobs", "{\"spec\": {\"metrics\": [\"velocity\"], \"dimensions\": [\"project\"]}}",
                        r -> r.header("Authorization", "Bearer " + key));
                assertThat(job.code()).isBetween(200, 202);
                String id = JSON.readTree(job.body().string()).path("id").asText();
                long deadline = System.currentTimeMillis() + 30_000;
                while (exported.getFinishedSpanItems().stream().noneMatch(s -> s.getName().equals("job run"))
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                SpanData run = only(exported.getFinishedSpanItems(), "job run");
                assertThat(run.getParentSpanContext().isValid()).as("a trace of its own").isFalse();
                assertThat(run.getAttributes().asMap().toString()).contains(id, tenant.toString());
                assertNothingSecret(exported.getFinishedSpanItems(), key);

                var refused = client.get("/analytics/metrics", r -> r.header("Authorization", "Bearer not-a-key"));
                assertThat(refused.code()).isEqualTo(401);
                // refused before a route matched (named as the request metrics label it: unmatched)
                SpanData anonymous = exported.getFinishedSpanItems().stream().filter(x -> Long.valueOf(401).equals(
                        x.getAttributes().get(io.opentelemetry.api.common.AttributeKey.longKey("http.response.status_code"))))
                        .findFirst().orElseThrow();
                assertThat(anonymous.getKind()).isEqualTo(SpanKind.SERVER);
                assertThat(anonymous.getAttributes().get(Tracing.TENANT)).as("no tenant for a refused key").isNull();
                assertNothingSecret(List.of(anonymous), "not-a-key");
            });
        }
    }

    private static SpanData only(List<SpanData> spans, String name) {
        List<SpanData> named = spans.stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(named).as("spans named " + name + " among " + spans.stream().map(SpanData::getName).toList()).hasSize(1);
        return named.get(0);
    }

    /** No attribute of any span holds the key, the question's words, or (for that matter) any of its parts. */
    private static void assertNothingSecret(List<SpanData> spans, String key) {
        for (SpanData span : spans) {
            String attributes = span.getAttributes().asMap().toString() + span.getName();
            assertThat(attributes).as(span.getName()).doesNotContain(key).doesNotContain(key.substring(0, Math.min(12, key.length())))
                    .doesNotContain(QUESTION).doesNotContain("velocity per");
        }
    }
}
