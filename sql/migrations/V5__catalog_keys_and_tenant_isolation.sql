-- Issue 3: the metrics catalog, API keys, the API's role with row-level security, and change
-- notifications that let the API drop cached answers when a tenant's data changes.

-- The seed plan's metrics_catalog, keyed by (name, version) so that old versions are kept.
CREATE TABLE metrics_catalog (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name          varchar(100) NOT NULL,
    display_name  varchar(255) NOT NULL,
    description   text NOT NULL,
    category      varchar(50) NOT NULL,
    unit          varchar(50) NOT NULL,
    sql_template  text NOT NULL,
    dependencies  jsonb NOT NULL DEFAULT '[]',
    weights       jsonb NOT NULL DEFAULT '{}',
    dimensions    jsonb NOT NULL DEFAULT '[]',
    synonyms      jsonb NOT NULL DEFAULT '[]',
    definition    jsonb NOT NULL,
    checksum      varchar(64) NOT NULL,
    version       varchar(20) NOT NULL DEFAULT '1.0.0',
    deprecated    boolean NOT NULL DEFAULT false,
    tested        boolean NOT NULL DEFAULT false,
    is_current    boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (name, version)
);
CREATE INDEX idx_metrics_catalog_category ON metrics_catalog(category);
CREATE INDEX idx_metrics_catalog_deprecated ON metrics_catalog(deprecated);
CREATE UNIQUE INDEX idx_metrics_catalog_current ON metrics_catalog(name) WHERE is_current;

-- API keys: only a SHA-256 of the key is stored (keys are 256 random bits, so a slow hash adds nothing).
CREATE TABLE api_keys (
    id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id              uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    user_id                varchar(100) NOT NULL,
    name                   varchar(100),
    key_prefix             varchar(16) NOT NULL,
    key_hash               bytea NOT NULL UNIQUE,
    rate_limit_per_minute  integer NOT NULL DEFAULT 600 CHECK (rate_limit_per_minute > 0),
    created_at             timestamptz NOT NULL DEFAULT now(),
    revoked_at             timestamptz
);
CREATE INDEX idx_api_keys_tenant ON api_keys(tenant_id);

-- The API's role: not a superuser, not the tables' owner, so row-level security applies to it.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'spiral_api') THEN
        CREATE ROLE spiral_api LOGIN;
    END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO spiral_api;
GRANT SELECT ON sprint_stats, issue_stats, issues, projects, sprints, jira_instances, tenants, metrics_catalog
    TO spiral_api;
GRANT SELECT ON api_keys TO spiral_api;

-- Rows of a tenant are visible only inside a transaction that set spiral.tenant_id to it.
CREATE FUNCTION spiral_current_tenant() RETURNS uuid LANGUAGE sql STABLE AS $$
    SELECT nullif(current_setting('spiral.tenant_id', true), '')::uuid
$$;
ALTER TABLE sprint_stats ENABLE ROW LEVEL SECURITY;
ALTER TABLE issue_stats ENABLE ROW LEVEL SECURITY;
ALTER TABLE issues ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE sprints ENABLE ROW LEVEL SECURITY;
ALTER TABLE jira_instances ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON sprint_stats TO spiral_api USING (tenant_id = spiral_current_tenant());
CREATE POLICY tenant_rows ON issue_stats TO spiral_api USING (tenant_id = spiral_current_tenant());
CREATE POLICY tenant_rows ON issues TO spiral_api USING (tenant_id = spiral_current_tenant());
CREATE POLICY tenant_rows ON projects TO spiral_api USING (tenant_id = spiral_current_tenant());
CREATE POLICY tenant_rows ON sprints TO spiral_api USING (tenant_id = spiral_current_tenant());
CREATE POLICY tenant_rows ON jira_instances TO spiral_api USING (tenant_id = spiral_current_tenant());

-- Change notifications: after any write to a table the API reads, one notification per changed tenant on
-- channel spiral_data_changed, delivered at commit (pg_notify folds repeats within a transaction).
CREATE FUNCTION spiral_notify_tenants() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('spiral_data_changed', t.tenant_id::text)
    FROM (SELECT DISTINCT tenant_id FROM changed_rows) t;
    RETURN NULL;
END
$$;
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['sprint_stats', 'issue_stats', 'issues', 'projects', 'sprints', 'jira_instances'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION spiral_notify_tenants()', t || '_notify_insert', t);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION spiral_notify_tenants()', t || '_notify_update', t);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION spiral_notify_tenants()', t || '_notify_delete', t);
    END LOOP;
END
$$;

-- The API's queries filter the maintained tables by tenant and read these columns.
CREATE INDEX idx_sprint_stats_tenant_end ON sprint_stats(tenant_id, (coalesce(complete_date, end_date, start_date)));
