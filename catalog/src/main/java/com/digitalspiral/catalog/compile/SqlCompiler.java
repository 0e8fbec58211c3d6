package com.digitalspiral.catalog.compile;

import com.digitalspiral.catalog.Catalog;
import com.digitalspiral.catalog.DimensionDef;
import com.digitalspiral.catalog.FactDef;
import com.digitalspiral.catalog.MetricDef;
import com.digitalspiral.catalog.spec.AnalyticsSpec;
import com.digitalspiral.catalog.spec.AnalyticsSpec.Filter;
import com.digitalspiral.catalog.spec.AnalyticsSpec.Op;
import com.digitalspiral.catalog.spec.AnalyticsSpec.OrderBy;
import com.digitalspiral.catalog.spec.TimeRange;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles a validated {@link AnalyticsSpec} to one parameterized SELECT. Identifiers and SQL fragments come
 * only from the catalog; every value of the spec, the caller's tenant and the resolved time range are bind
 * parameters. The tenant predicate is always added, from the caller's identity, never from the spec.
 *
 * <p>Shape: {@code base} (the fact's rows of the tenant, filtered, with the dimensions as {@code d0…}), then
 * optionally {@code ranged} (only the latest N sprints) and {@code scope} (window figures: velocity ranks,
 * z-scores within the scope), then one grouped SELECT of the metrics.
 */
public final class SqlCompiler {

    /** Hidden column holding the newest source_ts of the rows read; not part of {@link CompiledQuery#columns()}. */
    public static final String DATA_AS_OF = "__data_as_of";
    /** Hidden column holding how many rows the answer has before its limit: to say when and why rows were cut. */
    public static final String TOTAL_ROWS = "__total_rows";
    private static final Pattern PARAM = Pattern.compile("\\{([a-z_]+)}");

    private final Catalog catalog;
    private final Clock clock;

    public SqlCompiler(Catalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * @param fetchLimit the most rows to fetch (the executor asks for one more than its cap to see truncation)
     */
    public CompiledQuery compile(AnalyticsSpec spec, UUID tenant, int fetchLimit) {
        List<MetricDef> metrics = spec.metrics().stream().map(m -> catalog.metric(m).orElseThrow()).toList();
        String factName = metrics.get(0).fact();
        FactDef fact = catalog.fact(factName);
        String axisName = metrics.stream().map(MetricDef::timeAxis).filter(a -> a != null).findFirst().orElse(null);
        String axis = axisName == null ? null : fact.timeAxes().get(axisName);
        Sql sql = new Sql();
        List<CompiledQuery.Column> columns = new ArrayList<>();
        Map<String, String> outputExpr = new LinkedHashMap<>();
        List<String> groupCols = new ArrayList<>();

        // base: the tenant's rows of the fact, filtered by dimensions and time range
        StringBuilder base = new StringBuilder("SELECT ").append(fact.columns());
        for (int i = 0; i < spec.dimensions().size(); i++) {
            String dim = spec.dimensions().get(i);
            String col = "d" + i;
            if (catalog.grain(dim).isPresent()) {
                base.append(", date_trunc('").append(dim).append("', ").append(axis).append(" AT TIME ZONE 'UTC')::date AS ").append(col);
                columns.add(new CompiledQuery.Column(dim, "date", null));
                outputExpr.put(dim, col);
                groupCols.add(col);
                continue;
            }
            DimensionDef def = catalog.dimension(dim).orElseThrow();
            base.append(", ").append(def.sql().get(factName)).append(" AS ").append(col);
            columns.add(new CompiledQuery.Column(dim, "string", null));
            outputExpr.put(dim, col);
            groupCols.add(col);
            String idSql = def.idSql().get(factName);
            if (idSql != null) {
                base.append(", ").append(idSql).append(" AS ").append(col).append("_id");
                columns.add(new CompiledQuery.Column(dim + "_id", "string", null));
                outputExpr.put(dim + "_id", col + "_id");
                groupCols.add(col + "_id");
            }
        }
        boolean lastSprints = spec.timeRange() instanceof TimeRange.LastSprints;
        if (fact.sprintOrder() != null) {
            base.append(", ").append(fact.sprintOrder()).append(" AS sprint_order");
        }
        if (lastSprints) {
            // "the last N sprints" are each project's N latest closed sprints: never an active or future one
            base.append(", row_number() OVER (PARTITION BY ss.project_key ORDER BY ").append(fact.sprintOrder())
                    .append(" DESC NULLS LAST, ss.sprint_id DESC) AS recency");
        }
        base.append(" FROM ").append(fact.from()).append(" WHERE ").append(fact.tenantColumn()).append(" = ?");
        sql.bindBase(tenant);
        for (Filter f : spec.filters()) {
            catalog.dimension(f.field()).ifPresent(d -> base.append(" AND ").append(dimensionPredicate(d.sql().get(factName), f, sql)));
        }
        if (spec.timeRange() != null) {
            Instant now = clock.instant();
            if (lastSprints) {
                base.append(" AND ss.state = 'closed'");
            } else {
                TimeRanges.Window w = TimeRanges.resolve(spec.timeRange(), now);
                base.append(" AND ").append(axis).append(" >= ? AND ").append(axis).append(" < ?");
                sql.bindBase(w.from().atOffset(ZoneOffset.UTC));
                sql.bindBase(w.to().atOffset(ZoneOffset.UTC));
            }
        }
        sql.with("base", base.toString());
        String source = "base";
        if (lastSprints) {
            sql.with("ranged", "SELECT * FROM base WHERE recency <= ?");
            sql.bindWith(((TimeRange.LastSprints) spec.timeRange()).count());
            source = "ranged";
        }

        // scope: figures that depend on the other rows in scope
        List<String> windows = new ArrayList<>();
        List<Object> windowParams = new ArrayList<>();
        MetricDef composite = metrics.stream().filter(m -> "problematic_score".equals(m.window())).findFirst().orElse(null);
        if (metrics.stream().anyMatch(m -> "velocity_rank".equals(m.window()))) {
            String partition = groupCols.isEmpty() ? "" : "PARTITION BY " + String.join(", ", groupCols) + " ";
            windows.add("row_number() OVER (" + partition + "ORDER BY (state = 'closed') DESC, sprint_order DESC NULLS LAST, sprint_id) AS velocity_rank");
        }
        List<String> factors = new ArrayList<>();
        if (composite != null) {
            StringBuilder score = new StringBuilder();
            List<Object> scoreParams = new ArrayList<>();
            for (Map.Entry<String, Double> w : composite.weights().entrySet()) {
                String factor = w.getKey();
                factors.add(factor);
                double weight = spec.weights().getOrDefault(factor, w.getValue());
                String z = "coalesce((" + factor + " - avg(" + factor + ") OVER ()) / nullif(stddev_samp(" + factor + ") OVER (), 0), 0)";
                windows.add("?::float8 * " + z + " AS c_" + factor);
                windowParams.add(weight);
                score.append(score.length() == 0 ? "" : " + ").append("?::float8 * ").append(z);
                scoreParams.add(weight);
            }
            windows.add("(" + score + ") AS problematic_score");
            windowParams.addAll(scoreParams);
        }
        if (!windows.isEmpty()) {
            sql.with("scope", "SELECT " + source + ".*, " + String.join(", ", windows) + " FROM " + source);
            windowParams.forEach(sql::bindWith);
            source = "scope";
        }

        // the grouped SELECT
        List<String> select = new ArrayList<>();
        for (Map.Entry<String, String> e : outputExpr.entrySet()) {
            select.add(e.getValue() + " AS " + quote(e.getKey()));
        }
        for (MetricDef m : metrics) {
            select.add(metricSql(m, spec, sql::bindSelect) + " AS " + quote(m.name()));
            columns.add(new CompiledQuery.Column(m.name(), "number", m.unit()));
            outputExpr.put(m.name(), quote(m.name()));
            if (spec.breakdown() && m == composite) {
                for (String factor : factors) {
                    select.add("avg(c_" + factor + ") AS " + quote(factor + "_contribution"));
                    columns.add(new CompiledQuery.Column(factor + "_contribution", "number", "score"));
                }
            }
        }
        select.add("max(max(source_ts)) OVER () AS " + DATA_AS_OF);
        select.add("count(*) OVER () AS " + TOTAL_ROWS);
        StringBuilder main = new StringBuilder("SELECT ").append(String.join(", ", select)).append(" FROM ").append(source);
        if (!groupCols.isEmpty()) {
            main.append(" GROUP BY ").append(String.join(", ", groupCols));
        }
        List<String> having = new ArrayList<>();
        for (Filter f : spec.filters()) {
            catalog.metric(f.field()).ifPresent(m -> having.add(metricPredicate(metricSql(m, spec, sql::bindSelect), f, sql)));
        }
        if (having.isEmpty() && !groupCols.isEmpty() && metrics.stream().allMatch(SqlCompiler::countsIssuesNow)) {
            // "open issues by status" lists the statuses that have open issues, not Done with 0: a group where
            // every current count is zero is one nobody asked for (a threshold on the count keeps them all)
            List<String> any = new ArrayList<>();
            for (MetricDef m : metrics) {
                any.add(metricSql(m, spec, sql::bindSelect) + " > 0");
            }
            having.add("(" + String.join(" OR ", any) + ")");
        }
        if (!having.isEmpty()) {
            main.append(" HAVING ").append(String.join(" AND ", having));
        }
        List<String> order = new ArrayList<>();
        for (OrderBy o : spec.orderBy()) {
            order.add(quote(o.field()) + (o.descending() ? " DESC" : " ASC") + " NULLS LAST");
        }
        for (String col : groupCols) {
            order.add(col);
        }
        if (!order.isEmpty()) {
            main.append(" ORDER BY ").append(String.join(", ", order));
        }
        main.append(" LIMIT ?");
        sql.bindSelect(spec.limit() == null ? fetchLimit : Math.min(spec.limit(), fetchLimit));
        boolean volatileResult = metrics.stream().anyMatch(MetricDef::volatileResult);
        return new CompiledQuery(sql.render(main.toString()), sql.params(), columns, volatileResult);
    }

    /** A count of issues as they are now (work in progress, open, silent issues). */
    private static boolean countsIssuesNow(MetricDef m) {
        return m.snapshot() && "issues".equals(m.unit());
    }

    private static String metricSql(MetricDef m, AnalyticsSpec spec, java.util.function.Consumer<Object> bind) {
        Matcher matcher = PARAM.matcher(m.sql());
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            MetricDef.ParamDef p = m.param(matcher.group(1));
            bind.accept(spec.params().getOrDefault(p.name(), p.defaultValue()));
            matcher.appendReplacement(out, "?::int");
        }
        matcher.appendTail(out);
        return "(" + out + ")";
    }

    private static String dimensionPredicate(String expr, Filter f, Sql sql) {
        List<Object> v = f.values();
        return switch (f.op()) {
            case EQ -> {
                sql.bindBase(v.get(0));
                yield expr + " = ?";
            }
            case NEQ -> {
                sql.bindBase(v.get(0));
                yield expr + " IS DISTINCT FROM ?";
            }
            case IN -> {
                sql.bindBase(v.stream().map(String::valueOf).toArray(String[]::new));
                yield expr + " = ANY(?::text[])";
            }
            case NOT_IN -> {
                sql.bindBase(v.stream().map(String::valueOf).toArray(String[]::new));
                yield "NOT coalesce(" + expr + " = ANY(?::text[]), false)";
            }
            case IS_NULL -> Boolean.TRUE.equals(v.get(0)) ? expr + " IS NULL" : expr + " IS NOT NULL";
            default -> throw new IllegalArgumentException("operator " + f.op() + " on a text dimension");
        };
    }

    private static String metricPredicate(String expr, Filter f, Sql sql) {
        List<Object> v = f.values();
        if (f.op() == Op.IS_NULL) {
            return Boolean.TRUE.equals(v.get(0)) ? expr + " IS NULL" : expr + " IS NOT NULL";
        }
        if (f.op() == Op.IN || f.op() == Op.NOT_IN) {
            sql.bindSelect(v.stream().map(o -> (Double) o).toArray(Double[]::new));
            return (f.op() == Op.NOT_IN ? "NOT coalesce(" : "coalesce(") + expr + " = ANY(?::float8[]), false)";
        }
        if (f.op() == Op.BETWEEN) {
            sql.bindSelect(v.get(0));
            sql.bindSelect(v.get(1));
            return expr + " BETWEEN ?::float8 AND ?::float8";
        }
        sql.bindSelect(v.get(0));
        String op = switch (f.op()) {
            case EQ -> " = ";
            case NEQ -> " IS DISTINCT FROM ";
            case GT -> " > ";
            case GTE -> " >= ";
            case LT -> " < ";
            case LTE -> " <= ";
            default -> throw new IllegalArgumentException(f.op().name());
        };
        return expr + op + "?::float8";
    }

    static String quote(String identifier) {
        if (!identifier.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a catalog identifier: " + identifier);
        }
        return "\"" + identifier + "\"";
    }

    /** Collects CTEs and their parameters in the order the placeholders appear in the text. */
    private static final class Sql {
        private final List<String> ctes = new ArrayList<>();
        private final List<Object> baseParams = new ArrayList<>();
        private final List<Object> withParams = new ArrayList<>();
        private final List<Object> selectParams = new ArrayList<>();

        void with(String name, String body) {
            ctes.add(name + " AS (" + body + ")");
        }

        void bindBase(Object v) {
            baseParams.add(v);
        }

        void bindWith(Object v) {
            withParams.add(v);
        }

        void bindSelect(Object v) {
            selectParams.add(v);
        }

        String render(String main) {
            return "WITH " + String.join(", ", ctes) + " " + main;
        }

        List<Object> params() {
            List<Object> all = new ArrayList<>(baseParams);
            all.addAll(withParams);
            all.addAll(selectParams);
            return all;
        }
    }
}
