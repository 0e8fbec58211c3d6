package com.digitalspiral.api.catalog;

import com.digitalspiral.api.errors.ApiProblem;
import com.digitalspiral.catalog.Catalog;
import com.digitalspiral.catalog.CatalogStore;
import com.digitalspiral.catalog.DimensionDef;
import com.digitalspiral.catalog.MetricDef;
import com.digitalspiral.catalog.Suggest;
import com.digitalspiral.catalog.TimeGrain;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** GET /analytics/metrics, /analytics/metrics/{name}, /analytics/dimensions: the catalog as users see it. */
public final class CatalogHandlers {

    private final Catalog catalog;
    private final DataSource dataSource;

    public CatalogHandlers(Catalog catalog, DataSource dataSource) {
        this.catalog = catalog;
        this.dataSource = dataSource;
    }

    public void list(Context ctx) {
        String category = ctx.queryParam("category");
        boolean withDeprecated = "true".equalsIgnoreCase(ctx.queryParam("include_deprecated"));
        List<String> categories = catalog.metrics().stream().map(MetricDef::category).distinct().toList();
        if (category != null && !categories.contains(category)) {
            throw ApiProblem.badRequest("unknown-category", "unknown category '" + clip(category) + "'; categories are "
                    + String.join(", ", categories)).with("suggestion", Suggest.nearest(category, categories).orElse(null));
        }
        List<Map<String, Object>> metrics = catalog.metrics().stream()
                .filter(m -> category == null || m.category().equals(category))
                .filter(m -> withDeprecated || !m.deprecated())
                .map(this::describe).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("catalog_version", catalog.version());
        body.put("categories", categories);
        body.put("metrics", metrics);
        ctx.json(body);
    }

    public void get(Context ctx) throws SQLException {
        String name = ctx.pathParam("name");
        MetricDef m = catalog.metric(name).orElseThrow(() -> ApiProblem.notFound("no metric named '" + clip(name) + "'")
                .with("suggestion", Suggest.nearest(name, catalog.metricNames()).orElse(null)));
        Map<String, Object> body = describe(m);
        try (Connection c = dataSource.getConnection()) {
            body.put("versions", CatalogStore.versions(c, m.name()).stream().map(v -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("version", v.version());
                row.put("current", v.current());
                row.put("deprecated", v.deprecated());
                row.put("checksum", v.checksum());
                row.put("created_at", v.createdAt().toString());
                return row;
            }).toList());
        }
        ctx.json(body);
    }

    public void dimensions(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("catalog_version", catalog.version());
        body.put("dimensions", catalog.dimensions().stream().map(CatalogHandlers::describe).toList());
        body.put("time_grains", catalog.grains().stream().map(TimeGrain::name).toList());
        ctx.json(body);
    }

    private Map<String, Object> describe(MetricDef m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", m.name());
        out.put("display_name", m.displayName());
        out.put("description", m.description());
        out.put("category", m.category());
        out.put("unit", m.unit());
        out.put("grain", m.fact());
        out.put("time_axis", m.timeAxis());
        List<String> dims = new ArrayList<>(catalog.dimensions().stream().filter(d -> d.availableOn(m.fact()))
                .map(DimensionDef::name).toList());
        if (!m.snapshot()) {
            catalog.grains().forEach(g -> dims.add(g.name()));
        }
        out.put("dimensions", dims);
        out.put("default_dimensions", m.defaultDimensions());
        out.put("params", m.params());
        out.put("weights", m.weights());
        out.put("dependencies", m.dependencies());
        out.put("synonyms", m.synonyms());
        out.put("sql_template", m.sql());
        out.put("better", m.better());
        out.put("version", m.version());
        out.put("deprecated", m.deprecated());
        out.put("tested", m.tested());
        return out;
    }

    private static Map<String, Object> describe(DimensionDef d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", d.name());
        out.put("display_name", d.displayName());
        out.put("description", d.description());
        out.put("grains", d.sql().keySet().stream().sorted().toList());
        out.put("values", d.values());
        out.put("synonyms", d.synonyms());
        return out;
    }

    private static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
