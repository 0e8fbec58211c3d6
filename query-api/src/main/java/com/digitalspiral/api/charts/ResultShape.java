package com.digitalspiral.api.charts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a result looks like to a chart: which columns are time axes, categories and measures, how many
 * distinct values each category has, and how many rows there are. Helper columns (a dimension's id beside
 * its name, and internal ones starting with "__") are not drawn.
 */
public record ResultShape(List<Field> fields, int rows) {

    public enum Role { TEMPORAL, NOMINAL, MEASURE }

    /**
     * @param distinct distinct values in the column (categories and time axes)
     * @param longestLabel characters of the longest value, to choose between vertical and horizontal bars
     * @param additive a measure whose parts make up a whole (a count or a sum of values that are all zero or
     *     more), so it can be stacked or cut into a donut; averages, ratios and percentiles cannot
     */
    public record Field(String name, Role role, String unit, int distinct, int longestLabel, boolean additive) {}

    /** A column of the result as the query API describes it. */
    public record Column(String name, String type, String unit) {}

    /** @param sums whether a measure column is a count or a sum (the catalog knows its metrics' formulas) */
    public static ResultShape of(List<Column> columns, List<List<Object>> rows, java.util.function.Predicate<Column> sums) {
        Set<String> names = new HashSet<>();
        columns.forEach(c -> names.add(c.name()));
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (c.name().startsWith("__") || (c.name().endsWith("_id")
                    && names.contains(c.name().substring(0, c.name().length() - 3)))) {
                continue;
            }
            Role role = switch (c.type()) {
                case "date" -> Role.TEMPORAL;
                case "number" -> Role.MEASURE;
                default -> Role.NOMINAL;
            };
            Set<Object> seen = new HashSet<>();
            int longest = 0;
            boolean nonNegative = true;
            for (List<Object> row : rows) {
                Object v = row.get(i);
                seen.add(v);
                longest = Math.max(longest, v == null ? 0 : String.valueOf(v).length());
                if (v instanceof Number n && n.doubleValue() < 0) {
                    nonNegative = false;
                }
            }
            fields.add(new Field(c.name(), role, c.unit(), seen.size(), longest,
                    role == Role.MEASURE && nonNegative && sums.test(c)));
        }
        return new ResultShape(List.copyOf(fields), rows.size());
    }

    public List<Field> temporal() {
        return of(Role.TEMPORAL);
    }

    public List<Field> nominal() {
        return of(Role.NOMINAL);
    }

    public List<Field> measures() {
        return of(Role.MEASURE);
    }

    /** Time axes first, then categories: the fields a chart can put on an axis or colour by. */
    public List<Field> dimensions() {
        List<Field> out = new ArrayList<>(temporal());
        out.addAll(nominal());
        return out;
    }

    private List<Field> of(Role role) {
        return fields.stream().filter(f -> f.role() == role).toList();
    }
}
