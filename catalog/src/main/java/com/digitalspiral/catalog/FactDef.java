package com.digitalspiral.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The relation a metric aggregates over: the maintained table joined to what its dimensions need. Every
 * joined table is tied to the driving table's tenant, and the compiler adds the caller's tenant predicate
 * on {@code tenantColumn}.
 */
public record FactDef(
        String description,
        String from,
        @JsonProperty("tenant_column") String tenantColumn,
        String columns,
        @JsonProperty("time_axes") Map<String, String> timeAxes,
        @JsonProperty("sprint_order") String sprintOrder) {

    public FactDef {
        timeAxes = Map.copyOf(timeAxes);
    }
}
