package com.digitalspiral.launcher;

import com.digitalspiral.store.DbConfig;
import com.digitalspiral.store.verify.Verifier;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Waits until the maintained tables equal the reference views, checking cheap row counts first. */
final class CatchUp {

    private CatchUp() {}

    /** Returns the seconds it took, or -1 when the tables were not equal within {@code within}. */
    static double await(DbConfig config, Duration within) throws Exception {
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        Verifier verifier = new Verifier(config);
        while (System.nanoTime() < deadline) {
            if (countsMatch(config) && verifier.compare(0).equal()) {
                return (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(250);
        }
        return -1;
    }

    /**
     * Waits until the local job's tasks all run (a restored job is INITIALIZING while it reads its state,
     * and an idle source would look caught up meanwhile). Returns false when the time is up.
     */
    static boolean awaitTasksRunning(int webPort, Duration within) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://localhost:" + webPort + "/jobs/overview")).build();
        ObjectMapper json = new ObjectMapper();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                JsonNode jobs = json.readTree(http.send(req, HttpResponse.BodyHandlers.ofString()).body()).path("jobs");
                for (JsonNode job : jobs) {
                    JsonNode tasks = job.path("tasks");
                    if ("RUNNING".equals(job.path("state").asText())
                            && tasks.path("running").asInt() == tasks.path("total").asInt() && tasks.path("total").asInt() > 0) {
                        return true;
                    }
                }
            } catch (java.io.IOException e) {
                // the dashboard is not up yet
            }
            Thread.sleep(250);
        }
        return false;
    }

    private static boolean countsMatch(DbConfig config) throws Exception {
        try (Connection c = config.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT (SELECT count(*) FROM issues) = (SELECT count(*) FROM issue_stats) "
                        + "AND (SELECT count(*) FROM sprints) = (SELECT count(*) FROM sprint_stats)")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
