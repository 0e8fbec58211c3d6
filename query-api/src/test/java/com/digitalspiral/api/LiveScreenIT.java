package com.digitalspiral.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.digitalspiral.api.auth.ApiKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Live screen, the whole path: an UPDATE of a Jira source row → CDC → the pipeline's operators →
 * sprint_stats → NOTIFY → the API's stream → the browser, where the changed figure is highlighted with its delay
 * from the commit. Headless Debian Chromium runs web/e2e/live.e2e.mjs; the change must show within 3 s.
 */
class LiveScreenIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path WEB = Path.of("../web").toAbsolutePath().normalize();

    @Test
    void aSourceChangeReachesTheLiveScreenWithinThreeSeconds() throws Exception {
        assertThat(WEB.resolve("dist/index.html")).as("the web app is built: run scripts/build-web (./spiral test does)").exists();
        try (RunningPipeline db = new RunningPipeline("livescreen", 7, 2, 1000)) {
            try (ApiServer api = new ApiServer(ApiConfig.fromEnv(Map.of(), db.config()).withPort(0).withManagementPort(0).withPoolSize(4))) {
                UUID tenant;
                UUID sprint;
                String sprintName;
                try (Connection c = db.config().connect(); PreparedStatement ps = c.prepareStatement("""
                        SELECT s.tenant_id, s.id, s.name FROM sprints s
                        WHERE s.state = 'active' AND EXISTS (SELECT 1 FROM sprint_issues si
                          WHERE si.sprint_id = s.id AND si.added_at <= s.start_date AND si.removed_at IS NULL)
                        ORDER BY s.name LIMIT 1""");
                     ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("an active sprint with committed issues").isTrue();
                    tenant = rs.getObject(1, UUID.class);
                    sprint = rs.getObject(2, UUID.class);
                    sprintName = rs.getString(3);
                }
                String key;
                try (Connection c = db.config().connect()) {
                    key = ApiKeys.create(c, tenant, "tester", "test", 10_000).key();
                }
                long listenDeadline = System.currentTimeMillis() + 10_000;
                while (!api.cache().usable() && System.currentTimeMillis() < listenDeadline) {
                    Thread.sleep(50);
                }
                JavalinTest.test(api.app(), (app, client) -> {
                    Process node = new ProcessBuilder("node", WEB.resolve("e2e/live.e2e.mjs").toString(), client.getOrigin(), key)
                            .directory(WEB.toFile()).start();
                    BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
                    String ready = out.readLine();
                    assertThat(ready).as("the Live screen showed the active sprints").startsWith("ready").contains(sprintName);

                    try (Connection c = db.config().connect(); PreparedStatement ps = c.prepareStatement("""
                            UPDATE sprint_issues SET story_points = coalesce(story_points, 0) + 100
                            WHERE sprint_id = ? AND removed_at IS NULL
                              AND added_at <= (SELECT start_date FROM sprints WHERE id = ?)""")) {
                        ps.setObject(1, sprint);
                        ps.setObject(2, sprint);
                        assertThat(ps.executeUpdate()).isPositive();
                    }
                    long committed = System.nanoTime();
                    Writer in = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
                    in.write(sprintName + "\n");
                    in.flush();
                    String line = out.readLine();
                    long seenMs = (System.nanoTime() - committed) / 1_000_000;
                    assertThat(node.waitFor(1, TimeUnit.MINUTES)).isTrue();
                    JsonNode report = JSON.readTree(line);
                    assertThat(report.path("error").asText("")).as(line).isEmpty();
                    // the figures for the record (the note quotes them): target/live-screen.json
                    Files.writeString(Path.of("target/live-screen.json"), line);
                    assertThat(report.get("changedFigures").toString()).contains("planned_sp");
                    assertThat(report.get("after").asText()).isNotEqualTo(report.get("before").asText());
                    assertThat(report.get("screenMs").asLong()).as("commit → highlighted on screen, ms").isLessThan(3_000);
                    assertThat(seenMs).as("commit → the browser's report, ms").isLessThan(5_000);
                    assertThat(report.get("delayShown").asText()).matches("\\d+\\.\\d s after the commit");
                });
            }
        }
    }
}
