package com.digitalspiral.api.charts;

import com.digitalspiral.api.auth.AuthFilter;
import com.digitalspiral.api.auth.Caller;
import com.digitalspiral.api.errors.ApiProblem;
import com.digitalspiral.api.jobs.JobStore;
import com.digitalspiral.api.ops.ApiMetrics;
import com.digitalspiral.api.query.QueryHandlers;
import com.digitalspiral.api.query.QueryService;
import com.digitalspiral.api.translate.QuestionTranslator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.List;
import java.util.UUID;

/**
 * POST /analytics/charts/render: a chart of a result sent inline, of a completed job, of a spec run now, or of a
 * question answered now; optionally of a given chart type. GET /analytics/charts/types lists the types.
 */
public final class ChartHandlers {

    private static final List<String> SOURCES = List.of("result", "job_id", "spec", "question");
    private final ChartService charts;
    private final JobStore jobs;
    private final QueryService queries;
    private final QuestionTranslator translator;
    private final ObjectMapper json;
    private final ApiMetrics metrics;

    public ChartHandlers(ChartService charts, JobStore jobs, QueryService queries, QuestionTranslator translator,
                         ObjectMapper json, ApiMetrics metrics) {
        this.metrics = metrics;
        this.charts = charts;
        this.jobs = jobs;
        this.queries = queries;
        this.translator = translator;
        this.json = json;
    }

    public void render(Context ctx) throws Exception {
        Caller caller = AuthFilter.caller(ctx);
        JsonNode body = QueryHandlers.body(ctx, json);
        if (!body.isObject()) {
            throw ApiProblem.badRequest("invalid-chart-request", "send a JSON object");
        }
        List<String> given = SOURCES.stream().filter(body::has).toList();
        if (given.size() != 1) {
            throw ApiProblem.badRequest("invalid-chart-request", "send exactly one of " + String.join(", ", SOURCES)
                    + (given.isEmpty() ? "" : "; got " + String.join(", ", given)));
        }
        String type = text(body, "chart_type", 40);
        VegaLiteBuilder.Options options = new VegaLiteBuilder.Options(text(body, "title", 200),
                size(body, "width", 480), size(body, "height", 280));
        ResultInput result = switch (given.get(0)) {
            case "job_id" -> ResultInput.read(jobResult(caller, body.get("job_id")), "/job_id", ChartService.MAX_ROWS);
            case "spec" -> ResultInput.read(json.valueToTree(queries.run(body.get("spec"), caller)), "/spec",
                    ChartService.MAX_ROWS);
            case "question" -> {
                if (!body.get("question").isTextual()) {
                    throw ApiProblem.badRequest("invalid-chart-request", "/question must be a string");
                }
                var spec = translator.translate(body.get("question").textValue(), caller.tenantId()).spec();
                yield ResultInput.read(json.valueToTree(queries.run(spec, caller)), "/question", ChartService.MAX_ROWS);
            }
            default -> ResultInput.read(body.get("result"), "/result", ChartService.MAX_ROWS);
        };
        ChartService.Chart chart = charts.render(result, type, options);
        metrics.chartRendered(chart.chartType(), chart.chartType().equals(chart.recommended()));
        ctx.json(chart);
    }

    public void types(Context ctx) {
        ctx.json(java.util.Map.of("chart_types", java.util.Arrays.stream(ChartType.values())
                .map(t -> java.util.Map.of("chart_type", t.wireName(), "description", t.description())).toList()));
    }

    private JsonNode jobResult(Caller caller, JsonNode idNode) throws Exception {
        UUID id = jobs.completed(caller, idNode.asText()).id();
        JsonNode page = jobs.resultPage(caller, id, 0, ChartService.MAX_ROWS).orElseThrow();
        int total = page.path("total").asInt();
        if (total > ChartService.MAX_ROWS) {
            throw ResultInput.tooMany(total, ChartService.MAX_ROWS);
        }
        return page;
    }

    private static String text(JsonNode body, String field, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.textValue().length() > max) {
            throw ApiProblem.badRequest("invalid-chart-request", "/" + field + " must be a string of at most " + max
                    + " characters");
        }
        return v.textValue();
    }

    private static int size(JsonNode body, String field, int otherwise) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 100 || v.intValue() > 2000) {
            throw ApiProblem.badRequest("invalid-chart-request", "/" + field + " must be a whole number of pixels "
                    + "from 100 to 2000");
        }
        return v.intValue();
    }
}
