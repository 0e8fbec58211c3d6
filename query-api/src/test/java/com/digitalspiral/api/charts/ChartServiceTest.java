package com.digitalspiral.api.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.digitalspiral.api.errors.ApiProblem;
import com.digitalspiral.catalog.Catalog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChartServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final VegaLiteSchema SCHEMA = new VegaLiteSchema();
    private final ChartService charts = new ChartService(Catalog.load(), JSON, SCHEMA);
    private final VegaLiteBuilder.Options options = new VegaLiteBuilder.Options(null, 480, 280);

    private static ResultInput input(JsonNode result) {
        return ResultInput.read(result, "/result", ChartService.MAX_ROWS);
    }

    @ParameterizedTest
    @EnumSource(ChartType.class)
    void everyChartTypeWritesASpecTheVegaLiteSchemaAccepts(ChartType type) {
        ChartService.Chart chart = charts.render(input(ChartFixtures.result(type)), type.wireName(), options);

        assertThat(chart.chartType()).isEqualTo(type.wireName());
        assertThat(SCHEMA.problems(chart.vegaLite())).isEmpty();
        assertThat(chart.vegaLite().path("$schema").asText()).isEqualTo("https://vega.github.io/schema/vega-lite/v5.json");
        assertThat(chart.vegaLite().path("data").path("values")).hasSize(chart.rowCount());
    }

    @Test
    void theSchemaCheckRejectsWhatVegaLiteWouldNotDraw() {
        ObjectNode spec = charts.render(input(ChartFixtures.result(ChartType.BAR)), "bar", options).vegaLite();
        spec.with("mark").put("type", "pie3d");
        ((ObjectNode) spec.get("encoding").get("x")).put("type", "quantitive");

        assertThat(SCHEMA.problems(spec)).isNotEmpty().anySatisfy(p -> assertThat(p).contains("mark"));
    }

    @Test
    void eachShapeGetsTheChartThatReadsBest() {
        assertThat(recommended(ChartType.LINE)).isEqualTo("line");
        assertThat(recommended(ChartType.MULTI_LINE)).isEqualTo("multi_line");
        assertThat(recommended(ChartType.BAR)).isEqualTo("bar");
        assertThat(recommended(ChartType.HORIZONTAL_BAR)).isEqualTo("horizontal_bar");
        assertThat(recommended(ChartType.GROUPED_BAR)).isEqualTo("grouped_bar");
        assertThat(recommended(ChartType.STACKED_BAR)).isEqualTo("stacked_bar");
        assertThat(recommended(ChartType.HEATMAP)).isEqualTo("multi_line");
        assertThat(recommended(ChartType.HISTOGRAM)).isEqualTo("histogram");
        assertThat(recommended(ChartType.KPI)).isEqualTo("kpi");
        assertThat(recommended(ChartType.TABLE)).isEqualTo("table");
    }

    @Test
    void twoMeasuresOverCategoriesMakeAScatterPlot() {
        ObjectNode r = ChartFixtures.result(ChartType.SCATTER);
        // drop bug_ratio: two measures left
        r.withArray("columns").remove(4);
        r.withArray("rows").forEach(row -> ((com.fasterxml.jackson.databind.node.ArrayNode) row).remove(4));
        assertThat(charts.render(input(r), null, options).chartType()).isEqualTo("scatter");
    }

    @Test
    void manyProjectsOverTimeBecomeAHeatmapNotALineTangle() {
        ObjectNode r = JSON.createObjectNode();
        r.putArray("columns").add(col("month", "date")).add(col("project", "string")).add(col("wip", "number"));
        for (int p = 0; p < 12; p++) {
            for (int m = 1; m <= 3; m++) {
                r.withArray("rows").addArray().add("2026-0" + m + "-01").add("P" + p).add(p + m);
            }
        }
        assertThat(charts.render(input(r), null, options).chartType()).isEqualTo("heatmap");
    }

    @Test
    void noRowsGiveATableAndSayWhy() {
        ObjectNode r = ChartFixtures.result(ChartType.BAR);
        r.putArray("rows");
        ChartService.Chart chart = charts.render(input(r), null, options);
        assertThat(chart.chartType()).isEqualTo("table");
        assertThat(chart.reason()).contains("no rows");
    }

    @Test
    void alternativesListOnlyChartsThatFit() {
        ChartService.Chart chart = charts.render(input(ChartFixtures.result(ChartType.DONUT)), null, options);
        assertThat(chart.chartType()).isEqualTo("bar");
        assertThat(chart.alternatives()).extracting(ChartService.Alternative::chartType)
                .contains("horizontal_bar", "donut", "table").doesNotContain("line", "scatter", "kpi", "bar");
    }

    @Test
    void aChartThatCannotDrawTheResultIsRefusedWithTheOnesThatCan() {
        assertThatThrownBy(() -> charts.render(input(ChartFixtures.result(ChartType.BAR)), "line", options))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(422);
                    assertThat(p.getMessage()).contains("a line needs a time column").contains("bar, ");
                });
    }

    @Test
    void aRatioCannotBeADonutBecauseItsPartsDoNotAddUp() {
        ObjectNode r = ChartFixtures.result(ChartType.DONUT);
        ((ObjectNode) r.withArray("columns").get(1)).put("name", "bug_ratio").put("unit", "ratio");
        assertThatThrownBy(() -> charts.render(input(r), "donut", options))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.getMessage()).contains("add up"));
    }

    @Test
    void anAverageCannotBeStackedEvenInStoryPoints() {
        // velocity is avg(completed_sp): its parts do not add up to anything, whatever its unit
        ChartService.Chart chart = charts.render(input(ChartFixtures.result(ChartType.BAR)), null, options);
        assertThat(chart.alternatives()).extracting(ChartService.Alternative::chartType).doesNotContain("donut");
        assertThatThrownBy(() -> charts.render(input(ChartFixtures.result(ChartType.BAR)), "donut", options))
                .isInstanceOf(ApiProblem.class);
    }

    @Test
    void measuresOfDifferentUnitsDoNotShareAnAxis() {
        ChartService.Chart chart = charts.render(input(ChartFixtures.result(ChartType.TABLE)), null, options);
        assertThat(chart.alternatives()).extracting(ChartService.Alternative::chartType)
                .contains("scatter").doesNotContain("grouped_bar", "multi_line");
    }

    @Test
    void aMisspelledChartTypeGetsASuggestion() {
        assertThatThrownBy(() -> charts.render(input(ChartFixtures.result(ChartType.BAR)), "histogramm", options))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(400);
                    assertThat(p.getMessage()).isEqualTo("unknown chart_type 'histogramm'; did you mean 'histogram'?");
                });
    }

    @Test
    void labelsComeFromTheCatalog() {
        JsonNode spec = charts.render(input(ChartFixtures.result(ChartType.BAR)), null, options).vegaLite();
        assertThat(spec.at("/encoding/y/title").asText()).isEqualTo("Velocity (story points)");
        assertThat(spec.at("/encoding/x/title").asText()).isEqualTo("Project");
        assertThat(spec.path("title").asText()).isEqualTo("Velocity by project");
        JsonNode heat = charts.render(input(ChartFixtures.result(ChartType.HEATMAP)), "heatmap", options).vegaLite();
        assertThat(heat.at("/encoding/color/legend/format").isMissingNode()).isTrue();
    }

    @Test
    void helperColumnsAreNotDrawn() {
        JsonNode spec = charts.render(input(ChartFixtures.result(ChartType.TABLE)), "table", options).vegaLite();
        assertThat(spec.at("/data/values/0").has("sprint_id")).isFalse();
        assertThat(spec.at("/data/values/0").has("sprint")).isTrue();
        assertThat(spec.path("title").asText()).endsWith("(first 30 of 40 rows)");
    }

    @Test
    void hostileColumnNamesAreRefusedBeforeTheyBecomeFieldNames() {
        ObjectNode r = ChartFixtures.result(ChartType.BAR);
        ((ObjectNode) r.withArray("columns").get(0)).put("name", "x']); alert(1); //");
        assertThatThrownBy(() -> input(r)).isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.status()).isEqualTo(400);
            assertThat(p.getMessage()).startsWith("/result/columns/0/name must be an identifier");
        });
    }

    @Test
    void rowsMustMatchTheColumnsAndHoldOnlyScalars() {
        ObjectNode shortRow = ChartFixtures.result(ChartType.BAR);
        shortRow.withArray("rows").addArray().add("ONLY");
        assertThatThrownBy(() -> input(shortRow)).hasMessage("/result/rows/5 must be an array of 2 values, one per column");
        ObjectNode nested = ChartFixtures.result(ChartType.BAR);
        nested.withArray("rows").addArray().add("X").addObject().put("a", 1);
        assertThatThrownBy(() -> input(nested)).hasMessage("/result/rows/5/1 must be a number, a string, a boolean or null");
    }

    @Test
    void tooManyRowsAreRefusedWithWhatToDoInstead() {
        ObjectNode r = ChartFixtures.result(ChartType.BAR);
        for (int i = 0; i < ChartService.MAX_ROWS; i++) {
            r.withArray("rows").addArray().add("P" + i).add(i);
        }
        assertThatThrownBy(() -> input(r)).isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.status()).isEqualTo(422);
            assertThat(p.getMessage()).contains("5005 rows").contains("export");
        });
    }

    @Test
    void columnTypesAreInferredWhenAClientLeavesThemOut() {
        ObjectNode r = JSON.createObjectNode();
        r.putArray("columns").add(JSON.createObjectNode().put("name", "week")).add(JSON.createObjectNode().put("name", "done"));
        r.putArray("rows").addArray().add("2026-03-02").add(4);
        r.withArray("rows").addArray().add("2026-03-09").add(7);
        assertThat(charts.render(input(r), null, options).chartType()).isEqualTo("line");
    }

    private String recommended(ChartType fixture) {
        return charts.render(input(ChartFixtures.result(fixture)), null, options).recommended();
    }

    private static ObjectNode col(String name, String type) {
        return JSON.createObjectNode().put("name", name).put("type", type);
    }
}
