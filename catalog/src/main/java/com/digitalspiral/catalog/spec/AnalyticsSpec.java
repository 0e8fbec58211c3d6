package com.digitalspiral.catalog.spec;

import java.util.List;
import java.util.Map;

/**
 * A validated analytics query: which metrics, grouped by which dimensions (or one time grain), filtered how,
 * over which time range, ordered and limited. Only {@link SpecValidator} builds one, so every name in it is
 * a catalog name and every value has been checked.
 *
 * @param dimensions dimension names and at most one time grain (day, week, month, quarter)
 * @param weights overrides of sprint_problematic_score's weights, by factor
 * @param params metric parameters, e.g. velocity's {@code sprints}, silent_issues' {@code days}
 * @param breakdown adds each factor's contribution beside sprint_problematic_score
 */
public record AnalyticsSpec(
        List<String> metrics,
        List<String> dimensions,
        List<Filter> filters,
        TimeRange timeRange,
        List<OrderBy> orderBy,
        Integer limit,
        Map<String, Double> weights,
        Map<String, Integer> params,
        boolean breakdown) {

    public AnalyticsSpec {
        metrics = List.copyOf(metrics);
        dimensions = List.copyOf(dimensions);
        filters = List.copyOf(filters);
        orderBy = List.copyOf(orderBy);
        weights = Map.copyOf(weights);
        params = Map.copyOf(params);
    }

    public enum Op {
        EQ, NEQ, IN, NOT_IN, GT, GTE, LT, LTE, BETWEEN, IS_NULL;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param values the operand(s): one for comparisons, several for in/not_in, two for between, and for
     *     is_null one Boolean (true: is null, false: is not null)
     */
    public record Filter(String field, Op op, List<Object> values) {
        public Filter {
            values = List.copyOf(values);
        }
    }

    public record OrderBy(String field, boolean descending) {}
}
