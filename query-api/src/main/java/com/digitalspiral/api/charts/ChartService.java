package com.digitalspiral.api.charts;

import com.digitalspiral.api.errors.ApiProblem;
import com.digitalspiral.catalog.Catalog;
import com.digitalspiral.catalog.Suggest;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** A result becomes a chart: recommend a type (or check the one asked for), write the spec, check it against the schema. */
public final class ChartService {

    /** Rows a chart inlines; more belong in an export. */
    public static final int MAX_ROWS = 5_000;

    public record Alternative(@JsonProperty("chart_type") String chartType, String reason) {}

    public record Chart(@JsonProperty("chart_type") String chartType, String recommended, String reason,
                        List<Alternative> alternatives, @JsonProperty("row_count") int rowCount,
                        @JsonProperty("vega_lite_version") String vegaLiteVersion,
                        @JsonProperty("vega_lite") ObjectNode vegaLite) {}

    private static final Pattern SUM = Pattern.compile("\\s*(sum|count)\\(",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> COUNTED_UNITS = Set.of("issues", "story_points", "comments", "hours");
    private final ChartRecommender recommender = new ChartRecommender();
    private final Catalog catalog;
    private final VegaLiteBuilder builder;
    private final VegaLiteSchema schema;
    private final ObjectMapper json;

    public ChartService(Catalog catalog, ObjectMapper json, VegaLiteSchema schema) {
        this.json = json;
        this.schema = schema;
        this.catalog = catalog;
        ChartLabels labels = new ChartLabels(catalog);
        this.builder = new VegaLiteBuilder(json, labels::of, labels::name);
    }

    /** @param requested a chart type's wire name, or null for the recommended one */
    public Chart render(ResultInput result, String requested, VegaLiteBuilder.Options options) {
        ResultShape shape = ResultShape.of(result.columns(), result.rows(), this::sums);
        ChartRecommender.Recommendation rec = recommender.recommend(shape);
        ChartType type = rec.recommended().type();
        String reason = rec.recommended().reason();
        if (requested != null) {
            type = ChartType.parse(requested).orElseThrow(() -> unknownType(requested));
            var unfit = recommender.unfit(type, shape);
            if (unfit.isPresent()) {
                List<String> fits = new ArrayList<>();
                fits.add(rec.recommended().type().wireName());
                rec.alternatives().forEach(a -> fits.add(a.type().wireName()));
                throw new ApiProblem(422, "chart-does-not-fit", "Chart does not fit the result",
                        "a " + type.wireName() + " chart cannot draw this result: " + unfit.get()
                                + "; charts that can: " + String.join(", ", fits))
                        .with("chart_type", type.wireName()).with("fits", fits);
            }
            reason = type == rec.recommended().type() ? reason : "asked for";
        }
        ObjectNode spec = builder.build(type, shape, data(result, shape), options);
        List<String> problems = schema.problems(spec);
        if (!problems.isEmpty()) {
            // our own spec is wrong: a bug to fix here, not the caller's mistake
            throw new IllegalStateException("the " + type.wireName() + " spec breaks the Vega-Lite schema: " + problems);
        }
        List<Alternative> alternatives = new ArrayList<>();
        if (type != rec.recommended().type()) {
            alternatives.add(new Alternative(rec.recommended().type().wireName(), rec.recommended().reason()));
        }
        for (ChartRecommender.Choice c : rec.alternatives()) {
            if (c.type() != type) {
                alternatives.add(new Alternative(c.type().wireName(), c.reason()));
            }
        }
        return new Chart(type.wireName(), rec.recommended().type().wireName(), reason, List.copyOf(alternatives),
                result.rows().size(), VegaLiteSchema.VERSION, spec);
    }

    /** A catalog metric adds up when its formula is a count or a sum; a client's column, when its unit counts things. */
    private boolean sums(ResultShape.Column c) {
        return catalog.metric(c.name()).map(m -> SUM.matcher(m.sql()).lookingAt())
                .orElse(c.unit() != null && COUNTED_UNITS.contains(c.unit()));
    }

    private ArrayNode data(ResultInput result, ResultShape shape) {
        List<String> drawn = shape.fields().stream().map(ResultShape.Field::name).toList();
        List<Integer> index = new ArrayList<>();
        for (String name : drawn) {
            for (int i = 0; i < result.columns().size(); i++) {
                if (result.columns().get(i).name().equals(name)) {
                    index.add(i);
                }
            }
        }
        ArrayNode values = json.createArrayNode();
        for (List<Object> row : result.rows()) {
            ObjectNode o = values.addObject();
            for (int k = 0; k < drawn.size(); k++) {
                o.set(drawn.get(k), json.valueToTree(row.get(index.get(k))));
            }
        }
        return values;
    }

    private static ApiProblem unknownType(String requested) {
        String shown = requested.length() > 40 ? requested.substring(0, 40) + "…" : requested;
        String hint = Suggest.nearest(requested, ChartType.wireNames()).map(s -> "; did you mean '" + s + "'?").orElse("");
        return ApiProblem.badRequest("unknown-chart-type", "unknown chart_type '" + shown + "'" + hint)
                .with("chart_types", ChartType.wireNames());
    }
}
