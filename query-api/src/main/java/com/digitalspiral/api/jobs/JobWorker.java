package com.digitalspiral.api.jobs;

import com.digitalspiral.api.auth.Caller;
import com.digitalspiral.api.query.QueryExecutor;
import com.digitalspiral.api.query.QueryResult;
import com.digitalspiral.api.query.QueryService;
import com.digitalspiral.catalog.compile.CompiledQuery;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs queued jobs. The queue is the analytics_jobs table: a worker claims the oldest queued job with
 * {@code FOR UPDATE SKIP LOCKED} (no broker to run, and a job is durable the moment its INSERT commits), runs
 * its query as the API role in the job's tenant, and records progress, heartbeats, the result or the error.
 * A running job whose worker stopped beating is queued again (at most {@link #MAX_ATTEMPTS} attempts) or
 * failed with the reason; a cancel request stops the running SQL with {@code pg_cancel_backend}.
 */
public final class JobWorker implements AutoCloseable {

    static final int MAX_ATTEMPTS = 3;
    static final Duration HEARTBEAT = Duration.ofSeconds(2);
    static final Duration STALE = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(JobWorker.class);

    private final DataSource owner;
    /** Most jobs of one tenant running at once: with more workers than this, another tenant's job never waits behind them. */
    private final int perTenant;
    private final QueryService queries;
    private final QueryExecutor executor;
    private final ObjectMapper json;
    private final Duration retention;
    private final String name = "worker-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<UUID, Integer> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "spiral-jobs-housekeeping"));
    private final Thread[] threads;
    private final Object wake = new Object();
    private final JobEvents events;
    private volatile boolean stopped;

    /** What the worker reports to the service's metrics. */
    public interface JobEvents {
        /** A job ended (completed, failed or cancelled) after running this long. */
        void finished(String status, Duration ran);

        /** Jobs of every tenant waiting for a worker, counted every few seconds. */
        void queued(long jobs);

        JobEvents NONE = new JobEvents() {
            @Override
            public void finished(String status, Duration ran) {}

            @Override
            public void queued(long jobs) {}
        };
    }

    /**
     * @param owner connections that may see every tenant's jobs (the schema owner's)
     * @param executor runs job queries (its own timeout and row cap, longer than interactive ones)
     */
    public JobWorker(DataSource owner, com.digitalspiral.api.events.PgListener listener, QueryService queries,
                     QueryExecutor executor, ObjectMapper json, int threads, int perTenant, Duration retention,
                     JobEvents events) {
        this.owner = owner;
        this.events = events;
        this.perTenant = perTenant;
        // a submission or a cancellation wakes the workers at once (null: reconnected, look anyway)
        listener.on("spiral_jobs", payload -> {
            synchronized (wake) {
                wake.notifyAll();
            }
            housekeeping.execute(this::beatAndCancel);
        });
        this.queries = queries;
        this.executor = executor;
        this.json = json;
        this.retention = retention;
        this.threads = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            this.threads[i] = daemon(this::loop, "spiral-job-" + i);
        }
    }

    public JobWorker start() {
        housekeeping.scheduleWithFixedDelay(this::beatAndCancel, 0, 300, TimeUnit.MILLISECONDS);
        housekeeping.scheduleWithFixedDelay(this::recoverStale, 0, 5, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(this::countQueued, 0, 5, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(this::cleanUp, 1, 60, TimeUnit.MINUTES);
        for (Thread t : threads) {
            t.start();
        }
        return this;
    }

    private void loop() {
        while (!stopped) {
            try {
                ClaimedJob job = claim();
                if (job == null) {
                    synchronized (wake) {
                        wake.wait(500);
                    }
                    continue;
                }
                run(job);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                LOG.warn("job worker: {}", e.toString());
                sleep(1000);
            }
        }
    }

    private record ClaimedJob(UUID id, UUID tenant, String user, ObjectNode spec) {}

    private ClaimedJob claim() throws Exception {
        try (Connection c = owner.getConnection()) {
            try (PreparedStatement cancelQueued = c.prepareStatement("UPDATE analytics_jobs SET status = 'cancelled', "
                    + "completed_at = now(), error = 'cancelled before it ran' WHERE status = 'queued' AND cancel_requested")) {
                cancelQueued.executeUpdate();
            }
            // claims are serialised (a short lock) so that the per-tenant count cannot be passed by two at once
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('spiral_jobs:claim'))")) {
                lock.execute();
            }
            // fair across tenants: a tenant at its running limit waits; among the others, the one with fewest
            // running jobs, then the one served least recently, then the oldest job
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH tenants AS (
                        SELECT tenant_id, count(*) FILTER (WHERE status = 'running') AS running, max(started_at) AS served
                        FROM analytics_jobs WHERE status IN ('queued', 'running') GROUP BY tenant_id)
                    UPDATE analytics_jobs SET status = 'running', worker = ?, attempts = attempts + 1, started_at = now(),
                        heartbeat_at = now(), progress = 0.1
                    WHERE id = (SELECT j.id FROM analytics_jobs j JOIN tenants t USING (tenant_id)
                                WHERE j.status = 'queued' AND NOT j.cancel_requested AND t.running < ?
                                ORDER BY t.running, t.served NULLS FIRST, j.created_at
                                FOR UPDATE OF j SKIP LOCKED LIMIT 1)
                    RETURNING id, tenant_id, user_id, spec""")) {
                ps.setString(1, name);
                ps.setInt(2, perTenant);
                try (ResultSet rs = ps.executeQuery()) {
                    ClaimedJob claimed = rs.next() ? new ClaimedJob(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getString(3), (ObjectNode) json.readTree(rs.getString(4))) : null;
                    c.commit();
                    return claimed;
                }
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** A job's run, as a trace of its own (its request ended when it was queued). */
    private void run(ClaimedJob job) {
        io.opentelemetry.api.trace.Span span = queries.tracing().tracer().spanBuilder("job run")
                .setSpanKind(io.opentelemetry.api.trace.SpanKind.CONSUMER).setNoParent()
                .setAttribute(com.digitalspiral.api.ops.Tracing.TENANT, job.tenant().toString())
                .setAttribute("spiral.job_id", job.id().toString()).startSpan();
        try (io.opentelemetry.context.Scope ignored = span.makeCurrent()) {
            runJob(job);
        } finally {
            span.end();
        }
    }

    private void runJob(ClaimedJob job) {
        running.put(job.id(), 0);
        long start = System.nanoTime();
        try {
            Caller caller = new Caller(UUID.randomUUID(), job.tenant(), job.user(), Integer.MAX_VALUE);
            CompiledQuery q = queries.compile(queries.validate(job.spec()), caller, executor.rowCap());
            update("UPDATE analytics_jobs SET progress = 0.3 WHERE id = ?", job.id());
            QueryResult r = executor.execute(q, job.tenant(), pid -> {
                running.put(job.id(), pid);
                update("UPDATE analytics_jobs SET backend_pid = ?, progress = 0.5 WHERE id = ?", pid, job.id());
            });
            update("UPDATE analytics_jobs SET progress = 0.9 WHERE id = ?", job.id());
            ObjectNode result = json.createObjectNode();
            result.set("columns", json.valueToTree(r.columns()));
            result.set("rows", json.valueToTree(r.rows()));
            result.put("data_as_of", r.dataAsOf() == null ? null : r.dataAsOf().toString());
            result.put("truncated", r.truncated());
            finish(job.id(), "completed", json.writeValueAsString(result), r.rows().size(), null, start);
        } catch (QueryExecutor.QueryCancelled e) {
            boolean asked = cancelRequested(job.id());
            finish(job.id(), asked ? "cancelled" : "failed", null, null,
                    asked ? "cancelled while running" : "the query ran past the job timeout", start);
        } catch (com.digitalspiral.catalog.spec.SpecValidationException e) {
            finish(job.id(), "failed", null, null, "invalid spec: " + e.getMessage(), start);
        } catch (Exception e) {
            LOG.warn("job {} failed: {}", job.id(), e.toString());
            finish(job.id(), "failed", null, null, e.getMessage() == null ? e.toString() : e.getMessage(), start);
        } finally {
            running.remove(job.id());
        }
    }

    private void finish(UUID id, String status, String result, Integer rows, String error, long start) {
        events.finished(status, Duration.ofNanos(System.nanoTime() - start));
        update("UPDATE analytics_jobs SET status = ?, result = ?::jsonb, row_count = ?, error = ?, query_time_ms = ?, "
                        + "progress = CASE WHEN ? = 'completed' THEN 1 ELSE progress END, completed_at = now(), backend_pid = NULL "
                        + "WHERE id = ? AND worker = ? AND status = 'running'",
                status, result, rows, error, (int) ((System.nanoTime() - start) / 1_000_000), status, id, name);
    }

    private void countQueued() {
        try (Connection c = owner.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM analytics_jobs WHERE status = 'queued'");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            events.queued(rs.getLong(1));
        } catch (Exception e) {
            LOG.debug("counting queued jobs: {}", e.toString());
        }
    }

    private boolean cancelRequested(UUID id) {
        try (Connection c = owner.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT cancel_requested FROM analytics_jobs WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            return false;
        }
    }

    /** Heartbeats for this worker's jobs, and cancellation of those asked to stop. */
    private void beatAndCancel() {
        if (running.isEmpty()) {
            return;
        }
        try (Connection c = owner.getConnection()) {
            try (PreparedStatement beat = c.prepareStatement(
                    "UPDATE analytics_jobs SET heartbeat_at = now() WHERE worker = ? AND status = 'running' "
                            + "AND heartbeat_at < now() - make_interval(secs => ?)")) {
                beat.setString(1, name);
                beat.setDouble(2, HEARTBEAT.toSeconds());
                beat.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_cancel_backend(backend_pid) FROM analytics_jobs "
                    + "WHERE worker = ? AND status = 'running' AND cancel_requested AND backend_pid IS NOT NULL")) {
                ps.setString(1, name);
                ps.execute();
            }
        } catch (SQLException e) {
            LOG.warn("job heartbeat: {}", e.toString());
        }
    }

    /** Jobs whose worker stopped beating: queued again, or failed after the last attempt. Never left running. */
    private void recoverStale() {
        update("UPDATE analytics_jobs SET status = CASE WHEN attempts < ? THEN 'queued' ELSE 'failed' END, "
                        + "error = CASE WHEN attempts < ? THEN error ELSE 'its worker stopped responding ' || attempts || ' times' END, "
                        + "completed_at = CASE WHEN attempts < ? THEN NULL ELSE now() END, worker = NULL, backend_pid = NULL, progress = 0 "
                        + "WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => ?)",
                MAX_ATTEMPTS, MAX_ATTEMPTS, MAX_ATTEMPTS, (double) STALE.toSeconds());
    }

    private void cleanUp() {
        update("DELETE FROM analytics_jobs WHERE status IN ('completed', 'failed', 'cancelled') "
                + "AND completed_at < now() - make_interval(secs => ?)", (double) retention.toSeconds());
    }

    private void update(String sql, Object... params) {
        try (Connection c = owner.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("job bookkeeping failed: {}", e.toString());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        housekeeping.shutdownNow();
        synchronized (wake) {
            wake.notifyAll();
        }
        for (Thread t : threads) {
            t.join(2000);
        }
    }
}
