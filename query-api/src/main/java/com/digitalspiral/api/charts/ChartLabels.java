package com.digitalspiral.api.charts;

import com.digitalspiral.api.charts.ResultShape.Field;
import com.digitalspiral.catalog.Catalog;
import com.digitalspiral.catalog.MetricDef;
import java.util.Map;
import java.util.Optional;

/** Axis and legend titles in the catalog's words: "Velocity (story points)", not "velocity". */
public final class ChartLabels {

    private static final Map<String, String> UNITS = Map.of(
            "story_points", "story points", "days", "days", "hours", "hours", "issues", "issues",
            "comments", "comments", "score", "score");
    private static final String CONTRIBUTION = "_contribution";

    private final Catalog catalog;

    public ChartLabels(Catalog catalog) {
        this.catalog = catalog;
    }

    /** An axis or legend title: the name and, where it helps, the unit. */
    public String of(Field f) {
        Optional<MetricDef> metric = catalog.metric(f.name());
        if (metric.isPresent()) {
            return withUnit(metric.get().displayName(), f.unit());
        }
        return name(f, true);
    }

    /** The name alone, for a chart's title. */
    public String name(Field f) {
        return catalog.metric(f.name()).map(MetricDef::displayName).orElseGet(() -> name(f, false));
    }

    private String name(Field f, boolean unit) {
        if (f.name().endsWith(CONTRIBUTION)) {
            String factor = f.name().substring(0, f.name().length() - CONTRIBUTION.length());
            return catalog.metric(factor).map(m -> m.displayName() + " contribution").orElse(plain(f.name()));
        }
        return catalog.dimension(f.name()).map(d -> d.displayName())
                .or(() -> catalog.grain(f.name()).map(g -> g.displayName()))
                .orElseGet(() -> unit ? withUnit(plain(f.name()), f.unit()) : plain(f.name()));
    }

    private static String withUnit(String name, String unit) {
        String u = unit == null ? null : UNITS.get(unit);
        if (u == null || name.toLowerCase(java.util.Locale.ROOT).contains(u)) {
            return name;
        }
        return name.endsWith(")") ? name + ", " + u : name + " (" + u + ")";
    }

    private static String plain(String name) {
        String s = name.replace('_', ' ').trim();
        return s.isEmpty() ? name : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
