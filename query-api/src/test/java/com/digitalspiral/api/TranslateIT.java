package com.digitalspiral.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.digitalspiral.api.auth.Caller;
import com.digitalspiral.api.translate.NlEvaluation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Questions in plain language, answered without an LLM, on the demo data the question set is written for. */
class TranslateIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static DemoData data;
    private static ApiServer server;
    private static UUID acme;
    private static UUID initech;

    @BeforeAll
    static void setUp() throws Exception {
        data = new DemoData("translate", 5000);
        server = new ApiServer(data.apiConfig());
        server.cache().setEnabled(false);
        server.translator().ready();
        acme = data.tenants().get(0);
        initech = data.tenants().get(2);
    }

    @AfterAll
    static void tearDown() throws Exception {
        server.close();
        data.close();
    }

    @Test
    void theOfflineTranslatorKeepsItsAccuracyOnTheQuestionSet() throws Exception {
        List<NlEvaluation.Case> cases = NlEvaluation.read(Path.of("../eval/nl_questions.jsonl"), Clock.systemUTC());
        assertThat(cases.size()).isGreaterThanOrEqualTo(200);
        NlEvaluation.Summary s = NlEvaluation.run(cases, server.translator(), server.queries(),
                new Caller(UUID.randomUUID(), acme, "eval", 1_000_000));
        List<String> wrong = s.outcomes().stream().filter(o -> !o.right()).map(o -> o.c().question() + " → " + o.detail()).toList();
        assertThat(s.accuracy()).as("execution accuracy; wrong: %s", wrong).isGreaterThanOrEqualTo(0.95);
        assertThat(s.refusalAccuracy()).as("refusals; wrong: %s", wrong).isEqualTo(1.0);
    }

    @Test
    void queryAnswersAQuestionWithRowsAndRefusalsAre422WithSuggestions() throws Exception {
        String key = data.key(acme, 10_000);
        JavalinTest.test(new ApiServer(data.apiConfig()).app(), (app, client) -> {
            Response r = client.request("/analytics/query", req -> req.header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").post(HttpRequest.BodyPublishers.ofString(
                            "{\"question\": \"which sprints in ALPHA spilled over most this quarter?\"}")));
            assertThat(r.code()).isEqualTo(200);
            JsonNode body = JSON.readTree(r.body().string());
            assertThat(body.get("spec").get("metrics").get(0).asText()).isEqualTo("spillover_ratio");
            assertThat(body.get("meta").get("translator").asText()).isEqualTo("offline");
            assertThat(body.get("rows").size()).isPositive();
            body.get("rows").forEach(row -> assertThat(row.get(0).asText()).startsWith("ALPHA"));

            Response refused = client.request("/analytics/translate", req -> req.header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").post(HttpRequest.BodyPublishers.ofString(
                            "{\"question\": \"what is our revenue per project?\"}")));
            assertThat(refused.code()).isEqualTo(422);
            JsonNode problem = JSON.readTree(refused.body().string());
            assertThat(problem.get("type").asText()).endsWith("/cannot-answer");
            assertThat(problem.get("suggestions").size()).isPositive();

            Response bad = client.request("/analytics/translate", req -> req.header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").post(HttpRequest.BodyPublishers.ofString("{\"q\": 1}")));
            assertThat(bad.code()).isEqualTo(400);
        });
    }

    @Test
    void namesOfAnotherTenantAreNeverLinked() throws Exception {
        // Initech has a project DELTA; Acme does not (and Initech has no ALPHA)
        var translator = server.translator();
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> translator.translate("velocity of DELTA", acme));
        assertThat(t).isInstanceOf(com.digitalspiral.api.translate.Translation.CannotAnswer.class)
                .hasMessageContaining("'DELTA'").hasMessageNotContaining("Initech");
        var initechSpec = translator.translate("velocity of DELTA", initech).spec();
        assertThat(initechSpec.get("filters").get(0).get("value").asText()).isEqualTo("DELTA");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> translator.translate("velocity of ALPHA", initech)))
                .hasMessageContaining("'ALPHA'");
    }
}
