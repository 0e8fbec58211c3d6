package com.digitalspiral.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.digitalspiral.api.auth.Caller;
import com.digitalspiral.api.query.RunResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every catalog metric, compiled and run through the API's path (API role, row-level security), equals a
 * hand-written SQL over the source tables (or, for blocked hours and cycle time, the batch reference views
 * that define them), for every tenant of the demo data.
 */
class MetricSqlIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static DemoData data;
    private static ApiServer server;

    @BeforeAll
    static void setUp() throws Exception {
        data = new DemoData("metricsql", 3000);
        server = new ApiServer(data.apiConfig());
        server.cache().setEnabled(false);
    }

    @AfterAll
    static void tearDown() throws Exception {
        server.close();
        data.close();
    }

    private static final String SPRINT_ROWS = """
            FROM sprints s LEFT JOIN projects p ON p.id = s.project_id
            LEFT JOIN sprint_issues si ON si.sprint_id = s.id LEFT JOIN issues i ON i.id = si.issue_id
            WHERE s.tenant_id = ? GROUP BY p.project_key""";
    private static final String PER_SPRINT = """
            (SELECT s.id, s.state, p.project_key, coalesce(s.complete_date, s.end_date, s.start_date) AS ended,
                    sum(si.story_points) FILTER (WHERE si.added_at <= s.start_date) AS planned,
                    sum(si.story_points) FILTER (WHERE si.completed) AS completed
             FROM sprints s LEFT JOIN projects p ON p.id = s.project_id LEFT JOIN sprint_issues si ON si.sprint_id = s.id
             WHERE s.tenant_id = ? GROUP BY s.id, p.project_key) ps""";
    private static final String ISSUE_ROWS = "FROM issues i JOIN projects p ON p.id = i.project_id WHERE i.tenant_id = ? GROUP BY p.project_key";
    private static final String REOPENED = "EXISTS (SELECT 1 FROM changelogs cl WHERE cl.issue_id = i.id AND cl.items @> '[{\"field\": \"status\", \"toString\": \"Reopened\"}]')";
    private static final String LEAD_DAYS = "extract(epoch FROM i.resolved_at - i.jira_created_at) / 86400";

    static Stream<Arguments> metrics() {
        return Stream.of(
                Arguments.of("planned_sp", "SELECT p.project_key, sum(si.story_points) FILTER (WHERE si.added_at <= s.start_date) " + SPRINT_ROWS),
                Arguments.of("completed_sp", "SELECT p.project_key, sum(si.story_points) FILTER (WHERE si.completed) " + SPRINT_ROWS),
                Arguments.of("added_after_start_sp", "SELECT p.project_key, sum(si.story_points) FILTER (WHERE si.added_at > s.start_date) " + SPRINT_ROWS),
                Arguments.of("removed_sp", "SELECT p.project_key, sum(si.story_points) FILTER (WHERE si.removed_at IS NOT NULL) " + SPRINT_ROWS),
                Arguments.of("issue_count", "SELECT p.project_key, count(si.id) " + SPRINT_ROWS),
                Arguments.of("bug_count", "SELECT p.project_key, count(si.id) FILTER (WHERE i.issue_type = 'Bug') " + SPRINT_ROWS),
                Arguments.of("reopened_count", "SELECT p.project_key, count(si.id) FILTER (WHERE " + REOPENED + ") " + SPRINT_ROWS),
                Arguments.of("blocked_hours", "SELECT project_key, sum(blocked_hours) FROM ref_sprint_stats WHERE tenant_id = ? GROUP BY project_key"),
                Arguments.of("spillover_ratio", "SELECT p.project_key, sum(si.story_points) FILTER (WHERE si.removed_at IS NOT NULL) "
                        + "/ nullif(sum(si.story_points) FILTER (WHERE si.added_at <= s.start_date), 0) " + SPRINT_ROWS),
                Arguments.of("scope_churn_ratio", "SELECT p.project_key, sum(si.story_points) FILTER (WHERE si.added_at > s.start_date) "
                        + "/ nullif(sum(si.story_points) FILTER (WHERE si.added_at <= s.start_date), 0) " + SPRINT_ROWS),
                Arguments.of("accuracy_abs", "SELECT project_key, avg(abs(completed - planned) / nullif(planned, 0)) FROM " + PER_SPRINT + " GROUP BY project_key"),
                Arguments.of("velocity", "SELECT project_key, avg(completed) FILTER (WHERE state = 'closed' AND rank <= 3) FROM "
                        + "(SELECT ps.*, rank() OVER (PARTITION BY project_key ORDER BY (state = 'closed') DESC, ended DESC, id) AS rank FROM "
                        + PER_SPRINT + ") r GROUP BY project_key"),
                Arguments.of("throughput_issues", "SELECT p.project_key, count(i.resolved_at) " + ISSUE_ROWS),
                Arguments.of("throughput_sp", "SELECT p.project_key, sum(i.story_points) FILTER (WHERE i.resolved_at IS NOT NULL) " + ISSUE_ROWS),
                Arguments.of("lead_time", "SELECT p.project_key, avg(" + LEAD_DAYS + ") " + ISSUE_ROWS),
                Arguments.of("lead_time_median", "SELECT p.project_key, percentile_cont(0.5) WITHIN GROUP (ORDER BY " + LEAD_DAYS + ") " + ISSUE_ROWS),
                Arguments.of("lead_time_p85", "SELECT p.project_key, percentile_cont(0.85) WITHIN GROUP (ORDER BY " + LEAD_DAYS + ") " + ISSUE_ROWS),
                Arguments.of("cycle_time", "SELECT p.project_key, avg(r.cycle_time_hours / 24) FROM ref_issue_stats r JOIN issues i ON i.id = r.issue_id "
                        + "JOIN projects p ON p.id = i.project_id WHERE i.tenant_id = ? GROUP BY p.project_key"),
                Arguments.of("cycle_time_median", "SELECT p.project_key, percentile_cont(0.5) WITHIN GROUP (ORDER BY r.cycle_time_hours / 24) FROM ref_issue_stats r "
                        + "JOIN issues i ON i.id = r.issue_id JOIN projects p ON p.id = i.project_id WHERE i.tenant_id = ? GROUP BY p.project_key"),
                Arguments.of("cycle_time_p85", "SELECT p.project_key, percentile_cont(0.85) WITHIN GROUP (ORDER BY r.cycle_time_hours / 24) FROM ref_issue_stats r "
                        + "JOIN issues i ON i.id = r.issue_id JOIN projects p ON p.id = i.project_id WHERE i.tenant_id = ? GROUP BY p.project_key"),
                Arguments.of("bug_ratio", "SELECT p.project_key, avg((i.issue_type = 'Bug')::int) " + ISSUE_ROWS),
                Arguments.of("reopen_rate", "SELECT p.project_key, avg((" + REOPENED + ")::int) " + ISSUE_ROWS),
                Arguments.of("created_issues", "SELECT p.project_key, count(*) " + ISSUE_ROWS),
                Arguments.of("open_issues", "SELECT p.project_key, count(*) FILTER (WHERE i.status_category <> 'Done') " + ISSUE_ROWS),
                Arguments.of("wip", "SELECT p.project_key, count(*) FILTER (WHERE i.status_category = 'In Progress') " + ISSUE_ROWS),
                Arguments.of("assignee_load", "SELECT p.project_key, sum(i.story_points) FILTER (WHERE i.status_category <> 'Done') " + ISSUE_ROWS),
                // a project key may exist in two Jira instances of a tenant: the project dimension is the key
                Arguments.of("comment_count", "SELECT p.project_key, sum((SELECT count(*) FROM comments c WHERE c.issue_id = i.id)) " + ISSUE_ROWS),
                Arguments.of("silent_issues", "SELECT p.project_key, count(*) FILTER (WHERE i.status_category <> 'Done' AND coalesce("
                        + "(SELECT max(c.jira_created_at) FROM comments c WHERE c.issue_id = i.id), i.jira_created_at) < now() - interval '14 days') "
                        + ISSUE_ROWS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("metrics")
    void everyMetricPerProjectEqualsItsHandWrittenSql(String metric, String handSql) throws Exception {
        assertThat(server.catalog().metricNames()).contains(metric);
        for (UUID tenant : data.tenants()) {
            Map<String, Object> expected = byKey(handSql, tenant);
            Map<String, Object> actual = run(tenant, "{\"metrics\": [\"" + metric + "\"], \"dimensions\": [\"project\"]}");
            assertThat(actual.keySet()).as(metric).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((project, value) -> assertClose(metric + " of " + project, actual.get(project), value));
        }
    }

    @Test
    void everyCatalogMetricIsCoveredAbove() {
        List<String> covered = metrics().map(a -> (String) a.get()[0]).toList();
        assertThat(covered).containsAll(server.catalog().metricNames().stream()
                .filter(m -> !m.equals("sprint_problematic_score")).toList());
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"last_quarter", "this_quarter"})
    void topSprintsByProblematicScoreInAProjectAndQuarterAreTheHandComputedOnes(String period) throws Exception {
        UUID tenant = data.tenants().get(0);
        String project = firstProject(tenant);
        String quarterStart = period.equals("this_quarter")
                ? "date_trunc('quarter', now() AT TIME ZONE 'UTC')" : "date_trunc('quarter', now() AT TIME ZONE 'UTC') - interval '3 months'";
        String hand = """
                WITH s AS (SELECT * FROM ref_sprint_stats WHERE tenant_id = ? AND project_key = '%s'
                             AND coalesce(complete_date, end_date, start_date) >= (%s) AT TIME ZONE 'UTC'
                             AND coalesce(complete_date, end_date, start_date) < ((%s) + interval '3 months') AT TIME ZONE 'UTC'),
                     st AS (SELECT avg(spillover_ratio) a1, stddev_samp(spillover_ratio) d1, avg(scope_churn_ratio) a2,
                                   stddev_samp(scope_churn_ratio) d2, avg(reopened_count) a3, stddev_samp(reopened_count) d3,
                                   avg(blocked_hours) a4, stddev_samp(blocked_hours) d4, avg(bug_count) a5, stddev_samp(bug_count) d5,
                                   avg(accuracy_abs) a6, stddev_samp(accuracy_abs) d6 FROM s)
                SELECT s.sprint_id::text,
                       0.25 * coalesce((s.spillover_ratio - a1) / nullif(d1, 0), 0) + 0.20 * coalesce((s.scope_churn_ratio - a2) / nullif(d2, 0), 0)
                     + 0.20 * coalesce((s.reopened_count - a3) / nullif(d3, 0), 0) + 0.15 * coalesce((s.blocked_hours - a4) / nullif(d4, 0), 0)
                     + 0.10 * coalesce((s.bug_count - a5) / nullif(d5, 0), 0) + 0.10 * coalesce((s.accuracy_abs - a6) / nullif(d6, 0), 0)
                FROM s, st ORDER BY 2 DESC LIMIT 5""".formatted(project, quarterStart, quarterStart);
        Map<String, Object> expected = byKey(hand, tenant);
        RunResponse r = server.queries().run(JSON.readTree("""
                {"metrics": ["sprint_problematic_score"], "dimensions": ["sprint"],
                 "filters": [{"field": "project", "op": "eq", "value": "%s"}], "time_range": {"period": "%s"},
                 "order_by": [{"field": "sprint_problematic_score", "direction": "desc"}], "limit": 5}""".formatted(project, period)),
                caller(tenant));
        assertThat(r.rows()).extracting(row -> (String) row.get(1)).containsExactlyElementsOf(expected.keySet());
        for (List<Object> row : r.rows()) {
            assertClose("score of " + row.get(0), row.get(2), expected.get((String) row.get(1)));
        }
        if (period.equals("this_quarter")) {
            assertThat(r.rows()).as("the demo data has sprints this quarter").hasSize(5);
        }
    }

    @Test
    void theBreakdownSumsToTheScoreAndOverriddenWeightsApply() throws Exception {
        UUID tenant = data.tenants().get(1);
        RunResponse r = server.queries().run(JSON.readTree("""
                {"metrics": ["sprint_problematic_score"], "dimensions": ["sprint"], "breakdown": true,
                 "weights": {"spillover_ratio": 0, "scope_churn_ratio": 0, "reopened_count": 0, "blocked_hours": 1,
                             "bug_count": 0, "accuracy_abs": 0}}"""), caller(tenant));
        for (List<Object> row : r.rows()) {
            double sum = 0;
            for (int i = 3; i < row.size(); i++) {
                sum += ((Number) row.get(i)).doubleValue();
            }
            assertThat(sum).isCloseTo(((Number) row.get(2)).doubleValue(), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(((Number) row.get(3)).doubleValue()).as("spillover weighs 0").isZero();
        }
    }

    @Test
    void timeRangesAndGrainsSelectTheRightRows() throws Exception {
        UUID tenant = data.tenants().get(2);
        Map<String, Object> expected = byKey("""
                SELECT to_char(date_trunc('month', i.resolved_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD'), count(*) FROM issues i
                WHERE i.tenant_id = ? AND i.resolved_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '89 days'
                GROUP BY 1""", tenant);
        Map<String, Object> actual = run(tenant, "{\"metrics\": [\"throughput_issues\"], \"dimensions\": [\"month\"], \"time_range\": {\"last\": 90, \"unit\": \"days\"}}");
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((month, n) -> assertClose("issues resolved in " + month, actual.get(month), n));
        Map<String, Object> lastTwo = byKey("""
                SELECT sprint_id::text, completed_sp FROM (SELECT r.*, row_number() OVER (PARTITION BY project_key
                  ORDER BY coalesce(complete_date, end_date, start_date) DESC, sprint_id DESC) n
                FROM ref_sprint_stats r WHERE tenant_id = ? AND state = 'closed') x WHERE n <= 2""", tenant);
        RunResponse r = server.queries().run(JSON.readTree(
                "{\"metrics\": [\"completed_sp\"], \"dimensions\": [\"sprint\"], \"time_range\": {\"last\": 2, \"unit\": \"sprints\"}}"), caller(tenant));
        assertThat(r.rows()).hasSize(lastTwo.size());
        r.rows().forEach(row -> assertClose("completed of " + row.get(0), row.get(2), lastTwo.get((String) row.get(1))));
    }

    private static Map<String, Object> run(UUID tenant, String spec) throws Exception {
        RunResponse r = server.queries().run(JSON.readTree(spec), caller(tenant));
        Map<String, Object> out = new LinkedHashMap<>();
        r.rows().forEach(row -> out.put(String.valueOf(row.get(0)), row.get(row.size() - 1)));
        return out;
    }

    private static Caller caller(UUID tenant) {
        return new Caller(UUID.randomUUID(), tenant, "tester", 1000);
    }

    private static Map<String, Object> byKey(String sql, UUID tenant) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        try (Connection c = data.config.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object v = rs.getObject(2);
                    out.put(String.valueOf(rs.getString(1)), v instanceof Number n ? n.doubleValue() : v);
                }
            }
        }
        return out;
    }

    private static String firstProject(UUID tenant) throws Exception {
        try (Connection c = data.config.connect();
             PreparedStatement ps = c.prepareStatement("SELECT min(project_key) FROM projects WHERE tenant_id = ?")) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void assertClose(String what, Object actual, Object expected) {
        if (expected == null) {
            assertThat(actual).as(what).isNull();
            return;
        }
        assertThat(actual).as(what).isInstanceOf(Number.class);
        double a = ((Number) actual).doubleValue();
        double e = ((Number) expected).doubleValue();
        assertThat(Math.abs(a - e)).as(what + ": " + a + " vs " + e).isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(e)));
    }
}
