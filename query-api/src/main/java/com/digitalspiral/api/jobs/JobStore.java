package com.digitalspiral.api.jobs;

import com.digitalspiral.api.TenantScope;
import com.digitalspiral.api.auth.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The API's side of the job table: submit, read, list, page results and request cancellation, always as the
 * API role inside a transaction that carries the caller's tenant (row-level security).
 */
public final class JobStore {

    static final String COLUMNS = "id, user_id, status, progress, spec, question, error, row_count, query_time_ms, attempts, "
            + "created_at, started_at, completed_at";
    private final DataSource api;
    private final ObjectMapper json;
    private final Duration fresh;
    private final int tenantQuota;

    /**
     * @param fresh how long a completed job answers an identical submission
     * @param tenantQuota most jobs one tenant may have queued or running at once; more are refused with 429
     */
    public JobStore(DataSource api, ObjectMapper json, Duration fresh, int tenantQuota) {
        this.api = api;
        this.json = json;
        this.fresh = fresh;
        this.tenantQuota = tenantQuota;
    }

    /** The job for this spec: a live or fresh one with the same spec hash, else a new queued one. */
    public Job submit(Caller caller, JsonNode spec, String specHash, String question) throws SQLException {
        return inTenant(caller, c -> {
            Optional<Job> existing = one(c, "SELECT " + COLUMNS + " FROM analytics_jobs WHERE spec_hash = ? AND "
                    + "(status IN ('queued', 'running') OR (status = 'completed' AND completed_at > now() - make_interval(secs => ?))) "
                    + "ORDER BY created_at DESC LIMIT 1", specHash, (double) fresh.toSeconds());
            if (existing.isPresent()) {
                return existing.get();
            }
            checkQuota(c, caller);
            Optional<Job> created = one(c, "INSERT INTO analytics_jobs (tenant_id, user_id, spec, spec_hash, question, status) "
                    + "VALUES (?, ?, ?::jsonb, ?, ?, 'queued') ON CONFLICT (tenant_id, user_id, spec_hash) WHERE status IN ('queued', 'running') "
                    + "DO NOTHING RETURNING " + COLUMNS, caller.tenantId(), caller.userId(), json.writeValueAsString(spec), specHash, question);
            if (created.isPresent()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify('spiral_jobs', '')")) {
                    ps.execute();
                }
                return created.get();
            }
            // a concurrent identical submission won the insert: answer with its job
            return one(c, "SELECT " + COLUMNS + " FROM analytics_jobs WHERE spec_hash = ? AND status IN ('queued', 'running')",
                    specHash).orElseThrow();
        });
    }

    /**
     * Refuses a new job while the caller's tenant has its quota of live jobs: one tenant cannot fill the queue
     * for all. Submissions of a tenant are serialised by an advisory lock so that concurrent ones cannot slip
     * past the count together.
     */
    private void checkQuota(Connection c, Caller caller) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('spiral_jobs:' || ?))")) {
            lock.setString(1, caller.tenantId().toString());
            lock.execute();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT spiral_tenant_live_jobs()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            long live = rs.getLong(1);
            if (live >= tenantQuota) {
                throw new com.digitalspiral.api.errors.ApiProblem(429, "job-quota", "Too many jobs",
                        "your team already has " + live + " jobs queued or running, the most it may have at once ("
                                + tenantQuota + "); submit again when some have finished")
                        .header("Retry-After", "10").with("live_jobs", live).with("quota", tenantQuota);
            }
        }
    }

    public Optional<Job> get(Caller caller, UUID id) throws SQLException {
        return inTenant(caller, c -> one(c, "SELECT " + COLUMNS + " FROM analytics_jobs WHERE id = ?", id));
    }

    /** The tenant's jobs, newest first, optionally of one status and user. */
    public List<Job> list(Caller caller, String status, String user, int limit) throws SQLException {
        return inTenant(caller, c -> {
            StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM analytics_jobs WHERE true");
            List<Object> params = new ArrayList<>();
            if (status != null) {
                sql.append(" AND status = ?");
                params.add(status);
            }
            if (user != null) {
                sql.append(" AND user_id = ?");
                params.add(user);
            }
            sql.append(" ORDER BY created_at DESC LIMIT ?");
            params.add(limit);
            return many(c, sql.toString(), params.toArray());
        });
    }

    /** Asks for a job to stop; the worker running it cancels its query. False when the job is already over. */
    public boolean requestCancel(Caller caller, UUID id) throws SQLException {
        return inTenant(caller, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE analytics_jobs SET cancel_requested = true WHERE id = ? AND status IN ('queued', 'running')")) {
                ps.setObject(1, id);
                boolean updated = ps.executeUpdate() == 1;
                if (updated) {
                    try (PreparedStatement n = c.prepareStatement("SELECT pg_notify('spiral_jobs', '')")) {
                        n.execute();
                    }
                }
                return updated;
            }
        });
    }

    /** The tenant's job named by an id as a client wrote it; 404 when there is none. */
    public Job find(Caller caller, String idText) throws SQLException {
        UUID id = parseId(idText);
        return get(caller, id).orElseThrow(() -> com.digitalspiral.api.errors.ApiProblem.notFound("no job " + id));
    }

    /** A job id as a client wrote it; 404 when it cannot be one. */
    public static UUID parseId(String idText) {
        try {
            return UUID.fromString(idText);
        } catch (IllegalArgumentException e) {
            throw com.digitalspiral.api.errors.ApiProblem.notFound(
                    "no job '" + (idText.length() > 40 ? idText.substring(0, 40) : idText) + "'");
        }
    }

    /** As {@link #find}, and 409 unless the job has completed: only then has it rows to read. */
    public Job completed(Caller caller, String idText) throws SQLException {
        Job job = find(caller, idText);
        if (!job.status().equals("completed")) {
            throw new com.digitalspiral.api.errors.ApiProblem(409, "job-not-completed", "Job not completed",
                    "the job is " + job.status() + (job.error() == null ? "" : ": " + job.error()));
        }
        return job;
    }

    /** A page of a completed job's result: {columns, rows, offset, total}. */
    public Optional<JsonNode> resultPage(Caller caller, UUID id, int offset, int limit) throws SQLException {
        return inTenant(caller, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT jsonb_build_object('columns', result->'columns', 'offset', ?::int, 'total', jsonb_array_length(result->'rows'),
                        'rows', coalesce((SELECT jsonb_agg(r ORDER BY n) FROM jsonb_array_elements(result->'rows') WITH ORDINALITY e(r, n)
                                          WHERE n > ? AND n <= ?::bigint + ?), '[]'::jsonb))
                    FROM analytics_jobs WHERE id = ? AND status = 'completed'""")) {
                ps.setInt(1, offset);
                ps.setInt(2, offset);
                ps.setInt(3, offset);
                ps.setInt(4, limit);
                ps.setObject(5, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(json.readTree(rs.getString(1))) : Optional.<JsonNode>empty();
                }
            }
        });
    }

    interface Work<T> {
        T run(Connection c) throws Exception;
    }

    private <T> T inTenant(Caller caller, Work<T> work) throws SQLException {
        try (Connection c = api.getConnection()) {
            TenantScope.enter(c, caller);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | com.digitalspiral.api.errors.ApiProblem e) {
                c.rollback();
                throw e;
            } catch (Exception e) {
                c.rollback();
                throw new IllegalStateException(e);
            }
        }
    }

    private Optional<Job> one(Connection c, String sql, Object... params) throws Exception {
        List<Job> jobs = many(c, sql, params);
        return jobs.isEmpty() ? Optional.empty() : Optional.of(jobs.get(0));
    }

    private List<Job> many(Connection c, String sql, Object... params) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Job> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs, json));
                }
            }
            return out;
        }
    }

    static Job read(ResultSet rs, ObjectMapper json) throws Exception {
        return new Job(rs.getObject("id", UUID.class), rs.getString("user_id"), rs.getString("status"),
                rs.getDouble("progress"), json.readTree(rs.getString("spec")), rs.getString("question"),
                rs.getString("error"), (Integer) rs.getObject("row_count"), (Integer) rs.getObject("query_time_ms"),
                rs.getInt("attempts"), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("completed_at")));
    }

    private static java.time.Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
