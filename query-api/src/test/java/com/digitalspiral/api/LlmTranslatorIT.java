package com.digitalspiral.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.digitalspiral.api.translate.LlmConfig;
import com.digitalspiral.api.translate.Translation;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The language-model path against local servers speaking OpenAI's and Anthropic's protocols. */
class LlmTranslatorIT {

    private static final String GOOD = "{\"spec\": {\"metrics\": [\"spillover_ratio\"], \"dimensions\": [\"sprint\"], "
            + "\"filters\": [{\"field\": \"project\", \"op\": \"eq\", \"value\": \"ALPHA\"}]}, \"explanation\": \"spillover per ALPHA sprint\"}";
    private static DemoData data;
    private static UUID acme;

    @BeforeAll
    static void setUp() throws Exception {
        data = new DemoData("llm", 600);
        acme = data.tenants().get(0);
    }

    @AfterAll
    static void tearDown() throws Exception {
        data.close();
    }

    private static ApiServer server(String provider, FakeLlm fake, long timeoutMs) throws Exception {
        LlmConfig llm = new LlmConfig(provider, "test-key", fake.baseUrl(), "fake-model", Duration.ofMillis(timeoutMs));
        return new ApiServer(data.apiConfig(), Clock.systemUTC(), llm);
    }

    @Test
    void openAiAnswersWithASpecAndItsPromptHoldsTheCatalogAndOnlyTheTenantsNames() throws Exception {
        try (FakeLlm fake = new FakeLlm(FakeLlm.Protocol.OPENAI); ApiServer server = server("openai", fake, 5000)) {
            fake.replies.add(GOOD);
            Translation t = server.questionTranslator().translate("which ALPHA sprints spilled over?", acme);
            assertThat(t.translator()).isEqualTo("openai");
            assertThat(t.spec().get("metrics").get(0).asText()).isEqualTo("spillover_ratio");
            assertThat(fake.paths).containsExactly("/v1/chat/completions");
            String sent = fake.requests.get(0);
            assertThat(sent).contains("sprint_problematic_score").contains("scope churn").contains("story_points")
                    .contains("ALPHA").contains("which ALPHA sprints spilled over?");
            assertThat(sent).as("another tenant's projects stay out of the prompt").doesNotContain("DELTA").doesNotContain("OMEGA");
        }
    }

    @Test
    void anInvalidReplyIsSentBackForRepair() throws Exception {
        try (FakeLlm fake = new FakeLlm(FakeLlm.Protocol.OPENAI); ApiServer server = server("openai", fake, 5000)) {
            fake.replies.add("{\"spec\": {\"metrics\": [\"spilover_ratio\"]}}");
            fake.replies.add("```json\n" + GOOD + "\n```");
            Translation t = server.questionTranslator().translate("spillover of ALPHA sprints", acme);
            assertThat(t.spec().get("metrics").get(0).asText()).isEqualTo("spillover_ratio");
            assertThat(fake.requests).hasSize(2);
            assertThat(fake.requests.get(1)).contains("/metrics/0").contains("did you mean 'spillover_ratio'");
        }
    }

    @Test
    void aReplyThatStaysInvalidIsRefusedAfterTwoRepairs() throws Exception {
        try (FakeLlm fake = new FakeLlm(FakeLlm.Protocol.OPENAI); ApiServer server = server("openai", fake, 5000)) {
            for (int i = 0; i < 5; i++) {
                fake.replies.add("SELECT * FROM issues; -- here you go");
            }
            Throwable t = catchThrowable(() -> server.questionTranslator().translate("spillover of ALPHA", acme));
            assertThat(t).isInstanceOf(Translation.CannotAnswer.class).hasMessageContaining("did not produce a valid spec");
            assertThat(fake.requests).hasSize(3);
        }
    }

    @Test
    void theModelMayRefuse() throws Exception {
        try (FakeLlm fake = new FakeLlm(FakeLlm.Protocol.OPENAI); ApiServer server = server("openai", fake, 5000)) {
            fake.replies.add("{\"cannot_answer\": \"no complexity metric\"}");
            Throwable t = catchThrowable(() -> server.questionTranslator().translate("cyclomatic complexity per project", acme));
            assertThat(t).isInstanceOf(Translation.CannotAnswer.class).hasMessage("no complexity metric");
            assertThat(((Translation.CannotAnswer) t).suggestions()).isNotEmpty();
        }
    }

    @Test
    void aSlowProviderTimesOutIntoTheOfflineTranslator() throws Exception {
        try (FakeLlm fake = new FakeLlm(FakeLlm.Protocol.OPENAI); ApiServer server = server("openai", fake, 300)) {
            fake.delayMs = 3000;
            fake.replies.add(GOOD);
            long t0 = System.nanoTime();
            Translation t = server.questionTranslator().translate("velocity per project", acme);
            assertThat(t.translator()).isEqualTo("offline (openai unavailable)");
            assertThat(t.spec().get("metrics").get(0).asText()).isEqualTo("velocity");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(2500));
        }
    }

    @Test
    void anthropicSpeaksItsOwnProtocol() throws Exception {
        try (FakeLlm fake = new FakeLlm(FakeLlm.Protocol.ANTHROPIC); ApiServer server = server("anthropic", fake, 5000)) {
            fake.replies.add(GOOD);
            Translation t = server.questionTranslator().translate("which ALPHA sprints spilled over?", acme);
            assertThat(t.translator()).isEqualTo("anthropic");
            assertThat(fake.paths).containsExactly("/v1/messages");
            assertThat(fake.requests.get(0)).contains("sprint_problematic_score").contains("\"system\"");
        }
    }
}
