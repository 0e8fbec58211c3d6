package com.digitalspiral.api.query;

import com.digitalspiral.catalog.compile.CompiledQuery;
import java.time.Instant;
import java.util.List;

/**
 * Rows of an executed query, each an array in column order.
 *
 * @param dataAsOf the newest source commit time among the figures read (null when no row was read)
 * @param truncated more rows matched than the row cap allowed
 * @param totalRows how many rows the answer had before its limit and the row cap (null when no row came)
 */
public record QueryResult(List<CompiledQuery.Column> columns, List<List<Object>> rows, Instant dataAsOf,
                          boolean truncated, long queryTimeMs, Long totalRows) {}
