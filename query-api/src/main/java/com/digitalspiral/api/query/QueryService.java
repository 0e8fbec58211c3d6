package com.digitalspiral.api.query;

import com.digitalspiral.api.auth.Caller;
import com.digitalspiral.api.cache.ResultCache;
import com.digitalspiral.api.ops.ApiMetrics;
import com.digitalspiral.catalog.Catalog;
import com.digitalspiral.catalog.compile.CompiledQuery;
import com.digitalspiral.catalog.compile.SqlCompiler;
import com.digitalspiral.catalog.spec.AnalyticsSpec;
import com.digitalspiral.catalog.spec.SpecValidator;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** request → spec → SQL → rows: validates, compiles for the caller's tenant, answers from the cache or runs. */
public final class QueryService {

    private final Catalog catalog;
    private final SpecValidator validator;
    private final SqlCompiler compiler;
    private final QueryExecutor executor;
    private final ResultCache cache;
    private final ApiMetrics metrics;

    public QueryService(Catalog catalog, SpecValidator validator, SqlCompiler compiler, QueryExecutor executor,
                        ResultCache cache, ApiMetrics metrics) {
        this.catalog = catalog;
        this.validator = validator;
        this.compiler = compiler;
        this.executor = executor;
        this.cache = cache;
        this.metrics = metrics;
    }

    public AnalyticsSpec validate(JsonNode spec) {
        return validator.validate(spec);
    }

    public CompiledQuery compile(AnalyticsSpec spec, Caller caller) {
        return compile(spec, caller, executor.rowCap());
    }

    /** @param rowCap the most rows the answer may carry; one more is fetched to tell that it was cut */
    public CompiledQuery compile(AnalyticsSpec spec, Caller caller, int rowCap) {
        return compiler.compile(spec, caller.tenantId(), rowCap + 1);
    }

    public RunResponse run(JsonNode specJson, Caller caller) {
        return run(validate(specJson), caller);
    }

    public RunResponse run(AnalyticsSpec spec, Caller caller) {
        long start = System.nanoTime();
        CompiledQuery q = compile(spec, caller);
        String key = catalog.fingerprint().substring(0, 16) + ":" + q.hash();
        ResultCache.Lookup lookup = cache.lookup(caller.tenantId(), key);
        QueryResult result;
        boolean cached = false;
        if (lookup == null) {
            metrics.cacheBypass();
            result = executor.execute(q, caller.tenantId());
        } else if (lookup.hit().isPresent()) {
            metrics.cacheHit();
            result = lookup.hit().get();
            cached = true;
        } else {
            metrics.cacheMiss();
            result = executor.execute(q, caller.tenantId());
            cache.store(caller.tenantId(), key, lookup.stamp(), result, q.volatileResult());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        metrics.queryDuration(took, cached);
        RunResponse.Meta meta = new RunResponse.Meta(took.toMillis(), cached, catalog.version(),
                result.dataAsOf() == null ? null : result.dataAsOf().toString(), result.rows().size(), result.truncated(),
                executor.rowCap());
        return new RunResponse(result.columns(), result.rows(), q.displaySql(), q.displayParams(), meta);
    }
}
