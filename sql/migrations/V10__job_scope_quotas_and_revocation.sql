-- Issue 13: who sees which jobs, events for job streams, and key revocation that takes effect at once.

-- An admin key sees and cancels every job of its tenant; any other key only its user's own.
ALTER TABLE api_keys ADD COLUMN admin boolean NOT NULL DEFAULT false;

-- Identical live submissions meet per user now that jobs are private to their user.
DROP INDEX idx_analytics_jobs_live;
CREATE UNIQUE INDEX idx_analytics_jobs_live ON analytics_jobs(tenant_id, user_id, spec_hash) WHERE status IN ('queued', 'running');
-- quotas and fair claiming count a tenant's live jobs
CREATE INDEX idx_analytics_jobs_tenant_live ON analytics_jobs(tenant_id, status) WHERE status IN ('queued', 'running');

DROP POLICY tenant_rows ON analytics_jobs;
CREATE POLICY caller_rows ON analytics_jobs TO spiral_api
    USING (tenant_id = spiral_current_tenant()
           AND (user_id = current_setting('spiral.user_id', true) OR current_setting('spiral.job_scope', true) = 'tenant'))
    WITH CHECK (tenant_id = spiral_current_tenant()
                AND (user_id = current_setting('spiral.user_id', true) OR current_setting('spiral.job_scope', true) = 'tenant'));

-- The quota counts every user's live jobs of the caller's tenant, which row-level security hides from the
-- API role: a definer function answers that one number and nothing else.
CREATE FUNCTION spiral_tenant_live_jobs() RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT count(*) FROM analytics_jobs WHERE tenant_id = spiral_current_tenant() AND status IN ('queued', 'running')
$$;
REVOKE ALL ON FUNCTION spiral_tenant_live_jobs() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION spiral_tenant_live_jobs() TO spiral_api;

-- Job streams wake on this (payload: the job's id) instead of polling the table.
CREATE FUNCTION spiral_job_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('spiral_job_changed', NEW.id::text);
    RETURN NULL;
END
$$;
CREATE TRIGGER analytics_jobs_changed AFTER INSERT OR UPDATE OF status, progress ON analytics_jobs
    FOR EACH ROW EXECUTE FUNCTION spiral_job_changed();

-- Every API instance forgets a revoked key the moment the revocation commits (payload: the key's hash, hex).
CREATE FUNCTION spiral_key_revoked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.revoked_at IS NOT NULL AND OLD.revoked_at IS NULL THEN
        PERFORM pg_notify('spiral_key_revoked', encode(NEW.key_hash, 'hex'));
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER api_keys_revoked AFTER UPDATE OF revoked_at ON api_keys
    FOR EACH ROW EXECUTE FUNCTION spiral_key_revoked();
