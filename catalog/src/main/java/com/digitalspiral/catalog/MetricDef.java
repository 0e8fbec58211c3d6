package com.digitalspiral.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One metric of the catalog. {@code sql} is an aggregate over the columns of its fact's scope; {@code {name}}
 * placeholders stand for the metric's parameters and become bind parameters.
 *
 * @param better "higher" or "lower": which way is good (what "worst" and "best" mean); null when neither
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricDef(
        String name,
        @JsonProperty("display_name") String displayName,
        String description,
        String category,
        String unit,
        String fact,
        @JsonProperty("time_axis") String timeAxis,
        String sql,
        String window,
        List<ParamDef> params,
        Map<String, Double> weights,
        List<String> dependencies,
        @JsonProperty("default_dimensions") List<String> defaultDimensions,
        List<String> synonyms,
        String better,
        String version,
        boolean deprecated,
        boolean tested) {

    public MetricDef {
        params = params == null ? List.of() : List.copyOf(params);
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        defaultDimensions = defaultDimensions == null ? List.of() : List.copyOf(defaultDimensions);
        synonyms = synonyms == null ? List.of() : List.copyOf(synonyms);
        // factor order is the catalog's: it fixes the breakdown's columns and the SQL text (the cache key)
        weights = weights == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(weights));
    }

    /** A snapshot metric describes "now" and takes no time range. */
    public boolean snapshot() {
        return timeAxis == null;
    }

    /** Depends on the clock (now()), so a cached answer ages even when the data does not change. */
    public boolean volatileResult() {
        return sql.contains("now()");
    }

    /**
     * What a version number stands for: the computation and its meaning. Names, descriptions, synonyms and
     * flags may change under the same version; anything here needs a new one.
     */
    public Map<String, Object> semantics() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("name", name);
        m.put("category", category);
        m.put("unit", unit);
        m.put("fact", fact);
        m.put("time_axis", timeAxis);
        m.put("sql", sql);
        m.put("window", window);
        m.put("params", params);
        m.put("weights", weights);
        m.put("dependencies", dependencies);
        return m;
    }

    public ParamDef param(String paramName) {
        return params.stream().filter(p -> p.name().equals(paramName)).findFirst().orElse(null);
    }

    /** A numeric parameter of a metric, e.g. velocity's number of sprints. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ParamDef(String name, String description, int min, int max, @JsonProperty("default") int defaultValue) {}
}
