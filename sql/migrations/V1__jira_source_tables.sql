-- The Jira source tables, named exactly as shared/spec/jira-schema.md fixes them.
-- The pipeline reads them as change streams and never writes them.

CREATE TABLE tenants (
    id          uuid PRIMARY KEY,
    name        text NOT NULL,
    created_at  timestamptz DEFAULT now()
);

CREATE TABLE jira_instances (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants(id),
    name        text NOT NULL,
    base_url    text
);
CREATE INDEX idx_jira_instances_tenant ON jira_instances(tenant_id);

CREATE TABLE projects (
    id           uuid PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants(id),
    instance_id  uuid NOT NULL REFERENCES jira_instances(id),
    project_key  varchar(50) NOT NULL,
    name         text NOT NULL,
    UNIQUE (instance_id, project_key)
);
CREATE INDEX idx_projects_tenant ON projects(tenant_id);

CREATE TABLE issues (
    id               uuid PRIMARY KEY,
    tenant_id        uuid NOT NULL REFERENCES tenants(id),
    instance_id      uuid NOT NULL REFERENCES jira_instances(id),
    project_id       uuid NOT NULL REFERENCES projects(id),
    issue_key        varchar(50) NOT NULL,
    issue_type       varchar(50) NOT NULL,
    summary          text NOT NULL,
    description      text,
    status           varchar(50) NOT NULL,
    status_category  varchar(20) NOT NULL,
    priority         varchar(20),
    assignee         varchar(100),
    reporter         varchar(100),
    story_points     double precision,
    labels           text[] NOT NULL DEFAULT '{}',
    jira_created_at  timestamptz NOT NULL,
    jira_updated_at  timestamptz,
    resolved_at      timestamptz,
    UNIQUE (instance_id, issue_key)
);
CREATE INDEX idx_issues_tenant ON issues(tenant_id);
CREATE INDEX idx_issues_project ON issues(project_id);

-- As the seed plan's table, plus project_id (the project of the sprint's board).
CREATE TABLE sprints (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id      uuid NOT NULL REFERENCES tenants(id),
    instance_id    uuid NOT NULL REFERENCES jira_instances(id),
    sprint_id      varchar(50) NOT NULL,
    board_id       varchar(50) NOT NULL,
    name           varchar(255) NOT NULL,
    state          varchar(20) NOT NULL CHECK (state IN ('future', 'active', 'closed')),
    goal           text,
    start_date     timestamptz,
    end_date       timestamptz,
    complete_date  timestamptz,
    created_at     timestamptz DEFAULT now(),
    updated_at     timestamptz DEFAULT now(),
    project_id     uuid REFERENCES projects(id),
    UNIQUE (instance_id, sprint_id)
);
CREATE INDEX idx_sprints_tenant_instance ON sprints(tenant_id, instance_id);
CREATE INDEX idx_sprints_state ON sprints(state);
CREATE INDEX idx_sprints_dates ON sprints(start_date, end_date);
CREATE INDEX idx_sprints_project ON sprints(project_id);

-- As the seed plan's table, plus tenant_id.
CREATE TABLE sprint_issues (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id     uuid NOT NULL REFERENCES tenants(id),
    sprint_id     uuid NOT NULL REFERENCES sprints(id) ON DELETE CASCADE,
    issue_id      uuid NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
    added_at      timestamptz NOT NULL,
    removed_at    timestamptz,
    story_points  double precision,
    completed     boolean DEFAULT false,
    UNIQUE (sprint_id, issue_id)
);
CREATE INDEX idx_sprint_issues_sprint ON sprint_issues(sprint_id);
CREATE INDEX idx_sprint_issues_issue ON sprint_issues(issue_id);

CREATE TABLE comments (
    id               uuid PRIMARY KEY,
    tenant_id        uuid NOT NULL REFERENCES tenants(id),
    instance_id      uuid NOT NULL REFERENCES jira_instances(id),
    issue_id         uuid NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
    author           varchar(100),
    body             text,
    jira_created_at  timestamptz NOT NULL,
    jira_updated_at  timestamptz
);
CREATE INDEX idx_comments_issue ON comments(issue_id);

CREATE TABLE changelogs (
    id               uuid PRIMARY KEY,
    tenant_id        uuid NOT NULL REFERENCES tenants(id),
    instance_id      uuid NOT NULL REFERENCES jira_instances(id),
    issue_id         uuid NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
    author           varchar(100),
    items            jsonb NOT NULL,
    jira_created_at  timestamptz NOT NULL
);
CREATE INDEX idx_changelogs_issue ON changelogs(issue_id);

-- Updates and deletes must carry every column: without FULL, updates arrive with no "before" image,
-- deletes carry placeholders, and unchanged TOASTed values (descriptions, bodies) arrive as placeholders.
ALTER TABLE projects      REPLICA IDENTITY FULL;
ALTER TABLE issues        REPLICA IDENTITY FULL;
ALTER TABLE sprints       REPLICA IDENTITY FULL;
ALTER TABLE sprint_issues REPLICA IDENTITY FULL;
ALTER TABLE comments      REPLICA IDENTITY FULL;
ALTER TABLE changelogs    REPLICA IDENTITY FULL;

-- Created here rather than by Debezium: its 'all_tables' mode needs a superuser and 'filtered' fails.
CREATE PUBLICATION spiral_pub FOR TABLE projects, issues, sprints, sprint_issues, comments, changelogs;
