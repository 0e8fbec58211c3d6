-- Issue 5: analytics jobs (the seed plan's analytics_jobs, plus what a durable queue needs). The queue is this
-- table: workers claim with FOR UPDATE SKIP LOCKED, so jobs survive API restarts with no other moving part.
CREATE TABLE analytics_jobs (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id         uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    user_id           varchar(100) NOT NULL,
    spec              jsonb NOT NULL,
    spec_hash         varchar(64) NOT NULL,
    question          text,
    status            varchar(20) NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
    progress          double precision NOT NULL DEFAULT 0,
    result            jsonb,
    row_count         integer,
    error             text,
    query_time_ms     integer,
    attempts          integer NOT NULL DEFAULT 0,
    worker            varchar(100),
    backend_pid       integer,
    heartbeat_at      timestamptz,
    cancel_requested  boolean NOT NULL DEFAULT false,
    created_at        timestamptz NOT NULL DEFAULT now(),
    started_at        timestamptz,
    completed_at      timestamptz
);
CREATE INDEX idx_analytics_jobs_tenant_user ON analytics_jobs(tenant_id, user_id);
CREATE INDEX idx_analytics_jobs_status ON analytics_jobs(status);
CREATE INDEX idx_analytics_jobs_spec_hash ON analytics_jobs(spec_hash);
CREATE INDEX idx_analytics_jobs_created ON analytics_jobs(created_at DESC);
-- one live job per tenant and spec: concurrent identical submissions meet here
CREATE UNIQUE INDEX idx_analytics_jobs_live ON analytics_jobs(tenant_id, spec_hash) WHERE status IN ('queued', 'running');

-- The API role submits, reads and cancels its tenant's jobs; workers claim across tenants as the owner.
GRANT SELECT, INSERT ON analytics_jobs TO spiral_api;
GRANT UPDATE (cancel_requested) ON analytics_jobs TO spiral_api;
ALTER TABLE analytics_jobs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON analytics_jobs TO spiral_api
    USING (tenant_id = spiral_current_tenant()) WITH CHECK (tenant_id = spiral_current_tenant());
