package com.digitalspiral.api.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's Prometheus metrics, under the seed plan's names: analytics_query_duration_seconds,
 * analytics_cache_hit_rate, analytics_spec_validation_errors_total, analytics_job_queue_length,
 * analytics_job_duration_seconds; plus cache look-ups, charts drawn, questions read and HTTP requests.
 */
public final class ApiMetrics implements com.digitalspiral.api.jobs.JobWorker.JobEvents {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong queuedJobs = new AtomicLong();
    private final Counter validationErrors;
    private final Counter hitCounter;
    private final Counter missCounter;
    private final Counter bypassCounter;
    private final Counter coalescedCounter;

    public ApiMetrics() {
        validationErrors = Counter.builder("analytics.spec.validation.errors")
                .description("specs rejected by the validator").register(registry);
        hitCounter = Counter.builder("analytics.cache.requests").tag("result", "hit").register(registry);
        missCounter = Counter.builder("analytics.cache.requests").tag("result", "miss").register(registry);
        bypassCounter = Counter.builder("analytics.cache.requests").tag("result", "bypass").register(registry);
        coalescedCounter = Counter.builder("analytics.cache.requests").tag("result", "coalesced").register(registry);
        Gauge.builder("analytics.cache.hit.rate", this, ApiMetrics::hitRate)
                .description("share of cache look-ups answered from the cache since start").register(registry);
        Gauge.builder("analytics.job.queue.length", queuedJobs, AtomicLong::get)
                .description("jobs of every tenant waiting for a worker").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
    }

    @Override
    public void finished(String status, Duration ran) {
        Timer.builder("analytics.job.duration").description("time a job ran, by how it ended")
                .tag("status", status).publishPercentileHistogram().register(registry).record(ran);
    }

    @Override
    public void queued(long jobs) {
        queuedJobs.set(jobs);
    }

    /** Open job streams and the job reads they cost: reads follow changes of the jobs, not the number of streams. */
    public void jobStreams(com.digitalspiral.api.events.JobFeed feed, java.util.function.LongSupplier reads) {
        Gauge.builder("analytics.job.streams.open", feed, f -> f.subscriptions())
                .description("job progress streams open").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("analytics.job.stream.reads", reads, r -> r.getAsLong())
                .description("job reads made for progress streams").register(registry);
    }

    /** A gauge read from {@code value} at each scrape. */
    public void gauge(String name, String description, java.util.function.DoubleSupplier value) {
        // held strongly: Micrometer keeps a gauge's object weakly, and a collected supplier reads as NaN
        Gauge.builder(name, value, java.util.function.DoubleSupplier::getAsDouble).description(description).strongReference(true)
                .register(registry);
    }

    /** A gauge with one series per row, the rows replaced at each reading. */
    public io.micrometer.core.instrument.MultiGauge multiGauge(String name, String description) {
        return io.micrometer.core.instrument.MultiGauge.builder(name).description(description).register(registry);
    }

    public void chartRendered(String chartType, boolean recommended) {
        Counter.builder("analytics.charts.rendered").description("charts drawn, by type and whether it was the recommended one")
                .tag("chart_type", chartType).tag("recommended", Boolean.toString(recommended)).register(registry).increment();
    }

    public void queryDuration(Duration d, boolean cached) {
        Timer.builder("analytics.query.duration").description("time to answer /analytics/run")
                .tag("cached", Boolean.toString(cached)).publishPercentileHistogram()
                .register(registry).record(d);
    }

    private static final java.util.Set<String> METHODS = java.util.Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH",
            "OPTIONS", "TRACE", "CONNECT");

    /** A request's method as a label value: the standard ones, else "other" (a client may invent any, and each would be a series). */
    public static String method(String method) {
        return METHODS.contains(method) ? method : "other";
    }

    public void httpRequest(String method, String route, int status, Duration d) {
        Timer.builder("http.server.requests").tag("method", method).tag("route", route)
                .tag("status", Integer.toString(status)).register(registry).record(d);
    }

    /** A question was read: by whom (offline, llm, fallback) and how it ended (answered, refused). */
    public void questionTranslated(String reader, String outcome) {
        Counter.builder("analytics.questions.translated").description("questions read, by reader and outcome")
                .tag("reader", reader).tag("outcome", outcome).register(registry).increment();
    }

    public void validationError() {
        validationErrors.increment();
    }

    public void cacheHit() {
        hits.incrementAndGet();
        hitCounter.increment();
    }

    public void cacheMiss() {
        misses.incrementAndGet();
        missCounter.increment();
    }

    /** A miss that shared an identical query already running instead of starting its own. */
    public void cacheCoalesced() {
        coalescedCounter.increment();
    }

    public long coalesced() {
        return (long) coalescedCounter.count();
    }

    public void cacheBypass() {
        bypassCounter.increment();
    }

    public double hitRate() {
        long h = hits.get();
        long total = h + misses.get();
        return total == 0 ? 0 : (double) h / total;
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    public String scrape() {
        return registry.scrape();
    }
}
