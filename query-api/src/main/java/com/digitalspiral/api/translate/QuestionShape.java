package com.digitalspiral.api.translate;

import com.digitalspiral.catalog.Catalog;
import com.digitalspiral.catalog.MetricDef;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/**
 * The kind of answer a spec gives, said first in every explanation so that a reader sees which reading was
 * taken: a total, a breakdown, a ranking, a threshold list, a comparison, a trend, the current state, or a
 * lookup of one sprint or person. The same classes label the question sets.
 */
enum QuestionShape {
    TOTAL("Total"), BREAKDOWN("Breakdown"), RANKING("Ranking"), THRESHOLD("Threshold list"), COMPARISON("Comparison"),
    TREND("Trend"), CURRENT_STATE("Current state"), LOOKUP("Lookup");

    private final String wording;

    QuestionShape(String wording) {
        this.wording = wording;
    }

    String wording() {
        return wording;
    }

    static QuestionShape of(JsonNode spec, Catalog catalog) {
        Set<String> metrics = new HashSet<>();
        spec.path("metrics").forEach(m -> metrics.add(m.asText()));
        Set<String> dims = new HashSet<>();
        spec.path("dimensions").forEach(d -> dims.add(d.asText()));
        JsonNode filters = spec.path("filters");
        if (spec.has("order_by") || spec.has("limit")) {
            return RANKING;
        }
        for (JsonNode f : filters) {
            if (metrics.contains(f.path("field").asText())) {
                return THRESHOLD;
            }
        }
        if (dims.stream().anyMatch(d -> catalog.grain(d).isPresent())) {
            return TREND;
        }
        for (JsonNode f : filters) {
            if ("in".equals(f.path("op").asText()) && dims.contains(f.path("field").asText())) {
                return COMPARISON;
            }
        }
        boolean snapshot = metrics.stream().map(catalog::metric).anyMatch(m -> m.map(MetricDef::snapshot).orElse(false));
        for (JsonNode f : filters) {
            snapshot |= "state".equals(f.path("field").asText()) && "active".equals(f.path("value").asText());
        }
        if (snapshot) {
            return CURRENT_STATE;
        }
        if (!dims.isEmpty()) {
            return BREAKDOWN;
        }
        for (JsonNode f : filters) {
            String field = f.path("field").asText();
            if (field.equals("sprint") || field.equals("assignee")) {
                return LOOKUP;
            }
        }
        return TOTAL;
    }
}
