package com.digitalspiral.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import java.awt.image.BufferedImage;
import java.io.File;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import io.javalin.testtools.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Charts of real query results: every chart type is asked for over the demo data, its Vega-Lite spec is drawn by
 * vega-embed in headless Chromium (src/test/browser/render.mjs), and each picture must show something.
 */
class ChartRenderIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path OUT = Path.of("target", "charts");
    private static final Path BROWSER = Path.of("src", "test", "browser");

    /** Per chart type, a question of the demo data with the shape that type draws. */
    private static final Map<String, String> SPECS = new LinkedHashMap<>();

    static {
        SPECS.put("line", "{\"metrics\": [\"created_issues\"], \"dimensions\": [\"month\"]}");
        SPECS.put("multi_line", "{\"metrics\": [\"created_issues\"], \"dimensions\": [\"month\", \"issue_type\"]}");
        SPECS.put("area", "{\"metrics\": [\"created_issues\"], \"dimensions\": [\"month\", \"issue_type\"]}");
        SPECS.put("bar", "{\"metrics\": [\"velocity\"], \"dimensions\": [\"project\"]}");
        SPECS.put("horizontal_bar", "{\"metrics\": [\"assignee_load\"], \"dimensions\": [\"assignee\"], "
                + "\"order_by\": [{\"field\": \"assignee_load\", \"direction\": \"desc\"}], \"limit\": 15}");
        SPECS.put("grouped_bar", "{\"metrics\": [\"cycle_time_median\"], \"dimensions\": [\"project\", \"issue_type\"]}");
        SPECS.put("stacked_bar", "{\"metrics\": [\"created_issues\"], \"dimensions\": [\"project\", \"issue_type\"]}");
        SPECS.put("scatter", "{\"metrics\": [\"planned_sp\", \"completed_sp\"], \"dimensions\": [\"sprint\"]}");
        SPECS.put("heatmap", "{\"metrics\": [\"created_issues\"], \"dimensions\": [\"month\", \"project\"]}");
        SPECS.put("donut", "{\"metrics\": [\"open_issues\"], \"dimensions\": [\"issue_type\"]}");
        SPECS.put("histogram", "{\"metrics\": [\"completed_sp\"], \"dimensions\": [\"sprint\"]}");
        SPECS.put("box_plot", "{\"metrics\": [\"completed_sp\"], \"dimensions\": [\"project\", \"sprint\"]}");
        SPECS.put("kpi", "{\"metrics\": [\"velocity\", \"spillover_ratio\"]}");
        SPECS.put("table", "{\"metrics\": [\"planned_sp\", \"completed_sp\", \"spillover_ratio\"], \"dimensions\": [\"sprint\"], "
                + "\"limit\": 12}");
    }

    private static DemoData data;
    private static String key;
    private static String otherKey;

    @BeforeAll
    static void setUp() throws Exception {
        data = new DemoData("charts", 1500);
        key = data.key(data.tenants().get(0), 100_000);
        otherKey = data.key(data.tenants().get(1), 100_000);
    }

    @AfterAll
    static void tearDown() throws Exception {
        data.close();
    }

    @Test
    void everyChartTypeIsDrawnByVegaEmbedInHeadlessChromium() throws Exception {
        assertThat(BROWSER.resolve("node_modules/vega-embed")).as("the browser test's npm packages: run scripts/ensure-services")
                .isDirectory();
        Files.createDirectories(OUT);
        try (var files = Files.list(OUT)) {
            files.forEach(f -> f.toFile().delete());
        }
        try (ApiServer server = new ApiServer(data.apiConfig())) {
            JavalinTest.test(server.app(), (app, client) -> {
                for (var e : SPECS.entrySet()) {
                    Response r = post(client, key, "{\"spec\": " + e.getValue() + ", \"chart_type\": \"" + e.getKey()
                            + "\", \"width\": 420, \"height\": 240}");
                    String body = r.body().string();
                    assertThat(r.code()).as(e.getKey() + ": " + body).isEqualTo(200);
                    JsonNode chart = JSON.readTree(body);
                    assertThat(chart.path("chart_type").asText()).isEqualTo(e.getKey());
                    Files.writeString(OUT.resolve(e.getKey() + ".vl.json"), chart.get("vega_lite").toString());
                }
            });
        }

        Process node = new ProcessBuilder("node", BROWSER.resolve("render.mjs").toString(), OUT.toString())
                .redirectErrorStream(true).redirectOutput(OUT.resolve("render.log").toFile()).start();
        assertThat(node.waitFor(5, TimeUnit.MINUTES)).as("rendering finished").isTrue();
        String log = Files.readString(OUT.resolve("render.log"));
        assertThat(node.exitValue()).as(log).isZero();

        JsonNode report = JSON.readTree(OUT.resolve("report.json").toFile());
        for (String type : SPECS.keySet()) {
            JsonNode r = report.get(type);
            assertThat(r).as(type + " in the report").isNotNull();
            assertThat(r.get("error").isNull()).as(type + ": " + r.get("error")).isTrue();
            assertThat(r.get("log")).as(type + " logged").isEmpty();
            File png = OUT.resolve(type + ".png").toFile();
            BufferedImage image = ImageIO.read(png);
            assertThat(image.getWidth()).as(type + " width").isGreaterThan(150);
            Ink ink = Ink.of(image);
            assertThat(ink.share()).as(type + ": share of the picture that is not background").isGreaterThan(0.01);
            assertThat(ink.colours()).as(type + ": distinct colours").isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void aCompletedJobAndAPlainQuestionCanBeCharted() throws Exception {
        try (ApiServer server = new ApiServer(data.apiConfig())) {
            JavalinTest.test(server.app(), (app, client) -> {
                Response submitted = post(client, key, "/analytics/jobs",
                        "{\"spec\": {\"metrics\": [\"velocity\"], \"dimensions\": [\"project\"]}}");
                String id = JSON.readTree(submitted.body().string()).path("id").asText();
                String status = "";
                for (int i = 0; i < 100 && !status.equals("completed"); i++) {
                    Thread.sleep(100);
                    status = JSON.readTree(client.get("/analytics/jobs/" + id, rq -> rq.header("Authorization", "Bearer " + key))
                            .body().string()).path("status").asText();
                }
                assertThat(status).isEqualTo("completed");

                JsonNode ofJob = JSON.readTree(post(client, key, "{\"job_id\": \"" + id + "\"}").body().string());
                assertThat(ofJob.path("chart_type").asText()).isEqualTo("bar");
                assertThat(ofJob.at("/vega_lite/encoding/y/title").asText()).isEqualTo("Velocity (story points)");

                Response elsewhere = post(client, otherKey, "{\"job_id\": \"" + id + "\"}");
                assertThat(elsewhere.code()).as("another tenant's job").isEqualTo(404);

                Response asked = post(client, key, "{\"question\": \"created issues per month\"}");
                JsonNode ofQuestion = JSON.readTree(asked.body().string());
                assertThat(asked.code()).as(ofQuestion.toString()).isEqualTo(200);
                assertThat(ofQuestion.path("chart_type").asText()).isEqualTo("line");
                assertThat(ofQuestion.path("alternatives").toString()).contains("\"area\"").contains("\"bar\"");

                String metrics = server.metrics().scrape();
                assertThat(metrics).contains("analytics_job_queue_length")
                        .contains("analytics_job_duration_seconds_count{status=\"completed\"}")
                        .contains("analytics_charts_rendered_total{chart_type=\"bar\",recommended=\"true\"}");
            });
        }
    }

    @Test
    void badChartRequestsGetProblemsThatNameTheMistake() throws Exception {
        try (ApiServer server = new ApiServer(data.apiConfig())) {
            JavalinTest.test(server.app(), (app, client) -> {
                Response none = post(client, key, "{\"chart_type\": \"bar\"}");
                assertThat(none.code()).isEqualTo(400);
                assertThat(none.headers().get("Content-Type").toString()).contains("application/problem+json");
                assertThat(none.body().string()).contains("send exactly one of result, job_id, spec, question");

                Response typo = post(client, key, "{\"spec\": " + SPECS.get("bar") + ", \"chart_type\": \"donught\"}");
                assertThat(typo.code()).isEqualTo(400);
                assertThat(typo.body().string()).contains("did you mean 'donut'?");

                Response unfit = post(client, key, "{\"spec\": " + SPECS.get("bar") + ", \"chart_type\": \"line\"}");
                assertThat(unfit.code()).isEqualTo(422);
                assertThat(JSON.readTree(unfit.body().string()).path("fits").toString()).contains("\"bar\"");

                Response badSpec = post(client, key, "{\"spec\": {\"metrics\": [\"velocty\"]}}");
                assertThat(badSpec.code()).isEqualTo(400);
                assertThat(badSpec.body().string()).contains("did you mean 'velocity'");

                Response hostile = post(client, key, "{\"result\": {\"columns\": [{\"name\": \"a\\\"]}</script>\", \"type\": \"string\"}], "
                        + "\"rows\": [[\"x\"]]}}");
                assertThat(hostile.code()).isEqualTo(400);
                assertThat(hostile.body().string()).contains("/result/columns/0/name must be an identifier");

                Response tooWide = post(client, key, "{\"spec\": " + SPECS.get("bar") + ", \"width\": 100000}");
                assertThat(tooWide.code()).isEqualTo(400);

                Response missingJob = post(client, key, "{\"job_id\": \"" + UUID.randomUUID() + "\"}");
                assertThat(missingJob.code()).isEqualTo(404);

                Response types = client.get("/analytics/charts/types", rq -> rq.header("Authorization", "Bearer " + key));
                assertThat(JSON.readTree(types.body().string()).path("chart_types")).hasSize(14);
            });
        }
    }

    private static Response post(HttpClient client, String key, String body) {
        return post(client, key, "/analytics/charts/render", body);
    }

    private static Response post(HttpClient client, String key, String path, String body) {
        return client.request(path, rq -> rq.header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .post(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** How much of a picture is drawn on: pixels away from white, and how many distinct colours they have. */
    private record Ink(double share, int colours) {

        static Ink of(BufferedImage image) {
            long inked = 0;
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y) & 0xFFFFFF;
                    int r = rgb >> 16 & 0xFF;
                    int g = rgb >> 8 & 0xFF;
                    int b = rgb & 0xFF;
                    if (Math.min(r, Math.min(g, b)) < 235) {
                        inked++;
                        colours.add((r >> 5) << 6 | (g >> 5) << 3 | b >> 5);
                    }
                }
            }
            return new Ink((double) inked / ((long) image.getWidth() * image.getHeight()), colours.size());
        }
    }
}
