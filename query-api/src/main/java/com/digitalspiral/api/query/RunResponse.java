package com.digitalspiral.api.query;

import com.digitalspiral.catalog.compile.CompiledQuery;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The answer of POST /analytics/run: rows as arrays in column order. */
public record RunResponse(List<CompiledQuery.Column> columns, List<List<Object>> rows, String sql, List<Object> params,
                          Meta meta) {

    public record Meta(
            @JsonProperty("query_time_ms") long queryTimeMs,
            boolean cached,
            /* the rows of an identical query another request had running at the same cache generation */
            boolean coalesced,
            @JsonProperty("catalog_version") String catalogVersion,
            @JsonProperty("data_as_of") String dataAsOf,
            @JsonProperty("row_count") int rowCount,
            boolean truncated,
            @JsonProperty("row_cap") int rowCap,
            /* null when every row is in the answer */
            @JsonProperty("rows_cut") RowsCut rowsCut) {}

    /**
     * Rows left out of an answer, and why: the spec's own limit (a ranking's "top 5", "which sprint" as one
     * row) or the row cap. Said every time rows are cut, so an ordered answer is never shortened in silence.
     *
     * @param reason "limit" or "row_cap"
     */
    public record RowsCut(String reason, int shown, @JsonProperty("total_rows") long totalRows, String detail) {}
}
