package com.digitalspiral.pipeline.sink;

import com.digitalspiral.pipeline.model.DeadLetter;
import com.digitalspiral.pipeline.model.IssueStats;
import com.digitalspiral.pipeline.model.SprintStats;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;

/**
 * Flink JDBC sinks for sprint_stats, issue_stats and pipeline_dead_letters, each reporting its batches and freshness
 * ({@link SinkMetrics}). Upserts and deletes of one table go through one statement (a DELETE in a CTE beside an INSERT … ON CONFLICT, one of them a no-op),
 * so a row's writes are applied in the order they were made. refreshed_at is the database's clock at the
 * write, the same clock that stamped source_ts.
 */
public final class StatsSinks {

    static final String SPRINT_SQL = """
            WITH gone AS (DELETE FROM sprint_stats WHERE ?::boolean AND sprint_id = ?::uuid)
            INSERT INTO sprint_stats (sprint_id, tenant_id, instance_id, project_key, sprint_name, state,
                start_date, end_date, complete_date, planned_sp, completed_sp, added_after_start_sp, removed_sp,
                issue_count, bug_count, reopened_count, blocked_hours, spillover_ratio, scope_churn_ratio,
                accuracy_abs, source_ts, refreshed_at)
            SELECT ?::uuid, ?::uuid, ?::uuid, ?::varchar, ?::varchar, ?::varchar, ?::timestamptz, ?::timestamptz,
                ?::timestamptz, ?::float8, ?::float8, ?::float8, ?::float8, ?::bigint, ?::bigint, ?::bigint, ?::float8,
                ?::float8, ?::float8, ?::float8, ?::timestamptz, clock_timestamp() WHERE NOT ?::boolean
            ON CONFLICT (sprint_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, instance_id = EXCLUDED.instance_id,
                project_key = EXCLUDED.project_key, sprint_name = EXCLUDED.sprint_name, state = EXCLUDED.state,
                start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date, complete_date = EXCLUDED.complete_date,
                planned_sp = EXCLUDED.planned_sp, completed_sp = EXCLUDED.completed_sp,
                added_after_start_sp = EXCLUDED.added_after_start_sp, removed_sp = EXCLUDED.removed_sp,
                issue_count = EXCLUDED.issue_count, bug_count = EXCLUDED.bug_count,
                reopened_count = EXCLUDED.reopened_count, blocked_hours = EXCLUDED.blocked_hours,
                spillover_ratio = EXCLUDED.spillover_ratio, scope_churn_ratio = EXCLUDED.scope_churn_ratio,
                accuracy_abs = EXCLUDED.accuracy_abs, source_ts = EXCLUDED.source_ts, refreshed_at = EXCLUDED.refreshed_at
            """;

    static final String ISSUE_SQL = """
            WITH gone AS (DELETE FROM issue_stats WHERE ?::boolean AND issue_id = ?::uuid)
            INSERT INTO issue_stats (issue_id, tenant_id, instance_id, project_id, issue_key, comment_count,
                last_comment_at, first_in_progress_at, lead_time_hours, cycle_time_hours, reopen_count,
                blocked_hours, source_ts, refreshed_at)
            SELECT ?::uuid, ?::uuid, ?::uuid, ?::uuid, ?::varchar, ?::bigint, ?::timestamptz, ?::timestamptz, ?::float8,
                ?::float8, ?::bigint, ?::float8, ?::timestamptz, clock_timestamp() WHERE NOT ?::boolean
            ON CONFLICT (issue_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, instance_id = EXCLUDED.instance_id,
                project_id = EXCLUDED.project_id, issue_key = EXCLUDED.issue_key,
                comment_count = EXCLUDED.comment_count, last_comment_at = EXCLUDED.last_comment_at,
                first_in_progress_at = EXCLUDED.first_in_progress_at, lead_time_hours = EXCLUDED.lead_time_hours,
                cycle_time_hours = EXCLUDED.cycle_time_hours, reopen_count = EXCLUDED.reopen_count,
                blocked_hours = EXCLUDED.blocked_hours, source_ts = EXCLUDED.source_ts,
                refreshed_at = EXCLUDED.refreshed_at
            """;

    /** The newest beat carried wins: a beat replayed after a restart never moves the progress back. */
    static final String PROGRESS_SQL = """
            INSERT INTO pipeline_progress AS p (id, beat_at, refreshed_at) VALUES (1, ?, clock_timestamp())
            ON CONFLICT (id) DO UPDATE SET beat_at = greatest(p.beat_at, EXCLUDED.beat_at), refreshed_at = EXCLUDED.refreshed_at
            """;

    static final String DEAD_LETTER_SQL =
            "INSERT INTO pipeline_dead_letters (reason, payload, received_at) VALUES (?, ?, ?)";

    private final JdbcConnectionOptions connection;
    private final JdbcExecutionOptions execution;

    /**
     * @param batchIntervalMs longest a write waits for its batch to fill; bounds the sink's share of latency
     */
    public StatsSinks(String jdbcUrl, String user, String password, long batchIntervalMs) {
        this.connection = new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                .withUrl(jdbcUrl)
                .withDriverName("org.postgresql.Driver")
                .withUsername(user)
                .withPassword(password == null || password.isEmpty() ? null : password)
                .build();
        this.execution = JdbcExecutionOptions.builder()
                .withBatchSize(2000)
                .withBatchIntervalMs(batchIntervalMs)
                .withMaxRetries(5)
                .build();
    }

    public Sink<SprintStats> sprintStats() {
        return MeteredJdbcSink.of("sprint_stats", connection, execution, SPRINT_SQL, StatsSinks::bindSprint, SprintStats::sourceTs);
    }

    public Sink<IssueStats> issueStats() {
        return MeteredJdbcSink.of("issue_stats", connection, execution, ISSUE_SQL, StatsSinks::bindIssue, IssueStats::sourceTs);
    }

    /** issue_embeddings: vectors, touches and tombstones (see {@link EmbeddingSink}); smaller batches, as rows are larger. */
    public Sink<com.digitalspiral.pipeline.model.EmbeddingWrite> issueEmbeddings() {
        return MeteredJdbcSink.of("issue_embeddings", connection, JdbcExecutionOptions.builder().withBatchSize(500)
                        .withBatchIntervalMs(execution.getBatchIntervalMs()).withMaxRetries(5).build(),
                EmbeddingSink.SQL, EmbeddingSink::bind, com.digitalspiral.pipeline.model.EmbeddingWrite::sourceTs);
    }

    /** pipeline_progress: the commit time of the newest beat of the freshness probe the job carried. */
    public Sink<com.digitalspiral.pipeline.model.SourceChange> progress() {
        return MeteredJdbcSink.of("pipeline_progress", connection, execution, PROGRESS_SQL,
                (ps, beat) -> ps.setObject(1, millis(beat.sourceTs())), com.digitalspiral.pipeline.model.SourceChange::sourceTs);
    }

    public Sink<DeadLetter> deadLetters() {
        // no source commit to measure a lag against: an undecodable event has none
        return MeteredJdbcSink.of("pipeline_dead_letters", connection, execution, DEAD_LETTER_SQL, (ps, d) -> {
            ps.setString(1, d.reason());
            ps.setString(2, d.payload().replace("\u0000", ""));
            ps.setObject(3, OffsetDateTime.ofInstant(Instant.ofEpochMilli(d.receivedAt()), ZoneOffset.UTC));
        }, d -> 0L);
    }

    static void bindSprint(PreparedStatement ps, SprintStats s) throws SQLException {
        int i = 1;
        ps.setBoolean(i++, s.deleted());
        ps.setObject(i++, UUID.fromString(s.sprintId()));
        ps.setObject(i++, UUID.fromString(s.sprintId()));
        ps.setObject(i++, uuid(s.tenantId()));
        ps.setObject(i++, uuid(s.instanceId()));
        ps.setString(i++, s.projectKey());
        ps.setString(i++, s.sprintName() == null ? "" : s.sprintName());
        ps.setString(i++, s.state() == null ? "" : s.state());
        ps.setObject(i++, micros(s.startDate()));
        ps.setObject(i++, micros(s.endDate()));
        ps.setObject(i++, micros(s.completeDate()));
        setDouble(ps, i++, s.plannedSp());
        setDouble(ps, i++, s.completedSp());
        setDouble(ps, i++, s.addedAfterStartSp());
        setDouble(ps, i++, s.removedSp());
        ps.setLong(i++, s.issueCount());
        ps.setLong(i++, s.bugCount());
        ps.setLong(i++, s.reopenedCount());
        setDouble(ps, i++, s.blockedHours());
        setDouble(ps, i++, s.spilloverRatio());
        setDouble(ps, i++, s.scopeChurnRatio());
        setDouble(ps, i++, s.accuracyAbs());
        ps.setObject(i++, millis(s.sourceTs()));
        ps.setBoolean(i, s.deleted());
    }

    static void bindIssue(PreparedStatement ps, IssueStats s) throws SQLException {
        int i = 1;
        ps.setBoolean(i++, s.deleted());
        ps.setObject(i++, UUID.fromString(s.issueId()));
        ps.setObject(i++, UUID.fromString(s.issueId()));
        ps.setObject(i++, uuid(s.tenantId()));
        ps.setObject(i++, uuid(s.instanceId()));
        ps.setObject(i++, uuid(s.projectId()));
        ps.setString(i++, s.issueKey() == null ? "" : s.issueKey());
        ps.setLong(i++, s.commentCount());
        ps.setObject(i++, micros(s.lastCommentAt()));
        ps.setObject(i++, micros(s.firstInProgressAt()));
        setDouble(ps, i++, s.leadTimeHours());
        setDouble(ps, i++, s.cycleTimeHours());
        ps.setLong(i++, s.reopenCount());
        ps.setDouble(i++, s.blockedHours());
        ps.setObject(i++, millis(s.sourceTs()));
        ps.setBoolean(i, s.deleted());
    }

    private static UUID uuid(String s) {
        return s == null ? null : UUID.fromString(s);
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    static OffsetDateTime micros(Long micros) {
        if (micros == null) {
            return null;
        }
        return OffsetDateTime.ofInstant(Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    static OffsetDateTime millis(long millis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }
}
