package com.digitalspiral.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.digitalspiral.api.translate.LlmConfig;
import com.digitalspiral.api.translate.Translation;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The language-model path holds a valid spec to what the wording pins down: for each class of misreading seen
 * on independent questions, a provider (a local server speaking OpenAI's protocol) first answers with that
 * misreading, is told what the wording says, and its repaired answer is the one returned.
 */
class LlmShapeRepairIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static DemoData data;
    private static UUID acme;
    private static FakeLlm fake;
    private static ApiServer server;

    @BeforeAll
    static void setUp() throws Exception {
        data = new DemoData("llmshape", 600);
        acme = data.tenants().get(0);
        fake = new FakeLlm(FakeLlm.Protocol.OPENAI);
        LlmConfig llm = new LlmConfig("openai", "test-key", fake.baseUrl(), "fake-model", Duration.ofSeconds(5));
        server = new ApiServer(data.apiConfig(), Clock.systemUTC(), llm);
    }

    @AfterAll
    static void tearDown() throws Exception {
        server.close();
        fake.close();
        data.close();
    }

    static Stream<Arguments> misreadings() {
        return Stream.of(
                Arguments.of("count vs quantity", "story points completed last quarter",
                        "{\"metrics\": [\"created_issues\"], \"filters\": [{\"field\": \"issue_type\", \"op\": \"eq\", \"value\": \"Story\"}], \"time_range\": {\"period\": \"last_quarter\"}}",
                        "{\"metrics\": [\"completed_sp\"], \"time_range\": {\"period\": \"last_quarter\"}}",
                        "quantity of story points"),
                Arguments.of("count of issues in a state", "count of issues currently stuck in Blocked",
                        "{\"metrics\": [\"blocked_hours\"]}",
                        "{\"metrics\": [\"open_issues\"], \"filters\": [{\"field\": \"status\", \"op\": \"eq\", \"value\": \"Blocked\"}]}",
                        "count of issues"),
                Arguments.of("threshold on the wrong measure", "sprints that dropped over a fifth of their commitment",
                        "{\"metrics\": [\"planned_sp\"], \"dimensions\": [\"sprint\"], \"filters\": [{\"field\": \"planned_sp\", \"op\": \"gt\", \"value\": 0.2}]}",
                        "{\"metrics\": [\"spillover_ratio\"], \"dimensions\": [\"sprint\"], \"filters\": [{\"field\": \"spillover_ratio\", \"op\": \"gt\", \"value\": 0.2}]}",
                        "about spillover_ratio"),
                Arguments.of("singular is one row", "which sprint had the worst spillover?",
                        "{\"metrics\": [\"spillover_ratio\"], \"dimensions\": [\"sprint\"], \"order_by\": [{\"field\": \"spillover_ratio\", \"direction\": \"desc\"}], \"limit\": 5}",
                        "{\"metrics\": [\"spillover_ratio\"], \"dimensions\": [\"sprint\"], \"order_by\": [{\"field\": \"spillover_ratio\", \"direction\": \"desc\"}], \"limit\": 1}",
                        "one row"),
                Arguments.of("a list is every row", "list sprints worst first by spillover",
                        "{\"metrics\": [\"spillover_ratio\"], \"dimensions\": [\"sprint\"], \"order_by\": [{\"field\": \"spillover_ratio\", \"direction\": \"desc\"}], \"limit\": 5}",
                        "{\"metrics\": [\"spillover_ratio\"], \"dimensions\": [\"sprint\"], \"order_by\": [{\"field\": \"spillover_ratio\", \"direction\": \"desc\"}]}",
                        "remove \\\"limit\\\""),
                Arguments.of("comparisons group", "ALPHA vs BETA cycle time",
                        "{\"metrics\": [\"cycle_time\"], \"filters\": [{\"field\": \"project\", \"op\": \"in\", \"value\": [\"ALPHA\", \"BETA\"]}]}",
                        "{\"metrics\": [\"cycle_time\"], \"dimensions\": [\"project\"], \"filters\": [{\"field\": \"project\", \"op\": \"in\", \"value\": [\"ALPHA\", \"BETA\"]}]}",
                        "side by side"),
                Arguments.of("direction words", "which project has the shortest lead time",
                        "{\"metrics\": [\"lead_time\"], \"dimensions\": [\"project\"], \"order_by\": [{\"field\": \"lead_time\", \"direction\": \"desc\"}], \"limit\": 1}",
                        "{\"metrics\": [\"lead_time\"], \"dimensions\": [\"project\"], \"order_by\": [{\"field\": \"lead_time\", \"direction\": \"asc\"}], \"limit\": 1}",
                        "lowest first"),
                Arguments.of("parameters in words", "ALPHA velocity over its last 5 sprints",
                        "{\"metrics\": [\"velocity\"], \"dimensions\": [\"project\"], \"filters\": [{\"field\": \"project\", \"op\": \"eq\", \"value\": \"ALPHA\"}], \"time_range\": {\"last\": 5, \"unit\": \"sprints\"}}",
                        "{\"metrics\": [\"velocity\"], \"dimensions\": [\"project\"], \"filters\": [{\"field\": \"project\", \"op\": \"eq\", \"value\": \"ALPHA\"}], \"params\": {\"sprints\": 5}}",
                        "parameter in words"),
                Arguments.of("totals add no grouping", "total blocked hours across all sprints",
                        "{\"metrics\": [\"blocked_hours\"], \"dimensions\": [\"sprint\"]}",
                        "{\"metrics\": [\"blocked_hours\"]}",
                        "a total"),
                Arguments.of("everyday wording", "stuff added after kickoff last quarter",
                        "{\"metrics\": [\"created_issues\"], \"time_range\": {\"period\": \"last_quarter\"}}",
                        "{\"metrics\": [\"added_after_start_sp\"], \"time_range\": {\"period\": \"last_quarter\"}}",
                        "added_after_start_sp"),
                Arguments.of("this sprint is the active sprint", "this sprint's committed points",
                        "{\"metrics\": [\"planned_sp\"], \"time_range\": {\"last\": 1, \"unit\": \"sprints\"}}",
                        "{\"metrics\": [\"planned_sp\"], \"filters\": [{\"field\": \"state\", \"op\": \"eq\", \"value\": \"active\"}]}",
                        "active sprints"),
                Arguments.of("who leaves the unassigned out", "who closed the most tickets last month?",
                        "{\"metrics\": [\"throughput_issues\"], \"dimensions\": [\"assignee\"], \"time_range\": {\"period\": \"last_month\"}, \"order_by\": [{\"field\": \"throughput_issues\", \"direction\": \"desc\"}], \"limit\": 1}",
                        "{\"metrics\": [\"throughput_issues\"], \"dimensions\": [\"assignee\"], \"filters\": [{\"field\": \"assignee\", \"op\": \"is_null\", \"value\": false}], \"time_range\": {\"period\": \"last_month\"}, \"order_by\": [{\"field\": \"throughput_issues\", \"direction\": \"desc\"}], \"limit\": 1}",
                        "unassigned"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misreadings")
    void aMisreadingIsSentBackAndTheRepairedSpecIsAnswered(String failureClass, String question, String wrong, String right,
                                                           String told) throws Exception {
        fake.replies.clear();
        fake.requests.clear();
        fake.replies.add("{\"spec\": " + wrong + ", \"explanation\": \"first reading\"}");
        fake.replies.add("{\"spec\": " + right + ", \"explanation\": \"repaired\"}");
        Translation t = server.questionTranslator().translate(question, acme);
        assertThat(t.spec()).as(failureClass).isEqualTo(JSON.readTree(right));
        assertThat(t.explanation()).isEqualTo("repaired");
        assertThat(fake.requests).hasSize(2);
        assertThat(fake.requests.get(1)).as("what the model was told").contains(told);
    }

    @Test
    void aModelThatKeepsItsReadingIsAnsweredWithLowerConfidenceAndSaysSo() throws Exception {
        fake.replies.clear();
        fake.requests.clear();
        String five = "{\"spec\": {\"metrics\": [\"spillover_ratio\"], \"dimensions\": [\"sprint\"], \"order_by\": "
                + "[{\"field\": \"spillover_ratio\", \"direction\": \"desc\"}], \"limit\": 5}, \"explanation\": \"top 5\"}";
        for (int i = 0; i < 3; i++) {
            fake.replies.add(five);
        }
        Translation t = server.questionTranslator().translate("which sprint had the worst spillover?", acme);
        assertThat(t.spec().get("limit").asInt()).isEqualTo(5);
        assertThat(t.confidence()).isLessThan(0.7);
        assertThat(t.explanation()).contains("read differently from the wording").contains("one row");
    }

    @Test
    void writesAndOtherOrganisationsAreRefusedBeforeTheModelIsAsked() throws Exception {
        fake.replies.clear();
        fake.requests.clear();
        for (String q : new String[] {"assign ALPHA-12 to bob", "close all the stale tickets in GAMMA",
                "compare our velocity with other companies", "what is Initech's velocity"}) {
            assertThat(catchThrowable(() -> server.questionTranslator().translate(q, acme))).as(q)
                    .isInstanceOf(Translation.CannotAnswer.class);
        }
        assertThat(fake.requests).isEmpty();
    }
}
