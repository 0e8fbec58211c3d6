package com.digitalspiral.store.demo;

import com.digitalspiral.store.DbConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Live Jira activity: one random change of a random kind per call, each in its own transaction. Every
 * kind of change the pipeline must handle is here, from status transitions to cascaded deletes and
 * changelog entries that arrive out of time order. Seeded, so a test can replay the same activity.
 */
public final class ChangeMaker implements AutoCloseable {

    /** The kinds of change, with how often each happens relative to the others. */
    public enum Kind {
        TRANSITION(250), FLAG(40), COMMENT_ADD(100), COMMENT_EDIT(30), COMMENT_DELETE(30),
        REESTIMATE(80), SCOPE_ADD(50), SCOPE_REMOVE(40), SCOPE_DELETE(20), SCOPE_MOVE_SPRINT(20), SCOPE_MOVE_ISSUE(10),
        COMPLETE_TOGGLE(30), CHANGELOG_BACKDATED(30), CHANGELOG_DELETE(20), CHANGELOG_EDIT(10),
        ISSUE_CREATE(50), ISSUE_DELETE(15), ISSUE_RETYPE(20), ISSUE_RESOLVE_EDIT(10),
        SPRINT_START(4), SPRINT_CLOSE(4), SPRINT_RENAME(8), SPRINT_REDATE(8), SPRINT_MOVE_PROJECT(4),
        SPRINT_CREATE(6), SPRINT_DELETE(2), PROJECT_RENAME(3);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    /** Integrity violations (23…) and deadlocks or serialization failures (40…) between simulators. */
    private static boolean isConflict(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("23") || state.startsWith("40"));
    }

    private final Connection c;
    private final DemoRandom rnd;
    private final IdPool issues;
    private final IdPool sprints;
    private final IdPool sprintIssues;
    private final IdPool comments;
    private final IdPool changelogs;
    private final IdPool projects;
    private final Map<Kind, Long> made = new EnumMap<>(Kind.class);
    private final int totalWeight;
    private long counter;

    /** The ids of every table a change picks its targets from; one set can serve several makers. */
    public static final class Pools {
        final IdPool issues;
        final IdPool sprints;
        final IdPool sprintIssues;
        final IdPool comments;
        final IdPool changelogs;
        final IdPool projects;

        private Pools(Connection c) throws SQLException {
            issues = IdPool.load(c, "issues");
            sprints = IdPool.load(c, "sprints");
            sprintIssues = IdPool.load(c, "sprint_issues");
            comments = IdPool.load(c, "comments");
            changelogs = IdPool.load(c, "changelogs");
            projects = IdPool.load(c, "projects");
        }

        public static Pools load(DbConfig config) throws SQLException {
            try (Connection c = config.connect()) {
                Pools pools = new Pools(c);
                if (pools.projects.isEmpty()) {
                    throw new IllegalStateException("there is no Jira data to change: run `./spiral generate` first");
                }
                return pools;
            }
        }
    }

    public ChangeMaker(DbConfig config, long seed) throws SQLException {
        this(config, seed, Pools.load(config));
    }

    public ChangeMaker(DbConfig config, long seed, Pools pools) throws SQLException {
        this.c = config.connect();
        try (var st = c.createStatement()) {
            // simulated activity needs no durability; without the flush per commit one connection does ~1,000/s
            st.execute("SET synchronous_commit = off");
        }
        this.rnd = new DemoRandom(seed);
        this.issues = pools.issues;
        this.sprints = pools.sprints;
        this.sprintIssues = pools.sprintIssues;
        this.comments = pools.comments;
        this.changelogs = pools.changelogs;
        this.projects = pools.projects;
        int w = 0;
        for (Kind k : Kind.values()) {
            w += k.weight;
        }
        this.totalWeight = w;
        c.setAutoCommit(false);
    }

    /** Makes one change of a random kind; returns the kind actually made (a kind with no target falls back). */
    public Kind next() throws SQLException {
        int x = rnd.nextInt(totalWeight);
        Kind kind = Kind.TRANSITION;
        for (Kind k : Kind.values()) {
            x -= k.weight;
            if (x < 0) {
                kind = k;
                break;
            }
        }
        try {
            if (!make(kind)) {
                kind = Kind.ISSUE_CREATE;
                make(kind);
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            if (!isConflict(e)) {
                throw e;
            }
            // a rename or move that would break a unique key, or a row another simulator just deleted:
            // make a plain change instead
            kind = Kind.COMMENT_ADD;
            try {
                make(kind);
                c.commit();
            } catch (SQLException again) {
                c.rollback();
                if (!isConflict(again)) {
                    throw again;
                }
            }
        }
        made.merge(kind, 1L, Long::sum);
        return kind;
    }

    public Map<Kind, Long> made() {
        return Map.copyOf(made);
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }

    private boolean make(Kind kind) throws SQLException {
        return switch (kind) {
            case TRANSITION -> transition();
            case FLAG -> flag();
            case COMMENT_ADD -> commentAdd();
            case COMMENT_EDIT -> !comments.isEmpty() && editComment();
            case COMMENT_DELETE -> deleteFrom(comments, "comments");
            case REESTIMATE -> reestimate();
            case SCOPE_ADD -> scopeAdd();
            case SCOPE_REMOVE -> !sprintIssues.isEmpty() && update("UPDATE sprint_issues SET removed_at = now() WHERE id = ? AND removed_at IS NULL", sprintIssues.pick(rnd));
            case SCOPE_DELETE -> deleteFrom(sprintIssues, "sprint_issues");
            case SCOPE_MOVE_SPRINT -> scopeMoveSprint();
            case SCOPE_MOVE_ISSUE -> scopeMoveIssue();
            case COMPLETE_TOGGLE -> !sprintIssues.isEmpty() && update("UPDATE sprint_issues SET completed = NOT coalesce(completed, false) WHERE id = ?", sprintIssues.pick(rnd));
            case CHANGELOG_BACKDATED -> changelogBackdated();
            case CHANGELOG_DELETE -> deleteFrom(changelogs, "changelogs");
            case CHANGELOG_EDIT -> changelogEdit();
            case ISSUE_CREATE -> issueCreate();
            case ISSUE_DELETE -> issueDelete();
            case ISSUE_RETYPE -> !issues.isEmpty() && update("UPDATE issues SET issue_type = CASE WHEN issue_type = 'Bug' THEN 'Story' ELSE 'Bug' END, jira_updated_at = now() WHERE id = ?", issues.pick(rnd));
            case ISSUE_RESOLVE_EDIT -> !issues.isEmpty() && update("UPDATE issues SET resolved_at = CASE WHEN resolved_at IS NULL THEN now() - interval '3 hours' ELSE NULL END, jira_created_at = jira_created_at - interval '1 day' WHERE id = ?", issues.pick(rnd));
            case SPRINT_START -> update("UPDATE sprints SET state = 'active', start_date = now(), end_date = now() + interval '14 days', updated_at = now() WHERE id = (SELECT id FROM sprints WHERE state = 'future' ORDER BY id LIMIT 1 OFFSET ?)", rnd.nextInt(3));
            case SPRINT_CLOSE -> sprintClose();
            case SPRINT_RENAME -> !sprints.isEmpty() && update("UPDATE sprints SET name = left(regexp_replace(name, ' \\(renamed \\d+\\)$', ''), 200) "
                    + "|| ' (renamed ' || ? || ')', updated_at = now() WHERE id = ?", Long.toString(counter++ % 1000), sprints.pick(rnd));
            case SPRINT_REDATE -> !sprints.isEmpty() && update("UPDATE sprints SET start_date = start_date + make_interval(hours => ?), end_date = end_date + interval '1 day', updated_at = now() WHERE id = ?", rnd.between(-72, 72), sprints.pick(rnd));
            case SPRINT_MOVE_PROJECT -> sprintMoveProject();
            case SPRINT_CREATE -> sprintCreate();
            case SPRINT_DELETE -> sprintDelete();
            // keys stay short: issue keys (varchar 50) are built from them
            case PROJECT_RENAME -> update("UPDATE projects SET project_key = left(regexp_replace(project_key, 'X\\d+$', ''), 12) || ? WHERE id = ?",
                    "X" + (counter++ % 100), projects.pick(rnd));
        };
    }

    private boolean transition() throws SQLException {
        if (issues.isEmpty()) {
            return false;
        }
        UUID id = issues.pick(rnd);
        String status = one("SELECT status FROM issues WHERE id = ?", id);
        if (status == null) {
            issues.remove(id); // deleted by another simulator
            return false;
        }
        List<String> next = Workflow.NEXT.getOrDefault(status, List.of("In Progress"));
        String to = rnd.pick(next);
        update("UPDATE issues SET status = ?, status_category = ?, jira_updated_at = now(), "
                + "resolved_at = CASE WHEN ? = 'Done' THEN now() ELSE NULL END WHERE id = ?",
                to, Workflow.category(to), to, id);
        insertChangelog(id, "[" + Workflow.statusItem(status, to) + "]", Instant.now());
        if ("Done".equals(to)) {
            update("UPDATE sprint_issues SET completed = true WHERE issue_id = ? AND sprint_id IN (SELECT id FROM sprints WHERE state = 'active')", id);
        }
        return true;
    }

    private boolean flag() throws SQLException {
        if (issues.isEmpty()) {
            return false;
        }
        insertChangelog(issues.pick(rnd), "[" + Workflow.flagItem(rnd.chance(0.5)) + "]", Instant.now());
        return true;
    }

    private boolean commentAdd() throws SQLException {
        if (issues.isEmpty()) {
            return false;
        }
        UUID issue = issues.pick(rnd);
        UUID id = rnd.uuid();
        update("INSERT INTO comments (id, tenant_id, instance_id, issue_id, author, body, jira_created_at) "
                + "SELECT ?, tenant_id, instance_id, id, 'simulator', ?, now() FROM issues WHERE id = ?", id, commentText(issue, 10), issue);
        comments.add(id);
        return true;
    }

    private boolean reestimate() throws SQLException {
        if (sprintIssues.isEmpty()) {
            return false;
        }
        UUID row = sprintIssues.pick(rnd);
        Double points = rnd.storyPoints();
        update("UPDATE sprint_issues SET story_points = ? WHERE id = ?", points, row);
        update("UPDATE issues SET story_points = ?, jira_updated_at = now() WHERE id = (SELECT issue_id FROM sprint_issues WHERE id = ?)", points, row);
        return true;
    }

    private boolean scopeAdd() throws SQLException {
        if (issues.isEmpty() || sprints.isEmpty()) {
            return false;
        }
        UUID issue = issues.pick(rnd);
        UUID sprint = sprints.pick(rnd);
        UUID id = rnd.uuid();
        int n = updateCount("INSERT INTO sprint_issues (id, tenant_id, sprint_id, issue_id, added_at, story_points, completed) "
                + "SELECT ?, i.tenant_id, ?, i.id, now(), i.story_points, false FROM issues i WHERE i.id = ? "
                + "ON CONFLICT (sprint_id, issue_id) DO NOTHING", id, sprint, issue);
        if (n == 1) {
            sprintIssues.add(id);
        }
        return true;
    }

    private boolean scopeMoveSprint() throws SQLException {
        if (sprintIssues.isEmpty() || sprints.isEmpty()) {
            return false;
        }
        UUID row = sprintIssues.pick(rnd);
        UUID sprint = sprints.pick(rnd);
        update("UPDATE sprint_issues si SET sprint_id = ? WHERE id = ? AND NOT EXISTS "
                + "(SELECT 1 FROM sprint_issues o WHERE o.sprint_id = ? AND o.issue_id = si.issue_id)", sprint, row, sprint);
        return true;
    }

    private boolean scopeMoveIssue() throws SQLException {
        if (sprintIssues.isEmpty() || issues.isEmpty()) {
            return false;
        }
        UUID row = sprintIssues.pick(rnd);
        UUID issue = issues.pick(rnd);
        update("UPDATE sprint_issues si SET issue_id = ? WHERE id = ? AND NOT EXISTS "
                + "(SELECT 1 FROM sprint_issues o WHERE o.sprint_id = si.sprint_id AND o.issue_id = ?)", issue, row, issue);
        return true;
    }

    private boolean changelogBackdated() throws SQLException {
        if (issues.isEmpty()) {
            return false;
        }
        Instant at = Instant.now().minus(rnd.between(1, 30 * 24), ChronoUnit.HOURS);
        String items = rnd.chance(0.5)
                ? "[" + Workflow.statusItem("In Progress", rnd.pick(List.of("Blocked", "In Progress", "Reopened", "In Review"))) + "]"
                : "[" + Workflow.flagItem(rnd.chance(0.6)) + ", " + Workflow.assigneeItem("alice", "bob") + "]";
        insertChangelog(issues.pick(rnd), items, at);
        return true;
    }

    private boolean changelogEdit() throws SQLException {
        if (changelogs.isEmpty()) {
            return false;
        }
        String items = "[" + Workflow.statusItem("To Do", rnd.pick(List.of("Blocked", "Reopened", "In Progress", "Done"))) + "]";
        update("UPDATE changelogs SET items = ?::jsonb, jira_created_at = jira_created_at - interval '2 hours' WHERE id = ?", items, changelogs.pick(rnd));
        return true;
    }

    private boolean editComment() throws SQLException {
        String body = commentText(null, 8);
        return update("UPDATE comments SET body = ?, jira_updated_at = now() WHERE id = ?", body, comments.pick(rnd));
    }

    /** A comment in words (the draws of the word list it replaced are kept, so a seed's run stays the same). */
    private String commentText(UUID issue, int words) {
        rnd.sentence(words);
        return DemoText.comment(issue != null ? issue : new UUID(counter, words), null, (int) (counter++ % 1_000));
    }

    private boolean issueCreate() throws SQLException {
        UUID project = projects.pick(rnd);
        UUID id = rnd.uuid();
        String type = rnd.issueType();
        rnd.skipSummary();
        DemoText.Written text = DemoText.write(id, type, null);
        update("INSERT INTO issues (id, tenant_id, instance_id, project_id, issue_key, issue_type, summary, description, status, "
                + "status_category, priority, assignee, reporter, story_points, jira_created_at, jira_updated_at) "
                + "SELECT ?, tenant_id, instance_id, id, left(project_key, 16) || '-S' || ?, ?, ?, ?, 'To Do', 'To Do', ?, ?, 'simulator', ?, "
                + "now(), now() FROM projects WHERE id = ?",
                id, Long.toString(System.nanoTime(), 36) + (counter++), type, text.summary(), text.description(),
                rnd.pick(DemoRandom.PRIORITIES),
                rnd.chance(0.2) ? null : "simulator", rnd.storyPoints(), project);
        issues.add(id);
        if (rnd.chance(0.5)) {
            UUID row = rnd.uuid();
            int n = updateCount("INSERT INTO sprint_issues (id, tenant_id, sprint_id, issue_id, added_at, story_points) "
                    + "SELECT ?, i.tenant_id, s.id, i.id, now(), i.story_points FROM issues i "
                    + "JOIN sprints s ON s.project_id = i.project_id AND s.state = 'active' WHERE i.id = ? LIMIT 1", row, id);
            if (n == 1) {
                sprintIssues.add(row);
            }
        }
        return true;
    }

    private boolean issueDelete() throws SQLException {
        if (issues.size() < 10) {
            return false;
        }
        UUID id = issues.pick(rnd);
        // the cascade takes comments, changelogs and sprint rows with it; forget them here as well
        forget(sprintIssues, "SELECT id FROM sprint_issues WHERE issue_id = ?", id);
        forget(comments, "SELECT id FROM comments WHERE issue_id = ?", id);
        forget(changelogs, "SELECT id FROM changelogs WHERE issue_id = ?", id);
        update("DELETE FROM issues WHERE id = ?", id);
        issues.remove(id);
        return true;
    }

    private boolean sprintClose() throws SQLException {
        UUID id = oneUuid("SELECT id FROM sprints WHERE state = 'active' ORDER BY id LIMIT 1 OFFSET ?", rnd.nextInt(3));
        if (id == null) {
            return false;
        }
        update("UPDATE sprints SET state = 'closed', complete_date = now(), updated_at = now() WHERE id = ?", id);
        update("UPDATE sprint_issues si SET completed = (i.status = 'Done') FROM issues i WHERE i.id = si.issue_id AND si.sprint_id = ?", id);
        return true;
    }

    private boolean sprintMoveProject() throws SQLException {
        if (sprints.isEmpty()) {
            return false;
        }
        update("UPDATE sprints s SET project_id = (SELECT p.id FROM projects p WHERE p.instance_id = s.instance_id "
                + "AND p.id IS DISTINCT FROM s.project_id ORDER BY p.id LIMIT 1), updated_at = now() WHERE s.id = ?", sprints.pick(rnd));
        return true;
    }

    private boolean sprintCreate() throws SQLException {
        UUID project = projects.pick(rnd);
        UUID id = rnd.uuid();
        update("INSERT INTO sprints (id, tenant_id, instance_id, sprint_id, board_id, name, state, start_date, end_date, project_id) "
                + "SELECT ?, tenant_id, instance_id, 'sim-' || ?, 'sim', project_key || ' Sprint new', 'future', "
                + "now() + interval '14 days', now() + interval '28 days', id FROM projects WHERE id = ?",
                id, Long.toString(System.nanoTime(), 36) + (counter++), project);
        sprints.add(id);
        return true;
    }

    private boolean sprintDelete() throws SQLException {
        if (sprints.size() < 5) {
            return false;
        }
        UUID id = sprints.pick(rnd);
        forget(sprintIssues, "SELECT id FROM sprint_issues WHERE sprint_id = ?", id);
        update("DELETE FROM sprints WHERE id = ?", id);
        sprints.remove(id);
        return true;
    }

    private boolean deleteFrom(IdPool pool, String table) throws SQLException {
        if (pool.isEmpty()) {
            return false;
        }
        UUID id = pool.pick(rnd);
        update("DELETE FROM " + table + " WHERE id = ?", id);
        pool.remove(id);
        return true;
    }

    private void insertChangelog(UUID issue, String items, Instant at) throws SQLException {
        UUID id = rnd.uuid();
        update("INSERT INTO changelogs (id, tenant_id, instance_id, issue_id, author, items, jira_created_at) "
                + "SELECT ?, tenant_id, instance_id, id, 'simulator', ?::jsonb, ? FROM issues WHERE id = ?",
                id, items, Timestamp.from(at), issue);
        changelogs.add(id);
    }

    private void forget(IdPool pool, String sql, UUID id) throws SQLException {
        try (PreparedStatement ps = prepare(sql, id); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                pool.remove(rs.getObject(1, UUID.class));
            }
        }
    }

    private boolean update(String sql, Object... args) throws SQLException {
        updateCount(sql, args);
        return true;
    }

    private int updateCount(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args)) {
            return ps.executeUpdate();
        }
    }

    private String one(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private UUID oneUuid(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getObject(1, UUID.class) : null;
        }
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }
}
