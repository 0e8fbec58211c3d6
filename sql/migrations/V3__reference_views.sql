-- The batch reference: every figure the pipeline maintains, computed from the source tables exactly as
-- shared/spec/metrics.md defines it. These views are the definition; sprint_stats and issue_stats
-- must equal them once the stream has caught up (checked by `./spiral verify`).

-- Every status or Flagged item of every changelog, with the issue's blocked state right after it.
-- Items are ordered by jira_created_at, then changelog id, then position in `items`.
-- status_grp / flag_grp number the status and Flagged items seen so far, so each row can see the
-- latest item of either kind; before the first item of a kind its part of the state is "not blocked".
CREATE VIEW ref_blocking_states AS
WITH items AS (
    SELECT cl.issue_id,
           cl.jira_created_at AS at,
           cl.id AS changelog_id,
           it.ord,
           it.item ->> 'field' AS field,
           it.item ->> 'toString' AS to_string
    FROM changelogs cl
    CROSS JOIN LATERAL jsonb_array_elements(
        CASE WHEN jsonb_typeof(cl.items) = 'array' THEN cl.items ELSE '[]'::jsonb END
    ) WITH ORDINALITY AS it(item, ord)
    WHERE it.item ->> 'field' IN ('status', 'Flagged')
), numbered AS (
    SELECT items.*,
           count(*) FILTER (WHERE field = 'status')  OVER w AS status_grp,
           count(*) FILTER (WHERE field = 'Flagged') OVER w AS flag_grp,
           lead(at) OVER w AS next_at
    FROM items
    WINDOW w AS (PARTITION BY issue_id ORDER BY at, changelog_id, ord)
)
SELECT issue_id, at, changelog_id, ord, next_at,
       coalesce(bool_or(field = 'status' AND to_string = 'Blocked')
                    OVER (PARTITION BY issue_id, status_grp), false)
    OR coalesce(bool_or(field = 'Flagged' AND to_string = 'Impediment')
                    OVER (PARTITION BY issue_id, flag_grp), false) AS blocked
FROM numbered;

-- Stretches during which an issue was blocked: runs of consecutive blocked states merged into one, so that
-- "still open" means the whole ongoing stretch. blocked_until is null while the stretch is still open.
CREATE VIEW ref_blocked_intervals AS
WITH marked AS (
    SELECT bs.*,
           blocked AND NOT coalesce(lag(blocked) OVER w, false) AS starts_stretch
    FROM ref_blocking_states bs
    WINDOW w AS (PARTITION BY issue_id ORDER BY at, changelog_id, ord)
), numbered AS (
    SELECT marked.*,
           count(*) FILTER (WHERE starts_stretch) OVER w AS stretch
    FROM marked
    WINDOW w AS (PARTITION BY issue_id ORDER BY at, changelog_id, ord)
)
SELECT issue_id,
       min(at) AS blocked_from,
       (array_agg(next_at ORDER BY at DESC, changelog_id DESC, ord DESC))[1] AS blocked_until
FROM numbered
WHERE blocked
GROUP BY issue_id, stretch;

-- Seconds of [blocked_from, blocked_until) inside [w_start, w_end]; an open stretch runs to w_end.
CREATE FUNCTION spiral_overlap_seconds(blocked_from timestamptz, blocked_until timestamptz,
                                       w_start timestamptz, w_end timestamptz)
RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
    SELECT greatest(0::numeric,
                    extract(epoch FROM least(coalesce(blocked_until, w_end), w_end))
                  - extract(epoch FROM greatest(blocked_from, w_start)))
$$;

CREATE VIEW ref_issue_stats AS
WITH comment_agg AS (
    SELECT issue_id, count(*) AS comment_count, max(jira_created_at) AS last_comment_at
    FROM comments GROUP BY issue_id
), progress AS (
    SELECT issue_id, min(jira_created_at) AS first_in_progress_at
    FROM changelogs
    WHERE items @> '[{"field": "status", "toString": "In Progress"}]'
       OR items @> '[{"field": "status", "toString": "In Review"}]'
    GROUP BY issue_id
), reopens AS (
    SELECT cl.issue_id, count(*) AS reopen_count
    FROM changelogs cl
    CROSS JOIN LATERAL jsonb_array_elements(
        CASE WHEN jsonb_typeof(cl.items) = 'array' THEN cl.items ELSE '[]'::jsonb END) AS it(item)
    WHERE it.item ->> 'field' = 'status' AND it.item ->> 'toString' = 'Reopened'
    GROUP BY cl.issue_id
), blocked AS (
    -- over the issue's whole life up to resolved_at; open stretches of unresolved issues do not count
    SELECT bi.issue_id,
           sum(spiral_overlap_seconds(bi.blocked_from, bi.blocked_until, '-infinity', i.resolved_at))
               AS blocked_seconds
    FROM ref_blocked_intervals bi
    JOIN issues i ON i.id = bi.issue_id
    WHERE i.resolved_at IS NOT NULL OR bi.blocked_until IS NOT NULL
    GROUP BY bi.issue_id
)
SELECT i.id AS issue_id,
       i.tenant_id,
       i.instance_id,
       i.project_id,
       i.issue_key,
       coalesce(ca.comment_count, 0) AS comment_count,
       ca.last_comment_at,
       pr.first_in_progress_at,
       ((extract(epoch FROM i.resolved_at) - extract(epoch FROM i.jira_created_at)) / 3600)::double precision
           AS lead_time_hours,
       ((extract(epoch FROM i.resolved_at) - extract(epoch FROM pr.first_in_progress_at)) / 3600)::double precision
           AS cycle_time_hours,
       coalesce(ro.reopen_count, 0) AS reopen_count,
       (coalesce(bl.blocked_seconds, 0) / 3600)::double precision AS blocked_hours
FROM issues i
LEFT JOIN comment_agg ca ON ca.issue_id = i.id
LEFT JOIN progress pr ON pr.issue_id = i.id
LEFT JOIN reopens ro ON ro.issue_id = i.id
LEFT JOIN blocked bl ON bl.issue_id = i.id;

CREATE VIEW ref_sprint_stats AS
WITH reopened_issues AS (
    SELECT DISTINCT issue_id FROM changelogs
    WHERE items @> '[{"field": "status", "toString": "Reopened"}]'
), member AS (
    SELECT si.*,
           i.issue_type,
           (ro.issue_id IS NOT NULL) AS reopened,
           -- hours blocked inside the sprint window; 0 when the window has no start or no end
           coalesce((SELECT sum(spiral_overlap_seconds(bi.blocked_from, bi.blocked_until,
                                                        s.start_date, coalesce(s.complete_date, s.end_date)))
                     FROM ref_blocked_intervals bi
                     WHERE bi.issue_id = si.issue_id
                       AND s.start_date IS NOT NULL
                       AND coalesce(s.complete_date, s.end_date) IS NOT NULL), 0) AS blocked_seconds
    FROM sprint_issues si
    JOIN sprints s ON s.id = si.sprint_id
    JOIN issues i ON i.id = si.issue_id
    LEFT JOIN reopened_issues ro ON ro.issue_id = si.issue_id
), sums AS (
    SELECT s.id AS sprint_id,
           s.tenant_id,
           s.instance_id,
           p.project_key,
           s.name AS sprint_name,
           s.state,
           s.start_date,
           s.end_date,
           s.complete_date,
           sum(m.story_points) FILTER (WHERE m.added_at <= s.start_date) AS planned_sp,
           sum(m.story_points) FILTER (WHERE m.completed) AS completed_sp,
           sum(m.story_points) FILTER (WHERE m.added_at > s.start_date) AS added_after_start_sp,
           sum(m.story_points) FILTER (WHERE m.removed_at IS NOT NULL) AS removed_sp,
           count(m.id) AS issue_count,
           count(m.id) FILTER (WHERE m.issue_type = 'Bug') AS bug_count,
           count(m.id) FILTER (WHERE m.reopened) AS reopened_count,
           (sum(m.blocked_seconds) / 3600)::double precision AS blocked_hours
    FROM sprints s
    LEFT JOIN projects p ON p.id = s.project_id
    LEFT JOIN member m ON m.sprint_id = s.id
    GROUP BY s.id, p.project_key
)
SELECT sums.*,
       removed_sp / nullif(planned_sp, 0) AS spillover_ratio,
       added_after_start_sp / nullif(planned_sp, 0) AS scope_churn_ratio,
       abs(completed_sp - planned_sp) / nullif(planned_sp, 0) AS accuracy_abs
FROM sums;

-- Equality of two computed doubles up to rounding (sums taken in another order differ in the last bits).
CREATE FUNCTION spiral_approx_eq(a double precision, b double precision)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT (a IS NULL AND b IS NULL)
        OR (a IS NOT NULL AND b IS NOT NULL AND abs(a - b) <= 1e-9 * greatest(1, abs(a), abs(b)))
$$;

-- Rows where the maintained tables and the reference disagree, naming the columns that differ.
CREATE VIEW verify_sprint_stats_diff AS
SELECT coalesce(m.sprint_id, r.sprint_id) AS sprint_id,
       CASE WHEN m.sprint_id IS NULL THEN 'missing in sprint_stats'
            WHEN r.sprint_id IS NULL THEN 'extra in sprint_stats'
            ELSE concat_ws(', ',
                CASE WHEN m.tenant_id IS DISTINCT FROM r.tenant_id THEN 'tenant_id' END,
                CASE WHEN m.instance_id IS DISTINCT FROM r.instance_id THEN 'instance_id' END,
                CASE WHEN m.project_key IS DISTINCT FROM r.project_key THEN 'project_key' END,
                CASE WHEN m.sprint_name IS DISTINCT FROM r.sprint_name THEN 'sprint_name' END,
                CASE WHEN m.state IS DISTINCT FROM r.state THEN 'state' END,
                CASE WHEN m.start_date IS DISTINCT FROM r.start_date THEN 'start_date' END,
                CASE WHEN m.end_date IS DISTINCT FROM r.end_date THEN 'end_date' END,
                CASE WHEN m.complete_date IS DISTINCT FROM r.complete_date THEN 'complete_date' END,
                CASE WHEN NOT spiral_approx_eq(m.planned_sp, r.planned_sp) THEN 'planned_sp' END,
                CASE WHEN NOT spiral_approx_eq(m.completed_sp, r.completed_sp) THEN 'completed_sp' END,
                CASE WHEN NOT spiral_approx_eq(m.added_after_start_sp, r.added_after_start_sp) THEN 'added_after_start_sp' END,
                CASE WHEN NOT spiral_approx_eq(m.removed_sp, r.removed_sp) THEN 'removed_sp' END,
                CASE WHEN m.issue_count IS DISTINCT FROM r.issue_count THEN 'issue_count' END,
                CASE WHEN m.bug_count IS DISTINCT FROM r.bug_count THEN 'bug_count' END,
                CASE WHEN m.reopened_count IS DISTINCT FROM r.reopened_count THEN 'reopened_count' END,
                CASE WHEN NOT spiral_approx_eq(m.blocked_hours, r.blocked_hours) THEN 'blocked_hours' END,
                CASE WHEN NOT spiral_approx_eq(m.spillover_ratio, r.spillover_ratio) THEN 'spillover_ratio' END,
                CASE WHEN NOT spiral_approx_eq(m.scope_churn_ratio, r.scope_churn_ratio) THEN 'scope_churn_ratio' END,
                CASE WHEN NOT spiral_approx_eq(m.accuracy_abs, r.accuracy_abs) THEN 'accuracy_abs' END)
       END AS differs
FROM sprint_stats m
FULL JOIN ref_sprint_stats r ON r.sprint_id = m.sprint_id
WHERE m.sprint_id IS NULL OR r.sprint_id IS NULL
   OR m.tenant_id IS DISTINCT FROM r.tenant_id
   OR m.instance_id IS DISTINCT FROM r.instance_id
   OR m.project_key IS DISTINCT FROM r.project_key
   OR m.sprint_name IS DISTINCT FROM r.sprint_name
   OR m.state IS DISTINCT FROM r.state
   OR m.start_date IS DISTINCT FROM r.start_date
   OR m.end_date IS DISTINCT FROM r.end_date
   OR m.complete_date IS DISTINCT FROM r.complete_date
   OR NOT spiral_approx_eq(m.planned_sp, r.planned_sp)
   OR NOT spiral_approx_eq(m.completed_sp, r.completed_sp)
   OR NOT spiral_approx_eq(m.added_after_start_sp, r.added_after_start_sp)
   OR NOT spiral_approx_eq(m.removed_sp, r.removed_sp)
   OR m.issue_count IS DISTINCT FROM r.issue_count
   OR m.bug_count IS DISTINCT FROM r.bug_count
   OR m.reopened_count IS DISTINCT FROM r.reopened_count
   OR NOT spiral_approx_eq(m.blocked_hours, r.blocked_hours)
   OR NOT spiral_approx_eq(m.spillover_ratio, r.spillover_ratio)
   OR NOT spiral_approx_eq(m.scope_churn_ratio, r.scope_churn_ratio)
   OR NOT spiral_approx_eq(m.accuracy_abs, r.accuracy_abs);

CREATE VIEW verify_issue_stats_diff AS
SELECT coalesce(m.issue_id, r.issue_id) AS issue_id,
       CASE WHEN m.issue_id IS NULL THEN 'missing in issue_stats'
            WHEN r.issue_id IS NULL THEN 'extra in issue_stats'
            ELSE concat_ws(', ',
                CASE WHEN m.tenant_id IS DISTINCT FROM r.tenant_id THEN 'tenant_id' END,
                CASE WHEN m.instance_id IS DISTINCT FROM r.instance_id THEN 'instance_id' END,
                CASE WHEN m.project_id IS DISTINCT FROM r.project_id THEN 'project_id' END,
                CASE WHEN m.issue_key IS DISTINCT FROM r.issue_key THEN 'issue_key' END,
                CASE WHEN m.comment_count IS DISTINCT FROM r.comment_count THEN 'comment_count' END,
                CASE WHEN m.last_comment_at IS DISTINCT FROM r.last_comment_at THEN 'last_comment_at' END,
                CASE WHEN m.first_in_progress_at IS DISTINCT FROM r.first_in_progress_at THEN 'first_in_progress_at' END,
                CASE WHEN NOT spiral_approx_eq(m.lead_time_hours, r.lead_time_hours) THEN 'lead_time_hours' END,
                CASE WHEN NOT spiral_approx_eq(m.cycle_time_hours, r.cycle_time_hours) THEN 'cycle_time_hours' END,
                CASE WHEN m.reopen_count IS DISTINCT FROM r.reopen_count THEN 'reopen_count' END,
                CASE WHEN NOT spiral_approx_eq(m.blocked_hours, r.blocked_hours) THEN 'blocked_hours' END)
       END AS differs
FROM issue_stats m
FULL JOIN ref_issue_stats r ON r.issue_id = m.issue_id
WHERE m.issue_id IS NULL OR r.issue_id IS NULL
   OR m.tenant_id IS DISTINCT FROM r.tenant_id
   OR m.instance_id IS DISTINCT FROM r.instance_id
   OR m.project_id IS DISTINCT FROM r.project_id
   OR m.issue_key IS DISTINCT FROM r.issue_key
   OR m.comment_count IS DISTINCT FROM r.comment_count
   OR m.last_comment_at IS DISTINCT FROM r.last_comment_at
   OR m.first_in_progress_at IS DISTINCT FROM r.first_in_progress_at
   OR NOT spiral_approx_eq(m.lead_time_hours, r.lead_time_hours)
   OR NOT spiral_approx_eq(m.cycle_time_hours, r.cycle_time_hours)
   OR m.reopen_count IS DISTINCT FROM r.reopen_count
   OR NOT spiral_approx_eq(m.blocked_hours, r.blocked_hours);
