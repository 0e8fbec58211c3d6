package com.digitalspiral.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.digitalspiral.api.translate.LlmConfig;
import com.digitalspiral.api.translate.Translation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A provider that sends its headers and then stalls, or trickles its body a byte at a time, cannot hold a
 * question: one deadline covers the whole call, the offline reader answers, a bounded pool turns away what it
 * cannot serve, and after repeated failures a breaker keeps questions off the provider, which /health says.
 */
class LlmDeadlineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOOD = "{\"spec\": {\"metrics\": [\"velocity\"], \"dimensions\": [\"project\"]}, \"explanation\": \"v\"}";
    private static DemoData data;
    private static UUID acme;

    @BeforeAll
    static void setUp() throws Exception {
        data = new DemoData("llmdeadline", 600);
        acme = data.tenants().get(0);
    }

    @AfterAll
    static void tearDown() throws Exception {
        data.close();
    }

    private static ApiServer server(FakeLlm fake, long deadlineMs, int concurrency) throws Exception {
        LlmConfig llm = new LlmConfig("openai", "test-key", fake.baseUrl(), "fake-model", Duration.ofMillis(deadlineMs), concurrency);
        return new ApiServer(data.apiConfig(), Clock.systemUTC(), llm);
    }

    @Test
    void aProviderThatStallsAfterItsHeadersIsAnsweredByTheOfflineReaderWithinTheDeadline() throws Exception {
        try (FakeLlm fake = new FakeLlm(FakeLlm.Protocol.OPENAI); ApiServer server = server(fake, 800, 8)) {
            fake.stallAfterHeadersMs = 60_000;
            fake.replies.add(GOOD);
            long t0 = System.nanoTime();
            Translation t = server.questionTranslator().translate("velocity per project", acme);
            long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
            assertThat(t.translator()).isEqualTo("offline (openai unavailable)");
            assertThat(ms).as("answered within the deadline and a little").isLessThan(2_500);
            assertThat(server.metrics().scrape()).as("counted as a fallback, for the alert on them")
                    .contains("analytics_questions_translated_total{outcome=\"answered\",reader=\"fallback\"} 1.0");
        }
    }

    @Test
    void aProviderThatTricklesItsBodyIsCutOffAtTheDeadline() throws Exception {
        try (FakeLlm fake = new FakeLlm(FakeLlm.Protocol.OPENAI); ApiServer server = server(fake, 800, 8)) {
            fake.trickleMs = 200;
            fake.replies.add(GOOD);
            long t0 = System.nanoTime();
            Translation t = server.questionTranslator().translate("velocity per project", acme);
            assertThat(t.translator()).isEqualTo("offline (openai unavailable)");
            assertThat(Duration.ofNanos(System.nanoTime() - t0).toMillis()).isLessThan(2_500);
        }
    }

    @Test
    void manyStalledQuestionsAtOnceAreAllAnsweredAndHealthStillAnswersFast() throws Exception {
        try (FakeLlm fake = new FakeLlm(FakeLlm.Protocol.OPENAI); ApiServer server = server(fake, 1_000, 4)) {
            fake.stallAfterHeadersMs = 60_000;
            for (int i = 0; i < 100; i++) {
                fake.replies.add(GOOD);
            }
            ExecutorService clients = Executors.newFixedThreadPool(60);
            List<Future<Translation>> answers = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < 60; i++) {
                answers.add(clients.submit(() -> server.questionTranslator().translate("velocity per project", acme)));
            }
            JavalinTest.test(server.app(), (app, client) -> {
                long h0 = System.nanoTime();
                JsonNode health = JSON.readTree(client.get("/health").body().string());
                assertThat(Duration.ofNanos(System.nanoTime() - h0).toMillis()).as("/health while 60 questions wait").isLessThan(1_000);
                assertThat(health.get("translator").get("reader").asText()).isEqualTo("openai");
            });
            for (Future<Translation> f : answers) {
                assertThat(f.get(10, TimeUnit.SECONDS).translator()).startsWith("offline");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - t0).toMillis()).as("all 60 answered").isLessThan(8_000);
            assertThat(fake.requests.size()).as("the pool bounds what reaches the provider").isLessThanOrEqualTo(4 * 2);
            clients.shutdownNow();
        }
    }

    @Test
    void afterRepeatedFailuresTheBreakerKeepsQuestionsOffTheProviderAndHealthSaysDegraded() throws Exception {
        try (FakeLlm fake = new FakeLlm(FakeLlm.Protocol.OPENAI); ApiServer server = server(fake, 300, 8)) {
            fake.stallAfterHeadersMs = 60_000;
            for (int i = 0; i < 5; i++) {
                fake.replies.add(GOOD);
                server.questionTranslator().translate("velocity per project", acme);
            }
            int asked = fake.requests.size();
            long t0 = System.nanoTime();
            Translation t = server.questionTranslator().translate("velocity per project", acme);
            assertThat(t.translator()).startsWith("offline");
            assertThat(Duration.ofNanos(System.nanoTime() - t0).toMillis()).as("no wait for an open breaker").isLessThan(200);
            assertThat(fake.requests).hasSize(asked);
            JavalinTest.test(server.app(), (app, client) -> {
                JsonNode health = JSON.readTree(client.get("/health").body().string());
                assertThat(health.get("status").asText()).isEqualTo("degraded");
                assertThat(health.get("translator").get("breaker").asText()).isEqualTo("open");
                assertThat(health.get("translator").get("fallback").asText()).startsWith("offline reader until");
            });
        }
    }
}
