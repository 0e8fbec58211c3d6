package com.digitalspiral.catalog.compile;

import com.digitalspiral.catalog.Catalog;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A compiled spec: SQL with {@code ?} placeholders and their values (String, Double, Integer, UUID,
 * OffsetDateTime, or String[]/Double[] for lists), and the result's columns in order.
 *
 * @param volatileResult the answer depends on the clock as well as the data (e.g. "no comment for 14 days")
 */
public record CompiledQuery(String sql, List<Object> params, List<Column> columns, boolean volatileResult) {

    public CompiledQuery {
        params = List.copyOf(params);
        columns = List.copyOf(columns);
    }

    /** @param type string, date or number */
    public record Column(String name, String type, String unit) {}

    /** The SQL with numbered placeholders ($1, $2, …), as shown to users. */
    public String displaySql() {
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (char c : sql.toCharArray()) {
            if (c == '?') {
                out.append('$').append(++n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A stable hash of the statement and its values: what the answer depends on besides the data. */
    public String hash() {
        String values = params.stream().map(CompiledQuery::show).collect(Collectors.joining("\u0001"));
        return Catalog.sha256(sql + "\u0000" + values);
    }

    /** Values as JSON-friendly objects, for display. */
    public List<Object> displayParams() {
        return params.stream().map(p -> p instanceof Object[] a ? Arrays.asList(a) : p instanceof Number || p instanceof Boolean ? p : (Object) String.valueOf(p)).toList();
    }

    private static String show(Object p) {
        return p instanceof Object[] a ? Arrays.toString(a) : p.getClass().getSimpleName() + ":" + p;
    }
}
