-- The figures the pipeline maintains (shared/spec/metrics.md, "Where they are kept").
-- source_ts: commit time of the newest source change the row reflects; refreshed_at: when it was written.

CREATE TABLE sprint_stats (
    sprint_id             uuid PRIMARY KEY,
    tenant_id             uuid NOT NULL,
    instance_id           uuid NOT NULL,
    project_key           varchar(50),
    sprint_name           varchar(255) NOT NULL,
    state                 varchar(20) NOT NULL,
    start_date            timestamptz,
    end_date              timestamptz,
    complete_date         timestamptz,
    planned_sp            double precision,
    completed_sp          double precision,
    added_after_start_sp  double precision,
    removed_sp            double precision,
    issue_count           bigint NOT NULL,
    bug_count             bigint NOT NULL,
    reopened_count        bigint NOT NULL,
    blocked_hours         double precision,
    spillover_ratio       double precision,
    scope_churn_ratio     double precision,
    accuracy_abs          double precision,
    source_ts             timestamptz NOT NULL,
    refreshed_at          timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX idx_sprint_stats_tenant ON sprint_stats(tenant_id);
CREATE INDEX idx_sprint_stats_tenant_project ON sprint_stats(tenant_id, project_key);

CREATE TABLE issue_stats (
    issue_id              uuid PRIMARY KEY,
    tenant_id             uuid NOT NULL,
    instance_id           uuid NOT NULL,
    project_id            uuid NOT NULL,
    issue_key             varchar(50) NOT NULL,
    comment_count         bigint NOT NULL,
    last_comment_at       timestamptz,
    first_in_progress_at  timestamptz,
    lead_time_hours       double precision,
    cycle_time_hours      double precision,
    reopen_count          bigint NOT NULL,
    blocked_hours         double precision NOT NULL,
    source_ts             timestamptz NOT NULL,
    refreshed_at          timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX idx_issue_stats_tenant ON issue_stats(tenant_id);
CREATE INDEX idx_issue_stats_project ON issue_stats(project_id);
