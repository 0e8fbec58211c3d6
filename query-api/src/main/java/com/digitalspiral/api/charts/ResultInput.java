package com.digitalspiral.api.charts;

import com.digitalspiral.api.errors.ApiProblem;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A result to chart as {columns, rows}: the body of /analytics/run, a job's result, or one a client wrote. Read
 * strictly, because a client's column names end up as Vega-Lite field names: plain identifiers only, scalar
 * values only, every row as long as the header.
 */
public record ResultInput(List<ResultShape.Column> columns, List<List<Object>> rows) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Set<String> TYPES = Set.of("date", "string", "number");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    public static ResultInput read(JsonNode result, String at, int maxRows) {
        if (result == null || !result.isObject()) {
            throw invalid(at, "is not an object with 'columns' and 'rows'");
        }
        JsonNode cols = result.get("columns");
        JsonNode rows = result.get("rows");
        if (cols == null || !cols.isArray() || cols.isEmpty()) {
            throw invalid(at + "/columns", "must be a non-empty array of {\"name\", \"type\"}");
        }
        if (rows == null || !rows.isArray()) {
            throw invalid(at + "/rows", "must be an array of rows, each an array in column order");
        }
        if (rows.size() > maxRows) {
            throw tooMany(rows.size(), maxRows);
        }
        if (cols.size() > 50) {
            throw invalid(at + "/columns", "has " + cols.size() + " columns; a chart takes at most 50");
        }
        List<List<Object>> values = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            JsonNode row = rows.get(r);
            if (!row.isArray() || row.size() != cols.size()) {
                throw invalid(at + "/rows/" + r, "must be an array of " + cols.size() + " values, one per column");
            }
            List<Object> out = new ArrayList<>(row.size());
            for (int c = 0; c < row.size(); c++) {
                JsonNode v = row.get(c);
                if (v.isNull()) {
                    out.add(null);
                } else if (v.isNumber()) {
                    out.add(v.numberValue());
                } else if (v.isTextual() || v.isBoolean()) {
                    out.add(v.isTextual() ? v.textValue() : v.booleanValue());
                } else {
                    throw invalid(at + "/rows/" + r + "/" + c, "must be a number, a string, a boolean or null");
                }
            }
            values.add(out);
        }
        List<ResultShape.Column> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < cols.size(); i++) {
            JsonNode col = cols.get(i);
            String name = col.path("name").isTextual() ? col.get("name").textValue() : null;
            if (name == null || !NAME.matcher(name).matches()) {
                throw invalid(at + "/columns/" + i + "/name", "must be an identifier (letters, digits, '_'; at most 63)");
            }
            if (!seen.add(name)) {
                throw invalid(at + "/columns/" + i + "/name", "repeats the column '" + name + "'");
            }
            String type = col.path("type").isTextual() ? col.get("type").textValue() : infer(values, i);
            if (!TYPES.contains(type)) {
                throw invalid(at + "/columns/" + i + "/type", "must be one of date, string, number");
            }
            String unit = col.path("unit").isTextual() ? col.get("unit").textValue() : null;
            columns.add(new ResultShape.Column(name, type, unit));
        }
        return new ResultInput(List.copyOf(columns), values);
    }

    static ApiProblem tooMany(int rows, int max) {
        return new ApiProblem(422, "too-many-rows-to-chart", "Too many rows to chart",
                "the result has " + rows + " rows; a chart draws at most " + max
                        + ": group by fewer dimensions, add a limit, or export the rows instead")
                .with("rows", rows).with("max_rows", max);
    }

    private static String infer(List<List<Object>> rows, int column) {
        boolean numbers = true;
        boolean dates = true;
        for (List<Object> row : rows) {
            Object v = row.get(column);
            if (v == null) {
                continue;
            }
            numbers &= v instanceof Number;
            dates &= v instanceof String s && DATE.matcher(s).matches();
        }
        return numbers ? "number" : dates ? "date" : "string";
    }

    private static ApiProblem invalid(String pointer, String what) {
        return ApiProblem.badRequest("invalid-result", pointer + " " + what).with("pointer", pointer);
    }
}
