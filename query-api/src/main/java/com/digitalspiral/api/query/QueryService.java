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
    private final InFlight<Answer> inFlight = new InFlight<>();

    /** What one run of a miss produced: the rows, and whether a just-finished identical query had cached them. */
    private record Answer(QueryResult result, boolean cached) {}

    public QueryService(Catalog catalog, SpecValidator validator, SqlCompiler compiler, QueryExecutor executor,
                        ResultCache cache, ApiMetrics metrics, com.digitalspiral.api.ops.Tracing tracing) {
        this.tracing = tracing;
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

    /** Which rows were left out and why, or null when the answer has them all. */
    static RunResponse.RowsCut rowsCut(AnalyticsSpec spec, QueryResult result) {
        int shown = result.rows().size();
        long total = result.totalRows() == null ? shown : result.totalRows();
        if (total <= shown) {
            return null;
        }
        if (result.truncated()) {
            return new RunResponse.RowsCut("row_cap", shown, total, "the row cap keeps " + shown + " of " + total
                    + " rows; narrow the question with filters or a time range, or export it as a job");
        }
        String order = spec.orderBy().isEmpty() ? "" : " by " + spec.orderBy().get(0).field().replace('_', ' ')
                + (spec.orderBy().get(0).descending() ? ", highest first" : ", lowest first");
        return new RunResponse.RowsCut("limit", shown, total, "the limit of " + spec.limit() + " keeps the first "
                + shown + " of " + total + " rows" + order + "; remove the limit to see them all");
    }

    private final com.digitalspiral.api.ops.Tracing tracing;

    /** Where this service's spans go; jobs trace their runs there too. */
    public com.digitalspiral.api.ops.Tracing tracing() {
        return tracing;
    }

    public RunResponse run(AnalyticsSpec spec, Caller caller) {
        long start = System.nanoTime();
        io.opentelemetry.api.common.Attributes tenant =
                io.opentelemetry.api.common.Attributes.of(com.digitalspiral.api.ops.Tracing.TENANT, caller.tenantId().toString());
        CompiledQuery q = tracing.in("compile", tenant, () -> compile(spec, caller));
        String key = catalog.fingerprint().substring(0, 16) + ":" + q.hash();
        ResultCache.Lookup lookup = tracing.in("cache lookup", tenant, () -> cache.lookup(caller.tenantId(), key));
        QueryResult result;
        boolean cached = false;
        boolean coalesced = false;
        if (lookup == null) {
            metrics.cacheBypass();
            result = sql(q, caller, tenant);
        } else if (lookup.hit().isPresent()) {
            metrics.cacheHit();
            result = lookup.hit().get();
            cached = true;
        } else {
            // Identical misses at the same cache generation share one query: its rows are exactly what the
            // cache would hand the later ones a moment afterwards. With the cache off there is no sharing.
            ResultCache.Stamp stamp = lookup.stamp();
            InFlight.Outcome<Answer> outcome = inFlight.run(caller.tenantId() + "|" + key + "|" + stamp, () -> {
                // a leader that finished an instant ago has stored its rows: take them rather than run again
                ResultCache.Lookup again = cache.lookup(caller.tenantId(), key);
                if (again != null && again.hit().isPresent()) {
                    return new Answer(again.hit().get(), true);
                }
                QueryResult rows = sql(q, caller, tenant);
                cache.store(caller.tenantId(), key, stamp, rows, q.volatileResult());
                return new Answer(rows, false);
            });
            result = outcome.value().result();
            cached = outcome.value().cached();
            coalesced = outcome.joined();
            if (coalesced) {
                metrics.cacheCoalesced();
            } else if (cached) {
                metrics.cacheHit();
            } else {
                metrics.cacheMiss();
            }
        }
        io.opentelemetry.api.trace.Span.current().setAttribute("spiral.cached", cached);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        metrics.queryDuration(took, cached);
        RunResponse.Meta meta = new RunResponse.Meta(took.toMillis(), cached, coalesced, catalog.version(),
                result.dataAsOf() == null ? null : result.dataAsOf().toString(), result.rows().size(), result.truncated(),
                executor.rowCap(), rowsCut(spec, result));
        return new RunResponse(result.columns(), result.rows(), q.displaySql(), q.displayParams(), meta);
    }

    /** The compiled query against Postgres, in a span that says how many rows came back (never the SQL's values). */
    private QueryResult sql(CompiledQuery q, Caller caller, io.opentelemetry.api.common.Attributes tenant) {
        return tracing.in("sql", tenant.toBuilder().put("db.system", "postgresql").build(), () -> {
            QueryResult rows = executor.execute(q, caller.tenantId());
            io.opentelemetry.api.trace.Span.current().setAttribute("db.response.returned_rows", (long) rows.rows().size());
            return rows;
        });
    }
}
