package com.digitalspiral.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The browser workspace, end to end in headless Debian Chromium (web/e2e/workspace.e2e.mjs drives it as a person
 * would): a wrong key is refused with a message; signing in keeps the key out of the URL; a question asked by
 * keyboard alone gets its reading, a chart with ink and its rows; the type switcher redraws the chart; a refused
 * question offers suggestions that answer when followed; cut rows are said; the catalog finds a metric by a
 * synonym and "try it" asks it; axe-core finds no serious or critical violation on any screen; the page's
 * Content-Security-Policy is never violated; another tenant's names never appear.
 */
class WebAppIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path WEB = Path.of("../web").toAbsolutePath().normalize();
    private static DemoData data;
    private static ApiServer server;
    private static UUID acme;

    @BeforeAll
    static void setUp() throws Exception {
        assertThat(WEB.resolve("dist/index.html")).as("the web app is built: run scripts/build-web (./spiral test does)").exists();
        data = new DemoData("webapp", 800);
        // rows without vectors, as a pipeline with embeddings off writes them: the Search screen ranks by words
        new com.digitalspiral.store.embed.EmbeddingBackfill(data.config, null).run(n -> { });
        server = new ApiServer(data.apiConfig());
        server.search().catchUp();
        acme = data.tenants().get(0);
    }

    @AfterAll
    static void tearDown() throws Exception {
        server.close();
        data.close();
    }

    @Test
    void aPersonSignsInAsksFollowsASuggestionAndBrowsesTheCatalog() throws Exception {
        String key = data.key(acme, 10_000);
        JavalinTest.test(server.app(), (app, client) -> {
            var home = client.get("/");
            assertThat(home.code()).isEqualTo(200);
            assertThat(home.headers().get("Content-Security-Policy").get(0)).contains("script-src 'self'").doesNotContain("unsafe-eval");
            assertThat(home.headers().get("Cache-Control").get(0)).isEqualTo("no-cache");

            Process node = new ProcessBuilder("node", WEB.resolve("e2e/workspace.e2e.mjs").toString(), client.getOrigin(), key)
                    .directory(WEB.toFile()).redirectErrorStream(false).start();
            byte[] out = node.getInputStream().readAllBytes();
            assertThat(node.waitFor(4, TimeUnit.MINUTES)).as("the browser run finished").isTrue();
            String text = new String(out, StandardCharsets.UTF_8);
            assertThat(node.exitValue()).as(text + new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
            JsonNode report = JSON.readTree(text.substring(text.indexOf('{')));
            assertThat(report.path("error").asText("")).as("the run went through").isEmpty();

            JsonNode steps = report.get("steps");
            assertThat(step(steps, "wrong key").get("message").asText()).contains("not accepted");
            assertThat(step(steps, "signed in").get("url").asText()).doesNotContain(key);
            assertThat(step(steps, "signed in").get("liveRows").asInt()).as("the live screen shows the active sprints").isPositive();
            assertThat(step(steps, "signed in").get("liveText").asText()).as("only the caller's tenant's sprints")
                    .doesNotContain("DELTA").doesNotContain("OMEGA").contains("Sprint");
            JsonNode asked = step(steps, "asked");
            assertThat(asked.get("reading").asText()).startsWith("Breakdown: Spillover ratio");
            assertThat(asked.get("ink").asDouble()).as("the chart has ink").isGreaterThan(0.01);
            assertThat(asked.get("rows").asInt()).isPositive();
            assertThat(step(steps, "switched").get("ink").asDouble()).as("the redrawn chart has ink").isGreaterThan(0.01);
            JsonNode followed = step(steps, "refused and followed");
            assertThat(followed.get("why").asText()).contains("revenue");
            assertThat(followed.get("answered").asText()).isNotBlank();
            assertThat(step(steps, "fourth").get("rows").asInt()).isEqualTo(1);
            assertThat(step(steps, "fourth").get("note").asText()).contains("of 27 rows");
            JsonNode searched = step(steps, "search");
            assertThat(searched.get("hits").size()).as("issues found by their words").isPositive();
            assertThat(searched.get("first").asText().toLowerCase()).as("the first hit holds the words searched").containsAnyOf("checkout", "times out");
            assertThat(searched.get("similar").asInt()).as("similar issues shown").isPositive();
            assertThat(searched.get("hits").toString()).as("only the caller's tenant's issues").doesNotContain("DELTA").doesNotContain("OMEGA");
            assertThat(step(steps, "catalog search").get("found").toString()).contains("spillover_ratio");
            assertThat(step(steps, "tried").get("question").asText()).isNotBlank();

            // the CSV export of the first answer holds exactly /analytics/run's rows for the same spec
            var translated = JSON.readTree(client.request("/analytics/translate", r -> r.header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").post(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"question\": \"spillover per sprint for ALPHA\"}"))).body().string());
            var ran = JSON.readTree(client.request("/analytics/run", r -> r.header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").post(java.net.http.HttpRequest.BodyPublishers.ofString(
                            translated.get("spec").toString()))).body().string());
            JsonNode csv = step(steps, "exported").get("csvLines");
            assertThat(csv.size()).as("header and rows").isEqualTo(ran.get("rows").size() + 1);
            for (int i = 0; i < ran.get("rows").size(); i++) {
                String[] cells = csv.get(i + 1).asText().split(",", -1);
                JsonNode row = ran.get("rows").get(i);
                assertThat(cells).as("csv row %d", i).hasSize(row.size());
                for (int j = 0; j < row.size(); j++) {
                    if (row.get(j).isNumber()) {
                        assertThat(Double.parseDouble(cells[j])).isCloseTo(row.get(j).asDouble(), org.assertj.core.data.Offset.offset(1e-9));
                    } else {
                        assertThat(cells[j]).isEqualTo(row.get(j).isNull() ? "" : row.get(j).asText());
                    }
                }
            }
            assertThat(step(steps, "edited").get("problem").asText()).contains("/metrics/0").contains("spillover_ratio");
            assertThat(step(steps, "edited").get("rowsAfter").asInt()).isEqualTo(3);
            assertThat(step(steps, "jobs").get("first").asText()).contains("completed");

            List<String> serious = new ArrayList<>();
            report.get("axe").fields().forEachRemaining(screen -> screen.getValue().forEach(v -> {
                if (List.of("serious", "critical").contains(v.get("impact").asText())) {
                    serious.add(screen.getKey() + ": " + v.get("id").asText());
                }
            }));
            assertThat(serious).as("serious or critical accessibility violations").isEmpty();
            List<String> broken = new ArrayList<>();
            report.get("console").forEach(c -> {
                String m = c.asText();
                // refused keys (401), refused questions (422) and the misspelt hand-edited spec (400) are answers, not faults
                if (!m.matches(".*status of (400|401|422).*")) {
                    broken.add(m);
                }
            });
            assertThat(broken).as("console errors (a policy violation shows here)").isEmpty();
            String shown = step(steps, "page text").get("text").asText();
            assertThat(shown).doesNotContain("DELTA").doesNotContain("OMEGA").doesNotContain("Initech").doesNotContain("Globex");
        });
    }

    private static JsonNode step(JsonNode steps, String name) {
        for (JsonNode s : steps) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no step '" + name + "' in " + steps);
    }
}
