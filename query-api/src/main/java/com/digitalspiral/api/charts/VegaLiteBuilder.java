package com.digitalspiral.api.charts;

import com.digitalspiral.api.charts.ResultShape.Field;
import com.digitalspiral.api.charts.ResultShape.Role;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;

/**
 * Writes the Vega-Lite v5 spec of one chart type for a result, with its rows inlined as data. Field names are
 * the result's column names, which the caller has checked are plain identifiers; every label is data, never
 * part of an expression except as a JSON string literal.
 */
public final class VegaLiteBuilder {

    /** What the caller may set on any chart. */
    public record Options(String title, int width, int height) {}

    private static final int TABLE_ROWS = 30;
    private final ObjectMapper json;
    private final Function<Field, String> labels;
    private final Function<Field, String> names;

    /**
     * @param labels axis and legend titles (with units)
     * @param names the plain names used in a chart's title
     */
    public VegaLiteBuilder(ObjectMapper json, Function<Field, String> labels, Function<Field, String> names) {
        this.json = json;
        this.labels = labels;
        this.names = names;
    }

    /**
     * @param data the rows as objects keyed by column name, only the drawn columns
     */
    public ObjectNode build(ChartType type, ResultShape s, ArrayNode data, Options o) {
        ObjectNode spec = json.createObjectNode();
        spec.put("$schema", VegaLiteSchema.SCHEMA_URL);
        spec.put("title", o.title() != null ? o.title() : defaultTitle(type, s));
        spec.putObject("data").set("values", data);
        if (type != ChartType.KPI && type != ChartType.TABLE) {
            spec.put("width", o.width());
            spec.put("height", o.height());
        }
        switch (type) {
            case LINE, MULTI_LINE, AREA -> overTime(type, s, spec);
            case BAR -> bars(s, spec, false);
            case HORIZONTAL_BAR -> bars(s, spec, true);
            case GROUPED_BAR, STACKED_BAR -> groupedOrStacked(type, s, spec);
            case SCATTER -> scatter(s, spec);
            case HEATMAP -> heatmap(s, spec);
            case DONUT -> donut(s, spec, o);
            case HISTOGRAM -> histogram(s, spec);
            case BOX_PLOT -> boxPlot(s, spec);
            case KPI -> kpi(s, spec);
            case TABLE -> table(s, spec);
        }
        spec.putObject("config").putObject("view").putNull("stroke");
        return spec;
    }

    private String defaultTitle(ChartType type, ResultShape s) {
        List<Field> measures = s.measures();
        if (measures.isEmpty()) {
            return "Result";
        }
        String what = names.apply(measures.get(0));
        if (measures.size() > 1 && type != ChartType.HISTOGRAM && type != ChartType.BOX_PLOT) {
            what = measures.size() == 2 ? what + " and " + names.apply(measures.get(1)).toLowerCase() : what + " and more";
        }
        if (type == ChartType.HISTOGRAM) {
            return "Distribution of " + what;
        }
        List<Field> dims = s.dimensions();
        return dims.isEmpty() || type == ChartType.KPI ? what : what + " by " + names.apply(dims.get(0)).toLowerCase();
    }

    private void overTime(ChartType type, ResultShape s, ObjectNode spec) {
        Field time = s.temporal().get(0);
        ObjectNode mark = spec.putObject("mark");
        mark.put("type", type == ChartType.AREA ? "area" : "line");
        if (type != ChartType.AREA) {
            mark.put("point", true);
        }
        mark.put("tooltip", true);
        ObjectNode enc = spec.putObject("encoding");
        enc.set("x", temporal(time));
        if (s.measures().size() > 1) {
            fold(s, spec, enc, "y");
        } else {
            enc.set("y", quantitative(s.measures().get(0)));
            if (!s.nominal().isEmpty()) {
                enc.set("color", nominal(s.nominal().get(0)));
            }
        }
    }

    private void bars(ResultShape s, ObjectNode spec, boolean horizontal) {
        Field category = s.dimensions().get(0);
        Field measure = s.measures().get(0);
        spec.putObject("mark").put("type", "bar").put("tooltip", true);
        ObjectNode enc = spec.putObject("encoding");
        ObjectNode axis = category.role() == Role.TEMPORAL ? discreteTime(category) : nominal(category);
        if (horizontal) {
            spec.put("height", Math.max(spec.path("height").asInt(), 18 * category.distinct()));
            axis.putObject("axis").put("labelLimit", 220);
            enc.set("y", axis);
            enc.set("x", quantitative(measure));
        } else {
            axis.putObject("axis").put("labelAngle", category.distinct() > 8 ? -40 : 0).put("labelLimit", 120);
            enc.set("x", axis);
            enc.set("y", quantitative(measure));
        }
    }

    private void groupedOrStacked(ChartType type, ResultShape s, ObjectNode spec) {
        List<Field> dims = s.dimensions();
        Field outer = dims.get(0);
        spec.putObject("mark").put("type", "bar").put("tooltip", true);
        ObjectNode enc = spec.putObject("encoding");
        ObjectNode x = outer.role() == Role.TEMPORAL ? discreteTime(outer) : nominal(outer);
        x.putObject("axis").put("labelAngle", outer.distinct() > 8 ? -40 : 0).put("labelLimit", 120);
        enc.set("x", x);
        if (dims.size() == 1) {
            fold(s, spec, enc, "y");
            enc.set("xOffset", enc.get("color").deepCopy());
            return;
        }
        Field inner = dims.get(1);
        enc.set("y", quantitative(s.measures().get(0)));
        ObjectNode series = inner.role() == Role.TEMPORAL ? discreteTime(inner) : nominal(inner);
        enc.set("color", series);
        if (type == ChartType.GROUPED_BAR) {
            enc.set("xOffset", series.deepCopy());
        }
    }

    private void scatter(ResultShape s, ObjectNode spec) {
        spec.putObject("mark").put("type", "point").put("filled", true).put("size", 70).put("tooltip", true);
        ObjectNode enc = spec.putObject("encoding");
        ObjectNode x = quantitative(s.measures().get(0));
        x.putObject("scale").put("zero", false);
        enc.set("x", x);
        ObjectNode y = quantitative(s.measures().get(1));
        y.putObject("scale").put("zero", false);
        enc.set("y", y);
        if (!s.nominal().isEmpty() && s.nominal().get(0).distinct() <= 10) {
            enc.set("color", nominal(s.nominal().get(0)));
        }
        enc.set("tooltip", tooltip(s));
    }

    private void heatmap(ResultShape s, ObjectNode spec) {
        List<Field> dims = s.dimensions();
        spec.putObject("mark").put("type", "rect").put("tooltip", true);
        ObjectNode enc = spec.putObject("encoding");
        enc.set("x", dims.get(0).role() == Role.TEMPORAL ? discreteTime(dims.get(0)) : nominal(dims.get(0)));
        enc.set("y", dims.get(1).role() == Role.TEMPORAL ? discreteTime(dims.get(1)) : nominal(dims.get(1)));
        ObjectNode color = quantitative(s.measures().get(0));
        color.remove("axis");
        color.putObject("scale").put("scheme", "blues");
        enc.set("color", color);
    }

    private void donut(ResultShape s, ObjectNode spec, Options o) {
        int side = Math.min(o.width(), o.height());
        spec.put("width", side);
        spec.put("height", side);
        spec.putObject("mark").put("type", "arc").put("innerRadius", side / 4).put("tooltip", true);
        ObjectNode enc = spec.putObject("encoding");
        ObjectNode theta = quantitative(s.measures().get(0));
        theta.remove("axis");
        theta.put("stack", true);
        enc.set("theta", theta);
        enc.set("color", nominal(s.nominal().get(0)));
    }

    private void histogram(ResultShape s, ObjectNode spec) {
        Field measure = s.measures().get(0);
        spec.putObject("mark").put("type", "bar").put("tooltip", true);
        ObjectNode enc = spec.putObject("encoding");
        ObjectNode x = quantitative(measure);
        x.putObject("bin").put("maxbins", 20);
        enc.set("x", x);
        enc.putObject("y").put("aggregate", "count").put("type", "quantitative").put("title", "Rows");
    }

    private void boxPlot(ResultShape s, ObjectNode spec) {
        spec.putObject("mark").put("type", "boxplot").put("extent", "min-max");
        ObjectNode enc = spec.putObject("encoding");
        List<Field> dims = s.dimensions();
        if (dims.size() >= 2 && dims.get(0).distinct() <= 20) {
            ObjectNode x = dims.get(0).role() == Role.TEMPORAL ? discreteTime(dims.get(0)) : nominal(dims.get(0));
            x.putObject("axis").put("labelAngle", dims.get(0).distinct() > 8 ? -40 : 0);
            enc.set("x", x);
        }
        enc.set("y", quantitative(s.measures().get(0)));
    }

    private void kpi(ResultShape s, ObjectNode spec) {
        ArrayNode tiles = spec.putArray("hconcat");
        for (Field m : s.measures()) {
            ObjectNode tile = tiles.addObject();
            tile.put("width", 200).put("height", 110);
            ArrayNode layer = tile.putArray("layer");
            ObjectNode value = layer.addObject();
            value.putObject("mark").put("type", "text").put("fontSize", 44).put("fontWeight", "bold").put("dy", -10);
            value.putObject("encoding").putObject("text").put("field", m.name()).put("type", "quantitative")
                    .put("format", format(m));
            ObjectNode label = layer.addObject();
            label.putObject("mark").put("type", "text").put("fontSize", 13).put("dy", 30).put("color", "#555");
            label.putObject("encoding").putObject("text").put("value", labels.apply(m));
        }
    }

    private void table(ResultShape s, ObjectNode spec) {
        ArrayNode transform = spec.putArray("transform");
        transform.addObject().putArray("window").addObject().put("op", "row_number").put("as", "__row");
        transform.addObject().put("filter", "datum.__row <= " + TABLE_ROWS);
        ArrayNode folded = json.createArrayNode();
        ObjectNode names = json.createObjectNode();
        ArrayNode order = json.createArrayNode();
        List<Field> fields = s.fields();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            String text = "__c" + i;
            String ref = "datum['" + f.name() + "']";
            String expr = f.role() == Role.MEASURE
                    ? "isValid(" + ref + ") ? format(" + ref + ", '" + format(f) + "') : ''"
                    : "isValid(" + ref + ") ? '' + " + ref + " : ''";
            transform.addObject().put("calculate", expr).put("as", text);
            folded.add(text);
            names.put(text, labels.apply(f));
            order.add(labels.apply(f));
        }
        ObjectNode fold = transform.addObject();
        fold.set("fold", folded);
        fold.putArray("as").add("__column").add("__text");
        transform.addObject().put("calculate", names + "[datum.__column]").put("as", "__header");
        spec.put("width", Math.max(1, fields.size()) * 130);
        spec.put("height", Math.max(1, Math.min(TABLE_ROWS, s.rows())) * 20);
        spec.putObject("mark").put("type", "text").put("align", "left").put("dx", -55).put("fontSize", 12);
        ObjectNode enc = spec.putObject("encoding");
        ObjectNode x = enc.putObject("x");
        x.put("field", "__header").put("type", "nominal").set("sort", order);
        x.putObject("axis").put("orient", "top").put("labelAngle", 0).put("labelAlign", "left").put("labelOffset", -55)
                .put("title", (String) null)
                .put("domain", false).put("ticks", false).put("labelFontWeight", "bold").put("labelLimit", 125);
        ObjectNode y = enc.putObject("y");
        y.put("field", "__row").put("type", "ordinal").putNull("axis");
        enc.putObject("text").put("field", "__text").put("type", "nominal");
        if (s.rows() > TABLE_ROWS) {
            spec.put("title", spec.path("title").asText() + " (first " + TABLE_ROWS + " of " + s.rows() + " rows)");
        }
    }

    /** Several measures as one series each: fold them into (measure, value) and colour by measure. */
    private void fold(ResultShape s, ObjectNode spec, ObjectNode enc, String valueChannel) {
        ArrayNode fields = json.createArrayNode();
        ObjectNode names = json.createObjectNode();
        ArrayNode order = json.createArrayNode();
        for (Field m : s.measures()) {
            fields.add(m.name());
            names.put(m.name(), labels.apply(m));
            order.add(labels.apply(m));
        }
        ArrayNode transform = spec.putArray("transform");
        ObjectNode fold = transform.addObject();
        fold.set("fold", fields);
        fold.putArray("as").add("__measure").add("__value");
        transform.addObject().put("calculate", names + "[datum.__measure]").put("as", "__series");
        List<String> units = s.measures().stream().map(f -> String.valueOf(f.unit())).distinct().toList();
        ObjectNode value = enc.putObject(valueChannel);
        value.put("field", "__value").put("type", "quantitative").put("title", "Value");
        if (units.size() == 1 && "ratio".equals(units.get(0))) {
            value.putObject("axis").put("format", ".0%");
        }
        ObjectNode color = enc.putObject("color");
        color.put("field", "__series").put("type", "nominal").put("title", "Measure").set("sort", order);
    }

    private ObjectNode temporal(Field f) {
        ObjectNode e = json.createObjectNode();
        e.put("field", f.name()).put("type", "temporal").put("timeUnit", timeUnit(f)).put("title", labels.apply(f));
        return e;
    }

    private ObjectNode discreteTime(Field f) {
        ObjectNode e = json.createObjectNode();
        e.put("field", f.name()).put("type", "ordinal").put("timeUnit", timeUnit(f)).put("title", labels.apply(f));
        return e;
    }

    private ObjectNode nominal(Field f) {
        ObjectNode e = json.createObjectNode();
        // the query's ORDER BY decides the order, not the alphabet
        e.put("field", f.name()).put("type", "nominal").put("title", labels.apply(f)).putNull("sort");
        return e;
    }

    private ObjectNode quantitative(Field f) {
        ObjectNode e = json.createObjectNode();
        e.put("field", f.name()).put("type", "quantitative").put("title", labels.apply(f));
        if ("ratio".equals(f.unit())) {
            e.putObject("axis").put("format", ".0%");
        }
        return e;
    }

    private ArrayNode tooltip(ResultShape s) {
        ArrayNode out = json.createArrayNode();
        for (Field f : s.fields()) {
            ObjectNode t = out.addObject().put("field", f.name()).put("title", labels.apply(f));
            switch (f.role()) {
                case MEASURE -> t.put("type", "quantitative").put("format", format(f));
                case TEMPORAL -> t.put("type", "temporal").put("timeUnit", timeUnit(f));
                case NOMINAL -> t.put("type", "nominal");
            }
        }
        return out;
    }

    private static String format(Field f) {
        return "ratio".equals(f.unit()) ? ".1%" : ",.2~f";
    }

    private static String timeUnit(Field f) {
        return switch (f.name()) {
            case "quarter" -> "utcyearquarter";
            case "month" -> "utcyearmonth";
            default -> "utcyearmonthdate";
        };
    }
}
