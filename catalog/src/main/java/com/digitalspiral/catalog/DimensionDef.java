package com.digitalspiral.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A dimension metrics can be grouped and filtered by. {@code sql} maps each fact it exists on to its column;
 * {@code values}, when present, is the closed vocabulary filter values must come from.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DimensionDef(
        String name,
        @JsonProperty("display_name") String displayName,
        String description,
        String type,
        Map<String, String> sql,
        @JsonProperty("id_sql") Map<String, String> idSql,
        String pattern,
        @JsonProperty("max_length") Integer maxLength,
        List<String> values,
        List<String> synonyms) {

    public DimensionDef {
        sql = Map.copyOf(sql);
        idSql = idSql == null ? Map.of() : Map.copyOf(idSql);
        values = values == null ? List.of() : List.copyOf(values);
        synonyms = synonyms == null ? List.of() : List.copyOf(synonyms);
    }

    public boolean availableOn(String fact) {
        return sql.containsKey(fact);
    }

    public int maxValueLength() {
        return maxLength == null ? 255 : maxLength;
    }
}
