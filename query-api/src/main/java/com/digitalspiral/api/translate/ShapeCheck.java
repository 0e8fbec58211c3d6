package com.digitalspiral.api.translate;

import com.digitalspiral.catalog.Catalog;
import com.digitalspiral.catalog.MetricDef;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Holds a language model's spec to what the question's wording pins down, as the offline reader read it: how
 * many rows ("which sprint" is one, "top 3" three, a list all), which groups (a comparison groups, a total
 * does not), what a number is about (the measure it thresholds), the parameters said in words, the active
 * sprint for "this sprint", the latest closed sprints for "last N sprints", people only for "who", and a
 * quantity of points rather than a count of issues. Each disagreement is a sentence the model can act on.
 */
final class ShapeCheck {

    private final Catalog catalog;

    ShapeCheck(Catalog catalog) {
        this.catalog = catalog;
    }

    /** What the model's spec gets wrong against the offline reading; empty when they agree on the shape. */
    List<String> problems(JsonNode model, JsonNode reading) {
        List<String> out = new ArrayList<>();
        unit(model, reading, out);
        ranking(model, reading, out);
        grouping(model, reading, out);
        for (JsonNode f : reading.path("filters")) {
            String field = f.path("field").asText();
            boolean onMetric = catalog.metric(field).isPresent();
            boolean pinned = onMetric || (field.equals("assignee") && f.path("op").asText().equals("is_null"))
                    || (field.equals("state") && f.path("value").asText().equals("active"));
            if (pinned && !hasFilter(model, f)) {
                out.add(onMetric ? "the number in the question is about " + field + ": add the filter " + f
                        : field.equals("state") ? "\"this sprint\" means the active sprints: add the filter " + f
                        : "\"who\" asks for people, so leave the unassigned out: add the filter " + f);
            }
        }
        if (!reading.path("params").equals(model.path("params")) && reading.has("params")) {
            out.add("the question gives the parameter in words: \"params\": " + reading.get("params"));
        }
        JsonNode range = reading.path("time_range");
        if ("sprints".equals(range.path("unit").asText()) && !range.equals(model.path("time_range"))) {
            out.add("\"last N sprints\" is \"time_range\": " + range + " (each project's latest closed sprints)");
        }
        return out;
    }

    private void unit(JsonNode model, JsonNode reading, List<String> out) {
        String wanted = unitOf(reading.path("metrics").path(0).asText());
        Set<String> got = new HashSet<>();
        model.path("metrics").forEach(m -> got.add(unitOf(m.asText())));
        if ("story_points".equals(wanted) && !got.contains(wanted)) {
            out.add("the question asks for a quantity of story points, not a count of issues: use a story-point "
                    + "metric such as " + reading.path("metrics").path(0).asText());
        } else if ("issues".equals(wanted) && !got.contains(wanted)) {
            out.add("the question asks for a count of issues: use " + reading.path("metrics").path(0).asText()
                    + (reading.path("filters").toString().contains("\"status\"") ? " with its status filter" : ""));
        }
    }

    private String unitOf(String metric) {
        return catalog.metric(metric).map(MetricDef::unit).orElse("");
    }

    private static void ranking(JsonNode model, JsonNode reading, List<String> out) {
        if (!reading.has("order_by")) {
            return;
        }
        JsonNode order = reading.path("order_by").path(0);
        JsonNode said = model.path("order_by").path(0);
        if (said.isMissingNode() || !order.path("direction").equals(said.path("direction"))) {
            out.add("the question ranks " + (order.path("direction").asText().equals("desc") ? "highest" : "lowest")
                    + " first: \"order_by\": [" + order + "]");
        }
        if (reading.has("limit") && !reading.get("limit").equals(model.path("limit"))) {
            int n = reading.get("limit").asInt();
            out.add(n == 1 ? "the question asks for one row (a singular noun or \"who\"): \"limit\": 1"
                    : "the question asks for " + n + " rows: \"limit\": " + n);
        } else if (!reading.has("limit") && model.has("limit")) {
            out.add("no number was said, so the question wants every matching row in order: remove \"limit\"");
        }
    }

    private void grouping(JsonNode model, JsonNode reading, List<String> out) {
        Set<String> wanted = new HashSet<>();
        reading.path("dimensions").forEach(d -> wanted.add(d.asText()));
        Set<String> got = new HashSet<>();
        model.path("dimensions").forEach(d -> got.add(d.asText()));
        // a dimension pinned to one value by an eq filter adds a column, not groups: "velocity of ALPHA" per project
        for (JsonNode spec : List.of(model, reading)) {
            for (JsonNode f : spec.path("filters")) {
                if (f.path("op").asText().equals("eq")) {
                    got.remove(f.path("field").asText());
                    wanted.remove(f.path("field").asText());
                }
            }
        }
        for (String d : wanted) {
            if (!got.contains(d)) {
                boolean compared = false;
                for (JsonNode f : reading.path("filters")) {
                    compared |= f.path("field").asText().equals(d) && f.path("op").asText().equals("in");
                }
                out.add(compared ? "a comparison shows the compared " + d + " values side by side: add \"" + d
                        + "\" to dimensions" : "the question asks per " + d + ": add \"" + d + "\" to dimensions");
            }
        }
        if (wanted.isEmpty() && !got.isEmpty()) {
            out.add("the question asks for one figure (a total): remove \"dimensions\"");
        }
    }

    private static boolean hasFilter(JsonNode spec, JsonNode wanted) {
        for (JsonNode f : spec.path("filters")) {
            if (f.path("field").equals(wanted.path("field")) && f.path("op").equals(wanted.path("op"))
                    && sameValue(f.path("value"), wanted.path("value"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return Math.abs(a.asDouble() - b.asDouble()) < 1e-6;
        }
        return Objects.equals(a, b);
    }
}
