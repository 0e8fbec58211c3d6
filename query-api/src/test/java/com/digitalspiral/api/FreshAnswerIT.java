package com.digitalspiral.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.digitalspiral.api.auth.Caller;
import com.digitalspiral.api.query.RunResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The whole path: a change to the Jira tables → CDC → the pipeline's operators → sprint_stats → NOTIFY →
 * the API retires its cached answer → the next request answers with the new figures.
 */
class FreshAnswerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCachedAnswerChangesAfterTheSourceDataChanges() throws Exception {
        try (RunningPipeline db = new RunningPipeline("fresh", 7, 2, 1000)) {
            try (ApiServer api = new ApiServer(ApiConfig.fromEnv(Map.of(), db.config()).withPort(0).withManagementPort(0).withPoolSize(4))) {
                UUID tenant;
                UUID sprint;
                String project;
                try (Connection c = db.config().connect(); PreparedStatement ps = c.prepareStatement("""
                        SELECT s.tenant_id, s.id, p.project_key FROM sprints s JOIN projects p ON p.id = s.project_id
                        WHERE EXISTS (SELECT 1 FROM sprint_issues si WHERE si.sprint_id = s.id AND si.completed)
                        ORDER BY s.id LIMIT 1""");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    tenant = rs.getObject(1, UUID.class);
                    sprint = rs.getObject(2, UUID.class);
                    project = rs.getString(3);
                }
                Caller caller = new Caller(UUID.randomUUID(), tenant, "tester", 1000);
                var spec = JSON.readTree("""
                        {"metrics": ["completed_sp"], "dimensions": ["sprint"],
                         "filters": [{"field": "project", "op": "eq", "value": "%s"}]}""".formatted(project));
                long listenDeadline = System.currentTimeMillis() + 10_000;
                while (!api.cache().usable() && System.currentTimeMillis() < listenDeadline) {
                    Thread.sleep(50);
                }
                RunResponse before = api.queries().run(spec, caller);
                assertThat(api.queries().run(spec, caller).meta().cached()).isTrue();

                long changedAt = System.nanoTime();
                try (Connection c = db.config().connect(); PreparedStatement ps = c.prepareStatement(
                        "UPDATE sprint_issues SET story_points = coalesce(story_points, 0) + 100 WHERE sprint_id = ? AND completed")) {
                    ps.setObject(1, sprint);
                    assertThat(ps.executeUpdate()).isPositive();
                }
                RunResponse after = before;
                long until = System.currentTimeMillis() + 30_000;
                while (after.rows().equals(before.rows()) && System.currentTimeMillis() < until) {
                    Thread.sleep(20);
                    after = api.queries().run(spec, caller);
                }
                long ms = Duration.ofNanos(System.nanoTime() - changedAt).toMillis();
                System.out.println("answer changed " + ms + " ms after the source commit");
                assertThat(after.rows()).isNotEqualTo(before.rows());
                assertThat(after.meta().cached()).isFalse();
                String id = sprint.toString();
                double oldValue = before.rows().stream().filter(r -> id.equals(r.get(1))).map(r -> ((Number) r.get(2)).doubleValue()).findFirst().orElseThrow();
                double newValue = after.rows().stream().filter(r -> id.equals(r.get(1))).map(r -> ((Number) r.get(2)).doubleValue()).findFirst().orElseThrow();
                assertThat(newValue - oldValue).isGreaterThanOrEqualTo(100);
                assertThat(api.metrics().scrape()).as("operators see the WAL the pipeline's slot keeps")
                        .containsPattern("spiral_replication_slot_retained_bytes\\{slot=\"it_[^\"]+\"} [0-9.E]+")
                        .containsPattern("spiral_replication_slot_active\\{slot=\"it_[^\"]+\"} [01]\\.0");
            }
        }
    }
}
