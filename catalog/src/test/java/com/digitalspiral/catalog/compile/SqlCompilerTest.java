package com.digitalspiral.catalog.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.digitalspiral.catalog.Catalog;
import com.digitalspiral.catalog.spec.AnalyticsSpec;
import com.digitalspiral.catalog.spec.SpecValidator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SqlCompilerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID TENANT = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final Instant NOW = Instant.parse("2026-11-23T15:30:00Z");
    private final Catalog catalog = Catalog.load();
    private final SpecValidator validator = new SpecValidator(catalog, 10_000);
    private final SqlCompiler compiler = new SqlCompiler(catalog, Clock.fixed(NOW, ZoneOffset.UTC));

    private CompiledQuery compile(String spec) throws Exception {
        AnalyticsSpec s = validator.validate(JSON.readTree(spec));
        return compiler.compile(s, TENANT, 10_001);
    }

    @Test
    void theTenantPredicateComesFromTheCallerAndIsTheFirstParameter() throws Exception {
        for (String metric : catalog.metricNames()) {
            CompiledQuery q = compile("{\"metrics\": [\"" + metric + "\"]}");
            assertThat(q.sql()).as(metric).containsPattern("WHERE (ss|st)\\.tenant_id = \\?");
            assertThat(q.params().get(0)).as(metric).isEqualTo(TENANT);
        }
    }

    @Test
    void valuesAreBoundNeverSplicedIntoTheText() throws Exception {
        CompiledQuery q = compile("""
                {"metrics": ["velocity"], "dimensions": ["sprint"],
                 "filters": [{"field": "sprint", "op": "in", "value": ["Bob's sprint; DROP TABLE x; --", "Sprint /* 2 */"]},
                             {"field": "velocity", "op": "gte", "value": 12.5}],
                 "params": {"sprints": 5}, "limit": 7}""");
        assertThat(q.sql()).doesNotContain("Bob").doesNotContain("DROP").doesNotContain("12.5").doesNotContain("/* 2");
        assertThat(q.params()).contains(5, 12.5, 7);
        assertThat(q.params()).anySatisfy(p -> assertThat(p).isInstanceOf(String[].class));
    }

    @Test
    void outputColumnsFollowDimensionsThenMetrics() throws Exception {
        CompiledQuery q = compile("{\"metrics\": [\"spillover_ratio\", \"velocity\"], \"dimensions\": [\"project\", \"sprint\"]}");
        assertThat(q.columns()).extracting(CompiledQuery.Column::name)
                .containsExactly("project", "sprint", "sprint_id", "spillover_ratio", "velocity");
        assertThat(q.sql()).contains("GROUP BY d0, d1, d1_id").contains("ORDER BY d0, d1, d1_id");
    }

    @Test
    void relativeTimeRangesResolveToWholeUtcDays() throws Exception {
        CompiledQuery q = compile("{\"metrics\": [\"throughput_issues\"], \"time_range\": {\"period\": \"last_quarter\"}}");
        assertThat(q.params()).contains(OffsetDateTime.parse("2026-07-01T00:00Z"), OffsetDateTime.parse("2026-10-01T00:00Z"));
        CompiledQuery days = compile("{\"metrics\": [\"throughput_issues\"], \"time_range\": {\"last\": 7, \"unit\": \"days\"}}");
        assertThat(days.params()).contains(OffsetDateTime.parse("2026-11-17T00:00Z"), OffsetDateTime.parse("2026-11-24T00:00Z"));
        assertThat(days.sql()).contains("i.resolved_at >= ? AND i.resolved_at < ?");
    }

    @Test
    void theSameQuestionTheSameDayHasTheSameHash() throws Exception {
        String spec = "{\"metrics\": [\"lead_time\"], \"time_range\": {\"last\": 30, \"unit\": \"days\"}}";
        SqlCompiler later = new SqlCompiler(catalog, Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC));
        AnalyticsSpec s = validator.validate(JSON.readTree(spec));
        assertThat(later.compile(s, TENANT, 10_001).hash()).isEqualTo(compile(spec).hash());
        assertThat(compiler.compile(s, UUID.randomUUID(), 10_001).hash()).isNotEqualTo(compile(spec).hash());
    }

    @Test
    void theCompositeBindsItsWeightsWithOverridesAndCanBreakDown() throws Exception {
        CompiledQuery q = compile("""
                {"metrics": ["sprint_problematic_score"], "dimensions": ["sprint"], "weights": {"bug_count": 0.9},
                 "breakdown": true}""");
        assertThat(q.sql()).contains("stddev_samp(spillover_ratio) OVER ()").contains("AS problematic_score");
        // each weight twice: once for its contribution column, once inside the score
        assertThat(q.params().stream().filter(p -> p.equals(0.9)).count()).isEqualTo(2);
        assertThat(q.params().stream().filter(p -> p.equals(0.25)).count()).isEqualTo(2);
        assertThat(q.columns()).extracting(CompiledQuery.Column::name).contains("bug_count_contribution",
                "spillover_ratio_contribution");
    }

    @Test
    void lastSprintsAreEachProjectsLatestClosedSprints() throws Exception {
        CompiledQuery q = compile("{\"metrics\": [\"completed_sp\"], \"dimensions\": [\"sprint\"], \"time_range\": {\"last\": 3, \"unit\": \"sprints\"}}");
        assertThat(q.sql()).contains("PARTITION BY ss.project_key").contains("ranged AS (SELECT * FROM base WHERE recency <= ?)")
                .contains("ss.state = 'closed'").doesNotContain("ss.start_date < ?");
        assertThat(q.params()).contains(3);
    }

    @Test
    void placeholdersAndParametersAgreeInNumber() throws Exception {
        String[] specs = {
            "{\"metrics\": [\"sprint_problematic_score\", \"velocity\"], \"dimensions\": [\"project\", \"month\"], \"filters\": [{\"field\": \"velocity\", \"op\": \"between\", \"value\": [1, 50]}, {\"field\": \"state\", \"op\": \"not_in\", \"value\": [\"future\"]}], \"time_range\": {\"last\": 2, \"unit\": \"sprints\"}, \"breakdown\": true, \"limit\": 3}",
            "{\"metrics\": [\"silent_issues\", \"wip\", \"assignee_load\"], \"dimensions\": [\"assignee\"], \"filters\": [{\"field\": \"assignee\", \"op\": \"is_null\", \"value\": false}, {\"field\": \"silent_issues\", \"op\": \"in\", \"value\": [1, 2]}], \"params\": {\"days\": 30}}",
        };
        for (String spec : specs) {
            CompiledQuery q = compile(spec);
            assertThat(q.sql().chars().filter(c -> c == '?').count()).as(spec).isEqualTo(q.params().size());
            assertThat(q.displaySql()).doesNotContain("?").contains("$" + q.params().size());
        }
    }

    @Test
    void clockDependentMetricsAreMarkedVolatile() throws Exception {
        assertThat(compile("{\"metrics\": [\"silent_issues\"]}").volatileResult()).isTrue();
        assertThat(compile("{\"metrics\": [\"wip\"]}").volatileResult()).isFalse();
    }
}
