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
        // the dev set and held-out sets 4 to 9, each measured once and then used for development
        List<NlEvaluation.Case> cases = new java.util.ArrayList<>(NlEvaluation.read(Path.of("../eval/nl_questions.jsonl"), Clock.systemUTC()));
        cases.addAll(NlEvaluation.read(Path.of("../eval/nl_heldout_fresh.jsonl"), Clock.systemUTC()));
        cases.addAll(NlEvaluation.read(Path.of("../eval/nl_heldout_last.jsonl"), Clock.systemUTC()));
        cases.addAll(NlEvaluation.read(Path.of("../eval/nl_heldout_final.jsonl"), Clock.systemUTC()));
        cases.addAll(NlEvaluation.read(Path.of("../eval/nl_heldout_seven.jsonl"), Clock.systemUTC()));
        cases.addAll(NlEvaluation.read(Path.of("../eval/nl_heldout_eight.jsonl"), Clock.systemUTC()));
        cases.addAll(NlEvaluation.read(Path.of("../eval/nl_heldout_nine.jsonl"), Clock.systemUTC()));
        assertThat(cases.size()).isGreaterThanOrEqualTo(600);
        NlEvaluation.Summary s = NlEvaluation.run(cases, server.translator(), server.queries(),
                new Caller(UUID.randomUUID(), acme, "eval", 1_000_000));
        List<String> wrong = s.outcomes().stream().filter(o -> !o.right()).map(o -> o.c().question() + " → " + o.detail()).toList();
        assertThat(s.accuracy()).as("execution accuracy; wrong: %s", wrong).isGreaterThanOrEqualTo(0.97);
        assertThat(s.refusalAccuracy()).as("refusals; wrong: %s", wrong).isEqualTo(1.0);
    }

    @Test
    void greetingsThanksPolitenessAndCapitalsDoNotChangeAQuestionsReading() throws Exception {
        // people wrap questions in greetings, context and thanks: the reading must be the bare question's
        List<String> before = List.of("", "Hi team - ", "Quick question: ", "So, ", "For my report, ", "Hey, ", "Out of curiosity, ");
        List<String> after = List.of("", " thanks!", "?", " please", " (thanks)", ", if possible", ".");
        List<NlEvaluation.Case> cases = NlEvaluation.read(Path.of("../eval/nl_questions.jsonl"), Clock.systemUTC());
        List<String> changed = new java.util.ArrayList<>();
        int i = 0;
        for (NlEvaluation.Case c : cases) {
            if (c.refuse()) {
                continue;
            }
            String bare;
            try {
                bare = server.translator().translate(c.question(), acme).spec().toString();
            } catch (com.digitalspiral.api.translate.Translation.CannotAnswer e) {
                continue;
            }
            i++;
            String q = c.question().replaceAll("[?.! ]+$", "");
            String wrapped = before.get(i % before.size()) + q + after.get((i / before.size()) % after.size());
            if (i % 5 == 0) {
                wrapped = wrapped.toUpperCase(java.util.Locale.ROOT);
            }
            try {
                String spec = server.translator().translate(wrapped, acme).spec().toString();
                if (!spec.equals(bare)) {
                    changed.add(wrapped + " → " + spec + " (bare: " + bare + ")");
                }
            } catch (com.digitalspiral.api.translate.Translation.CannotAnswer e) {
                changed.add(wrapped + " → refused: " + e.getMessage());
            }
        }
        assertThat(i).isGreaterThan(500);
        assertThat(changed).as("readings changed by wrapping").isEmpty();
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
    void aSingularQuestionIsOneRowAndTheAnswerSaysWhyTheOthersWereCut() throws Exception {
        String key = data.key(acme, 10_000);
        JavalinTest.test(new ApiServer(data.apiConfig()).app(), (app, client) -> {
            JsonNode one = ask(client, key, "which sprint had the worst spillover?");
            assertThat(one.get("rows").size()).isEqualTo(1);
            assertThat(one.get("meta").get("shape").asText()).isEqualTo("ranking");
            JsonNode cut = one.get("meta").get("rows_cut");
            assertThat(cut.get("reason").asText()).isEqualTo("limit");
            assertThat(cut.get("shown").asInt()).isEqualTo(1);
            assertThat(cut.get("total_rows").asInt()).isGreaterThan(1);
            assertThat(cut.get("detail").asText()).contains("limit of 1").contains("highest first");

            JsonNode all = ask(client, key, "list sprints worst first by spillover");
            assertThat(all.get("rows").size()).isEqualTo(cut.get("total_rows").asInt());
            assertThat(all.get("meta").get("rows_cut").isNull()).isTrue();

            JsonNode three = ask(client, key, "which 3 sprints had the most blocked time");
            assertThat(three.get("rows").size()).isEqualTo(3);
            assertThat(three.get("explanation").asText()).startsWith("Ranking: ");
        });
    }

    @Test
    void eachFailureClassOfIndependentQuestionsReadsAsItsShape() throws Exception {
        var t = server.translator();
        assertThat(t.translate("story points completed in October", acme).spec().get("metrics").get(0).asText())
                .as("a quantity of points, not a count of stories").isEqualTo("completed_sp");
        JsonNode blocked = t.translate("count of issues currently stuck in Blocked", acme).spec();
        assertThat(blocked.get("metrics").get(0).asText()).isEqualTo("open_issues");
        assertThat(blocked.get("filters").toString()).contains("Blocked");
        JsonNode fifth = t.translate("sprints that dropped over a fifth of their commitment", acme).spec();
        assertThat(fifth.get("filters").get(0).get("field").asText()).isEqualTo("spillover_ratio");
        assertThat(fifth.get("filters").get(0).get("value").asDouble()).isEqualTo(0.2);
        JsonNode versus = t.translate("ALPHA vs BETA cycle time", acme).spec();
        assertThat(versus.get("dimensions").get(0).asText()).as("a comparison groups").isEqualTo("project");
        assertThat(t.translate("which project has the shortest lead time", acme).spec().get("order_by").get(0)
                .get("direction").asText()).isEqualTo("asc");
        assertThat(t.translate("ALPHA velocity over its last 5 sprints", acme).spec().get("params").get("sprints").asInt())
                .isEqualTo(5);
        assertThat(t.translate("tickets nobody commented on in 7 days", acme).spec().get("params").get("days").asInt())
                .isEqualTo(7);
        assertThat(t.translate("total blocked hours across all sprints", acme).spec().has("dimensions")).isFalse();
        assertThat(t.translate("stuff added after kickoff last quarter", acme).spec().get("metrics").get(0).asText())
                .isEqualTo("added_after_start_sp");
        assertThat(t.translate("this sprint's committed points", acme).spec().get("filters").toString()).contains("active");
        assertThat(t.translate("who closed the most tickets last month?", acme).spec().get("filters").toString())
                .as("who leaves the unassigned out").contains("is_null");
        for (String write : List.of("assign ALPHA-12 to bob", "move the blocked issues to the next sprint",
                "compare our velocity with Globex's", "how does our spillover compare to other companies")) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> t.translate(write, acme))).as(write)
                    .isInstanceOf(com.digitalspiral.api.translate.Translation.CannotAnswer.class);
        }
    }

    private static JsonNode ask(io.javalin.testtools.HttpClient client, String key, String question) throws Exception {
        String body = JSON.writeValueAsString(java.util.Map.of("question", question));
        Response r = client.request("/analytics/query", req -> req.header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").post(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.code()).as(question).isEqualTo(200);
        return JSON.readTree(r.body().string());
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
