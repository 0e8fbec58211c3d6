package com.digitalspiral.api.charts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;

/** Results shaped like the query API's, one that fits each chart type, with made-up but plausible figures. */
final class ChartFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MONTHS = List.of("2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01",
            "2026-05-01", "2026-06-01");
    private static final List<String> PROJECTS = List.of("ACME", "CORE", "DATA", "MOBILE", "WEB");
    private static final List<String> TYPES = List.of("Bug", "Story", "Task");

    private ChartFixtures() {}

    static ObjectNode result(ChartType type) {
        Random r = new Random(type.ordinal());
        ObjectNode out = JSON.createObjectNode();
        ArrayNode cols = out.putArray("columns");
        ArrayNode rows = out.putArray("rows");
        switch (type) {
            case LINE -> {
                col(cols, "month", "date", null);
                col(cols, "velocity", "number", "story_points");
                MONTHS.forEach(m -> rows.addArray().add(m).add(20 + r.nextInt(20)));
            }
            case MULTI_LINE, AREA -> {
                col(cols, "month", "date", null);
                col(cols, "project", "string", null);
                col(cols, "completed_sp", "number", "story_points");
                for (String m : MONTHS) {
                    PROJECTS.subList(0, 3).forEach(p -> rows.addArray().add(m).add(p).add(10 + r.nextInt(30)));
                }
            }
            case BAR -> {
                col(cols, "project", "string", null);
                col(cols, "velocity", "number", "story_points");
                PROJECTS.forEach(p -> rows.addArray().add(p).add(15 + r.nextInt(30)));
            }
            case HORIZONTAL_BAR -> {
                col(cols, "assignee", "string", null);
                col(cols, "assignee_load", "number", "story_points");
                for (int i = 0; i < 15; i++) {
                    rows.addArray().add("Engineer number " + i).add(r.nextInt(40));
                }
            }
            case GROUPED_BAR -> {
                col(cols, "project", "string", null);
                col(cols, "issue_type", "string", null);
                col(cols, "cycle_time_median", "number", "days");
                PROJECTS.subList(0, 4).forEach(p -> TYPES.forEach(t -> rows.addArray().add(p).add(t)
                        .add(Math.round(r.nextDouble() * 100) / 10.0)));
            }
            case STACKED_BAR -> {
                col(cols, "project", "string", null);
                col(cols, "issue_type", "string", null);
                col(cols, "created_issues", "number", "issues");
                PROJECTS.forEach(p -> TYPES.forEach(t -> rows.addArray().add(p).add(t).add(r.nextInt(50))));
            }
            case SCATTER, TABLE -> {
                col(cols, "sprint", "string", null);
                col(cols, "sprint_id", "string", null);
                col(cols, "velocity", "number", "story_points");
                col(cols, "spillover_ratio", "number", "ratio");
                col(cols, "bug_ratio", "number", "ratio");
                for (int i = 0; i < 40; i++) {
                    rows.addArray().add("Sprint " + i).add("s" + i).add(10 + r.nextInt(40))
                            .add(Math.round(r.nextDouble() * 100) / 100.0).add(Math.round(r.nextDouble() * 50) / 100.0);
                }
            }
            case HEATMAP -> {
                col(cols, "month", "date", null);
                col(cols, "project", "string", null);
                col(cols, "bug_ratio", "number", "ratio");
                for (String m : MONTHS) {
                    PROJECTS.forEach(p -> rows.addArray().add(m).add(p).add(Math.round(r.nextDouble() * 60) / 100.0));
                }
            }
            case DONUT -> {
                col(cols, "issue_type", "string", null);
                col(cols, "open_issues", "number", "issues");
                List.of("Bug", "Story", "Task", "Epic").forEach(t -> rows.addArray().add(t).add(5 + r.nextInt(80)));
            }
            case HISTOGRAM -> {
                col(cols, "assignee", "string", null);
                col(cols, "cycle_time_median", "number", "days");
                for (int i = 0; i < 60; i++) {
                    rows.addArray().add("person" + i).add(Math.round(Math.abs(r.nextGaussian() * 3 + 6) * 10) / 10.0);
                }
            }
            case BOX_PLOT -> {
                col(cols, "project", "string", null);
                col(cols, "assignee", "string", null);
                col(cols, "assignee_load", "number", "story_points");
                PROJECTS.forEach(p -> {
                    for (int i = 0; i < 8; i++) {
                        rows.addArray().add(p).add(p.toLowerCase() + i).add(r.nextInt(30));
                    }
                });
            }
            case KPI -> {
                col(cols, "velocity", "number", "story_points");
                col(cols, "spillover_ratio", "number", "ratio");
                rows.addArray().add(31.5).add(0.18);
            }
        }
        return out;
    }

    private static void col(ArrayNode cols, String name, String type, String unit) {
        ObjectNode c = cols.addObject().put("name", name).put("type", type);
        if (unit != null) {
            c.put("unit", unit);
        }
    }
}
