package com.digitalspiral.catalog.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.digitalspiral.catalog.Catalog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpecValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SpecValidator validator = new SpecValidator(Catalog.load(), 10_000);

    private AnalyticsSpec valid(String json) throws Exception {
        return validator.validate(JSON.readTree(json));
    }

    private List<SpecError> errors(String json) throws Exception {
        JsonNode node = JSON.readTree(json);
        try {
            validator.validate(node);
        } catch (SpecValidationException e) {
            return e.errors();
        }
        throw new AssertionError("spec was accepted: " + json);
    }

    @Test
    void acceptsAFullSpecAndKeepsItsParts() throws Exception {
        AnalyticsSpec s = valid("""
                {"metrics": ["sprint_problematic_score", "velocity"], "dimensions": ["project", "sprint"],
                 "filters": [{"field": "state", "op": "in", "value": ["closed", "ACTIVE"]},
                             {"field": "sprint_problematic_score", "op": "gt", "value": 0.5}],
                 "time_range": {"period": "last_quarter"}, "order_by": [{"field": "velocity", "direction": "desc"}],
                 "limit": 5, "weights": {"blocked_hours": 0.5}, "params": {"sprints": 4}, "breakdown": true}""");
        assertThat(s.metrics()).containsExactly("sprint_problematic_score", "velocity");
        assertThat(s.filters().get(0).values()).as("vocabulary values are canonicalised").containsExactly("closed", "active");
        assertThat(s.timeRange()).isEqualTo(new TimeRange.Period("last_quarter"));
        assertThat(s.weights()).containsEntry("blocked_hours", 0.5);
        assertThat(s.params()).containsEntry("sprints", 4);
        assertThat(s.orderBy()).containsExactly(new AnalyticsSpec.OrderBy("velocity", true));
    }

    @Test
    void aMisspeltMetricNamesItsPointerAndTheNearestMetric() throws Exception {
        List<SpecError> e = errors("{\"metrics\": [\"velocity\", \"spilover_ratio\"]}");
        assertThat(e).containsExactly(new SpecError("/metrics/1",
                "unknown metric 'spilover_ratio'; did you mean 'spillover_ratio'?", "spillover_ratio"));
    }

    @Test
    void aSynonymIsSuggestedAsItsMetric() throws Exception {
        assertThat(errors("{\"metrics\": [\"spillover\"]}").get(0).suggestion()).isEqualTo("spillover_ratio");
    }

    @Test
    void reportsEveryProblemAtOnce() throws Exception {
        List<SpecError> e = errors("""
                {"metrics": ["velocity"], "dimensions": ["projekt"], "filters": [{"field": "stat", "op": "eq", "value": "x"}],
                 "limit": 0, "colour": "red"}""");
        assertThat(e).extracting(SpecError::pointer)
                .containsExactlyInAnyOrder("/colour", "/dimensions/0", "/filters/0/field", "/limit");
        assertThat(e).filteredOn(x -> x.pointer().equals("/dimensions/0")).first()
                .extracting(SpecError::suggestion).isEqualTo("project");
    }

    @Test
    void metricsOfDifferentGrainsOrTimeAxesCannotBeMixed() throws Exception {
        assertThat(errors("{\"metrics\": [\"velocity\", \"wip\"]}").get(0).message()).contains("separate queries");
        assertThat(errors("{\"metrics\": [\"throughput_issues\", \"bug_ratio\"]}").get(0).message())
                .contains("resolved date").contains("created date");
    }

    @Test
    void snapshotMetricsTakeNoTimeRangeOrGrain() throws Exception {
        assertThat(errors("{\"metrics\": [\"wip\"], \"time_range\": {\"last\": 7, \"unit\": \"days\"}}"))
                .extracting(SpecError::pointer).containsExactly("/time_range");
        assertThat(errors("{\"metrics\": [\"assignee_load\"], \"dimensions\": [\"week\"]}"))
                .extracting(SpecError::pointer).containsExactly("/dimensions");
    }

    @Test
    void dimensionsMustExistForTheMetricsGrain() throws Exception {
        SpecError e = errors("{\"metrics\": [\"velocity\"], \"dimensions\": [\"assignee\"]}").get(0);
        assertThat(e.pointer()).isEqualTo("/dimensions/0");
        assertThat(e.message()).contains("not available for sprint metrics").contains("project, sprint, board");
    }

    @Test
    void filterValuesAreCheckedAgainstTheDimension() throws Exception {
        SpecError vocabulary = errors("""
                {"metrics": ["wip"], "filters": [{"field": "priority", "op": "eq", "value": "Hihg"}]}""").get(0);
        assertThat(vocabulary.pointer()).isEqualTo("/filters/0/value");
        assertThat(vocabulary.suggestion()).isEqualTo("High");
        assertThat(errors("""
                {"metrics": ["wip"], "filters": [{"field": "assignee", "op": "gt", "value": "bob"}]}""").get(0).pointer())
                .isEqualTo("/filters/0/op");
        assertThat(errors("""
                {"metrics": ["wip"], "filters": [{"field": "wip", "op": "gt", "value": "ten"}]}""").get(0).pointer())
                .isEqualTo("/filters/0/value");
        assertThat(errors("""
                {"metrics": ["velocity"], "filters": [{"field": "state", "op": "between", "value": ["a"]}]}""").get(0).message())
                .contains("exactly two values");
    }

    @Test
    void timeRangesAreValidated() throws Exception {
        assertThat(valid("{\"metrics\": [\"lead_time\"], \"time_range\": {\"from\": \"2026-01-01\", \"to\": \"2026-03-31\"}}").timeRange())
                .isInstanceOf(TimeRange.Absolute.class);
        assertThat(valid("{\"metrics\": [\"velocity\"], \"time_range\": {\"last\": 3, \"unit\": \"sprints\"}}").timeRange())
                .isEqualTo(new TimeRange.LastSprints(3));
        assertThat(errors("{\"metrics\": [\"lead_time\"], \"time_range\": {\"last\": 3, \"unit\": \"sprints\"}}").get(0).pointer())
                .isEqualTo("/time_range/unit");
        assertThat(errors("{\"metrics\": [\"lead_time\"], \"time_range\": {\"from\": \"2026-04-01\", \"to\": \"2026-03-01\"}}").get(0).message())
                .contains("after");
        assertThat(errors("{\"metrics\": [\"lead_time\"], \"time_range\": {\"period\": \"last_quater\"}}").get(0).suggestion())
                .isEqualTo("last_quarter");
        assertThat(errors("{\"metrics\": [\"lead_time\"], \"time_range\": {\"from\": \"March\", \"to\": \"2026-03-01\"}}").get(0).pointer())
                .isEqualTo("/time_range/from");
    }

    @Test
    void weightsParamsAndBreakdownBelongToTheirMetrics() throws Exception {
        assertThat(errors("{\"metrics\": [\"velocity\"], \"weights\": {\"bug_count\": 1}}").get(0).pointer()).isEqualTo("/weights");
        assertThat(errors("{\"metrics\": [\"sprint_problematic_score\"], \"weights\": {\"bugs\": 1}}").get(0).pointer())
                .isEqualTo("/weights/bugs");
        assertThat(errors("{\"metrics\": [\"velocity\"], \"params\": {\"sprints\": 0}}").get(0).message()).contains("from 1 to 50");
        assertThat(errors("{\"metrics\": [\"velocity\"], \"params\": {\"days\": 3}}").get(0).message()).contains("take sprints");
        assertThat(errors("{\"metrics\": [\"velocity\"], \"breakdown\": true}").get(0).pointer()).isEqualTo("/breakdown");
    }

    @Test
    void orderByOnlyBySelectedFields() throws Exception {
        SpecError e = errors("{\"metrics\": [\"velocity\"], \"order_by\": [{\"field\": \"bug_count\"}]}").get(0);
        assertThat(e.pointer()).isEqualTo("/order_by/0/field");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "velocity'; DROP TABLE sprint_stats; --",
        "velocity /* comment */",
        "velocity\"",
        "velocity;",
        "vélocité",
        "velocity\u0000",
        "𝓋𝑒𝓁𝑜𝒸𝒾𝓉𝓎",
    })
    void hostileNamesAreRejectedInEveryNameField(String hostile) throws Exception {
        String h = JSON.writeValueAsString(hostile);
        assertThat(errors("{\"metrics\": [" + h + "]}")).extracting(SpecError::pointer).containsExactly("/metrics/0");
        assertThat(errors("{\"metrics\": [\"velocity\"], \"dimensions\": [" + h + "]}")).extracting(SpecError::pointer)
                .containsExactly("/dimensions/0");
        assertThat(errors("{\"metrics\": [\"velocity\"], \"filters\": [{\"field\": " + h + ", \"op\": \"eq\", \"value\": 1}]}"))
                .extracting(SpecError::pointer).containsExactly("/filters/0/field");
        assertThat(errors("{\"metrics\": [\"velocity\"], \"filters\": [{\"field\": \"state\", \"op\": " + h + ", \"value\": 1}]}"))
                .extracting(SpecError::pointer).containsExactly("/filters/0/op");
        assertThat(errors("{\"metrics\": [\"velocity\"], \"filters\": [{\"field\": \"state\", \"op\": \"eq\", \"value\": " + h + "}]}"))
                .extracting(SpecError::pointer).containsExactly("/filters/0/value");
        assertThat(errors("{\"metrics\": [\"velocity\"], \"filters\": [{\"field\": \"project\", \"op\": \"eq\", \"value\": " + h + "}]}"))
                .extracting(SpecError::pointer).containsExactly("/filters/0/value");
        assertThat(errors("{\"metrics\": [\"velocity\"], \"order_by\": [{\"field\": " + h + "}]}"))
                .extracting(SpecError::pointer).containsExactly("/order_by/0/field");
        assertThat(errors("{\"metrics\": [\"velocity\"], \"order_by\": [{\"field\": \"velocity\", \"direction\": " + h + "}]}"))
                .extracting(SpecError::pointer).containsExactly("/order_by/0/direction");
        assertThat(errors("{\"metrics\": [\"velocity\"], \"time_range\": {\"period\": " + h + "}}"))
                .extracting(SpecError::pointer).containsExactly("/time_range/period");
        assertThat(errors("{\"metrics\": [\"velocity\"], \"time_range\": {\"last\": 2, \"unit\": " + h + "}}"))
                .extracting(SpecError::pointer).containsExactly("/time_range/unit");
        assertThat(errors("{\"metrics\": [\"sprint_problematic_score\"], \"weights\": {" + h + ": 1}}")).hasSize(1);
        assertThat(errors("{\"metrics\": [\"velocity\"], \"params\": {" + h + ": 1}}")).hasSize(1);
        assertThat(errors("{\"metrics\": [\"velocity\"], " + h + ": 1}")).hasSize(1);
    }

    @Test
    void hugeStringsAndListsAreRefusedWithoutEchoingThem() throws Exception {
        String huge = "x".repeat(50_000);
        SpecError e = errors("{\"metrics\": [\"" + huge + "\"]}").get(0);
        assertThat(e.message()).contains("50000 characters").hasSizeLessThan(200);
        SpecError value = errors("{\"metrics\": [\"wip\"], \"filters\": [{\"field\": \"assignee\", \"op\": \"eq\", \"value\": \"" + huge + "\"}]}").get(0);
        assertThat(value.message()).hasSizeLessThan(200);
        String many = "[" + "\"a\",".repeat(2000) + "\"a\"]";
        assertThat(errors("{\"metrics\": [\"wip\"], \"filters\": [{\"field\": \"assignee\", \"op\": \"in\", \"value\": " + many + "}]}")
                .get(0).message()).contains("at most 1000 values");
    }

    @Test
    void freeTextValuesWithQuotesAreAcceptedAsValues() throws Exception {
        // a sprint may well be called this; it is bound as a parameter, never spliced into SQL
        AnalyticsSpec s = valid("{\"metrics\": [\"velocity\"], \"filters\": [{\"field\": \"sprint\", \"op\": \"eq\", \"value\": \"Bob's sprint; -- fun\"}]}");
        assertThat(s.filters().get(0).values()).containsExactly("Bob's sprint; -- fun");
    }

    @Test
    void wrongTypesAreNamed() throws Exception {
        assertThat(errors("[1, 2]").get(0).pointer()).isEmpty();
        assertThat(errors("{\"metrics\": \"velocity\"}").get(0).pointer()).isEqualTo("/metrics");
        assertThat(errors("{\"metrics\": [{\"a\": 1}]}").get(0).message()).contains("got object");
        assertThat(errors("{\"metrics\": [\"velocity\"], \"limit\": \"5\"}").get(0).pointer()).isEqualTo("/limit");
        assertThat(errors("{\"metrics\": [\"velocity\"], \"limit\": 10001}").get(0).message()).contains("1 to 10000");
    }
}
