package com.digitalspiral.store.demo;

import com.digitalspiral.store.DbConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * Deterministic demo data with the shape of real Jira: tenants with one or two sites, projects with a
 * board each, two-week sprints (closed, one active, future), Fibonacci points, about 20% bugs, issues
 * added and removed mid-sprint, workflow changelogs and comments. The same seed and anchor give the
 * same rows. Rows go in with COPY, in batches, all in one transaction.
 */
public final class DemoGenerator {

    /** What to generate; {@code anchor} is "now" for the data (default: this week's Monday, UTC). */
    public record Options(long seed, int tenants, int issues, Instant anchor) {
        public Options {
            if (tenants < 1) {
                throw new IllegalArgumentException("--tenants must be at least 1, got " + tenants);
            }
            if (issues < 0) {
                throw new IllegalArgumentException("--issues must not be negative, got " + issues);
            }
        }

        public Options(long seed, int tenants, int issues) {
            this(seed, tenants, issues, Timestamps.thisMonday());
        }
    }

    /** Rows written per table, and how long it took. */
    public record Summary(Map<String, Long> rows, Duration took) {}

    private static final int BATCH = 5_000;
    private static final int CLOSED_SPRINTS = 6;
    private static final String[] TENANT_NAMES = {"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Tyrell"};
    private static final String[] PROJECT_KEYS = {"ALPHA", "BETA", "GAMMA", "DELTA", "OMEGA", "SIGMA", "ORION", "VEGA", "NOVA", "ATLAS"};
    private static final String[] PEOPLE = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"};

    private final DbConfig config;

    public DemoGenerator(DbConfig config) {
        this.config = config;
    }

    public Summary generate(Options options, LongConsumer issuesDone) throws SQLException {
        long started = System.nanoTime();
        DemoRandom rnd = new DemoRandom(options.seed());
        Instant now = options.anchor().truncatedTo(ChronoUnit.SECONDS);
        try (Connection c = config.connect()) {
            refuseIfNotEmpty(c);
            c.setAutoCommit(false);
            // one transaction: a failed run leaves nothing behind
            List<Project> projects = structure(c, rnd, options, now);
            Batch batch = new Batch();
            for (int i = 0; i < options.issues(); i++) {
                Project p = projects.get(rnd.nextInt(projects.size()));
                issue(rnd, p, now, batch);
                if ((i + 1) % BATCH == 0) {
                    batch.flush(c);
                    issuesDone.accept(i + 1);
                }
            }
            batch.flush(c);
            c.commit();
            issuesDone.accept(options.issues());
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("ANALYZE");
            }
            return new Summary(countRows(c), Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static void refuseIfNotEmpty(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM tenants")) {
            rs.next();
            if (rs.getLong(1) > 0) {
                throw new IllegalStateException("the database already holds Jira data (" + rs.getLong(1)
                        + " tenants); generate into an empty database, or pass --reset to empty it first");
            }
        }
    }

    static Map<String, Long> countRows(Connection c) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String t : List.of("tenants", "jira_instances", "projects", "sprints", "issues", "sprint_issues", "comments", "changelogs")) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + t)) {
                rs.next();
                counts.put(t, rs.getLong(1));
            }
        }
        return counts;
    }

    // ---- tenants, sites, projects, sprints ------------------------------------------------------

    private record Sprint(UUID id, String state, Instant start, Instant end, Instant complete) {}

    private static final class Project {
        final UUID id;
        final UUID tenantId;
        final UUID instanceId;
        final String key;
        final List<Sprint> sprints = new ArrayList<>();
        /** The latest issue of each topic, which a follow-up or re-report may name. */
        final java.util.Map<String, String> keyOfTopic = new java.util.HashMap<>();
        int nextIssueNumber = 1;

        Project(UUID id, UUID tenantId, UUID instanceId, String key) {
            this.id = id;
            this.tenantId = tenantId;
            this.instanceId = instanceId;
            this.key = key;
        }
    }

    private static List<Project> structure(Connection c, DemoRandom rnd, Options o, Instant now) throws SQLException {
        CopyWriter tenants = new CopyWriter("tenants", "id, name, created_at");
        CopyWriter instances = new CopyWriter("jira_instances", "id, tenant_id, name, base_url");
        CopyWriter projectRows = new CopyWriter("projects", "id, tenant_id, instance_id, project_key, name");
        CopyWriter sprints = new CopyWriter("sprints",
                "id, tenant_id, instance_id, sprint_id, board_id, name, state, goal, start_date, end_date, complete_date, created_at, updated_at, project_id");
        List<Project> projects = new ArrayList<>();
        int boardNumber = 1;
        for (int t = 0; t < o.tenants(); t++) {
            UUID tenantId = rnd.uuid();
            String tenantName = TENANT_NAMES[t % TENANT_NAMES.length] + (t >= TENANT_NAMES.length ? " " + (t / TENANT_NAMES.length + 1) : "");
            tenants.value(tenantId).value(tenantName).value(now.minus(400, ChronoUnit.DAYS)).endRow();
            int sites = rnd.chance(0.3) ? 2 : 1;
            for (int s = 0; s < sites; s++) {
                UUID instanceId = rnd.uuid();
                String host = tenantName.toLowerCase().replace(' ', '-') + (s == 0 ? "" : "-" + (s + 1));
                instances.value(instanceId).value(tenantId).value(tenantName + " Jira" + (s == 0 ? "" : " " + (s + 1)))
                        .value("https://" + host + ".atlassian.net").endRow();
                int projectCount = rnd.between(2, 3);
                int sprintNumber = 1;
                for (int p = 0; p < projectCount; p++) {
                    String key = PROJECT_KEYS[(t + s + p) % PROJECT_KEYS.length];
                    Project project = new Project(rnd.uuid(), tenantId, instanceId, key);
                    projects.add(project);
                    projectRows.value(project.id).value(tenantId).value(instanceId).value(key).value(key.charAt(0) + key.substring(1).toLowerCase() + " project").endRow();
                    String board = Integer.toString(boardNumber++);
                    // the active sprint started 0-13 days ago; the others line up in two-week steps
                    Instant activeStart = now.minus(rnd.between(0, 13), ChronoUnit.DAYS).plus(9, ChronoUnit.HOURS);
                    for (int k = -CLOSED_SPRINTS; k <= 2; k++) {
                        Instant start = activeStart.plus(14L * k, ChronoUnit.DAYS);
                        Instant end = start.plus(14, ChronoUnit.DAYS);
                        String state = k < 0 ? "closed" : k == 0 ? "active" : "future";
                        Instant complete = k < 0 ? end.plus(rnd.between(-4, 10), ChronoUnit.HOURS) : null;
                        // the far future sprint has no dates yet, as in Jira
                        boolean dated = k < 2;
                        Sprint sprint = new Sprint(rnd.uuid(), state, dated ? start : null, dated ? end : null, complete);
                        project.sprints.add(sprint);
                        sprints.value(sprint.id).value(tenantId).value(instanceId).value(Integer.toString(sprintNumber++)).value(board)
                                .value(key + " Sprint " + (k + CLOSED_SPRINTS + 1)).value(state)
                                .value(rnd.chance(0.6) ? "Ship " + rnd.sentence(3) : null)
                                .value(sprint.start).value(sprint.end).value(complete)
                                .value(start.minus(7, ChronoUnit.DAYS)).value(complete != null ? complete : start.minus(1, ChronoUnit.DAYS))
                                .value(project.id).endRow();
                    }
                }
            }
        }
        tenants.flush(c);
        instances.flush(c);
        projectRows.flush(c);
        sprints.flush(c);
        return projects;
    }

    // ---- issues and what hangs off them -------------------------------------------------------------

    private static final class Batch {
        final CopyWriter issues = new CopyWriter("issues",
                "id, tenant_id, instance_id, project_id, issue_key, issue_type, summary, description, status, status_category, priority, assignee, reporter, story_points, labels, jira_created_at, jira_updated_at, resolved_at");
        final CopyWriter sprintIssues = new CopyWriter("sprint_issues",
                "id, tenant_id, sprint_id, issue_id, added_at, removed_at, story_points, completed");
        final CopyWriter comments = new CopyWriter("comments",
                "id, tenant_id, instance_id, issue_id, author, body, jira_created_at, jira_updated_at");
        final CopyWriter changelogs = new CopyWriter("changelogs",
                "id, tenant_id, instance_id, issue_id, author, items, jira_created_at");

        void flush(Connection c) throws SQLException {
            issues.flush(c);
            sprintIssues.flush(c);
            comments.flush(c);
            changelogs.flush(c);
        }
    }

    private record Change(Instant at, String items) {}

    private static void issue(DemoRandom rnd, Project p, Instant now, Batch out) {
        UUID issueId = rnd.uuid();
        String type = rnd.issueType();
        Double points = "Epic".equals(type) ? null : rnd.storyPoints();
        String assignee = rnd.chance(0.15) ? null : rnd.pick(PEOPLE);

        // which sprint (if any) and when the work happens
        int sprintIndex = pickSprint(rnd, p);
        Sprint sprint = sprintIndex < 0 ? null : p.sprints.get(sprintIndex);
        Instant windowStart = sprint != null && sprint.start != null ? sprint.start : now.minus(rnd.between(20, 200), ChronoUnit.DAYS);
        Instant created = windowStart.minus(rnd.between(1, 40), ChronoUnit.DAYS).minusSeconds(rnd.nextInt(86_400));

        // the workflow, possibly with blocking, flags, review and a reopen; cut off at "now"
        List<Change> history = new ArrayList<>();
        boolean future = sprint != null && "future".equals(sprint.state);
        Instant t = Timestamps.plusHours(sprint != null && sprint.start != null ? sprint.start : windowStart, rnd.between(1, 60));
        String status = "To Do";
        Instant resolved = null;
        if (!future && rnd.chance(0.9)) {
            String prev = status;
            status = "In Progress";
            history.add(new Change(t, "[" + Workflow.statusItem(prev, status)
                    + (rnd.chance(0.2) ? ", " + Workflow.assigneeItem(null, assignee) : "") + "]"));
            if (rnd.chance(0.25)) {
                t = Timestamps.plusHours(t, rnd.between(2, 48));
                history.add(new Change(t, "[" + Workflow.statusItem(status, "Blocked") + "]"));
                t = Timestamps.plusHours(t, rnd.between(1, 72));
                history.add(new Change(t, "[" + Workflow.statusItem("Blocked", status) + "]"));
            }
            if (rnd.chance(0.12)) {
                t = Timestamps.plusHours(t, rnd.between(1, 24));
                history.add(new Change(t, "[" + Workflow.flagItem(true) + "]"));
                if (rnd.chance(0.8)) {
                    t = Timestamps.plusHours(t, rnd.between(1, 96));
                    history.add(new Change(t, "[" + Workflow.flagItem(false) + "]"));
                }
            }
            if (rnd.chance(0.6)) {
                t = Timestamps.plusHours(t, rnd.between(4, 120));
                history.add(new Change(t, "[" + Workflow.statusItem(status, "In Review") + "]"));
                status = "In Review";
            }
            if (rnd.chance(0.75)) {
                t = Timestamps.plusHours(t, rnd.between(2, 96));
                history.add(new Change(t, "[" + Workflow.statusItem(status, "Done") + "]"));
                status = "Done";
                if (rnd.chance(0.1)) {
                    t = Timestamps.plusHours(t, rnd.between(4, 100));
                    history.add(new Change(t, "[" + Workflow.statusItem("Done", "Reopened") + "]"));
                    t = Timestamps.plusHours(t, rnd.between(1, 24));
                    history.add(new Change(t, "[" + Workflow.statusItem("Reopened", "In Progress") + "]"));
                    t = Timestamps.plusHours(t, rnd.between(4, 80));
                    history.add(new Change(t, "[" + Workflow.statusItem("In Progress", "Done") + "]"));
                }
            }
        }
        // what happened after "now" has not happened yet
        history.removeIf(ch -> ch.at.isAfter(now));
        status = "To Do";
        for (Change ch : history) {
            String to = lastStatus(ch.items);
            if (to != null) {
                status = to;
                resolved = "Done".equals(to) ? ch.at : null;
            }
        }
        Instant updated = history.isEmpty() ? created : history.get(history.size() - 1).at;

        String key = p.key + "-" + p.nextIssueNumber++;
        rnd.skipSummaryAndDescription();
        DemoText.Topic topic = DemoText.topicOf(issueId, type);
        DemoText.Written text = DemoText.write(issueId, type, p.keyOfTopic.get(topic.id()));
        p.keyOfTopic.put(topic.id(), key);
        out.issues.value(issueId).value(p.tenantId).value(p.instanceId).value(p.id).value(key).value(type)
                .value(text.summary()).value(text.description())
                .value(status).value(Workflow.category(status)).value(rnd.pick(DemoRandom.PRIORITIES))
                .value(assignee).value(rnd.pick(PEOPLE)).value(points).value(rnd.labels())
                .value(created).value(updated).value(resolved).endRow();

        if (sprint != null) {
            sprintRows(rnd, p, sprintIndex, issueId, points, resolved, now, out);
        }
        for (Change ch : history) {
            out.changelogs.value(rnd.uuid()).value(p.tenantId).value(p.instanceId).value(issueId)
                    .value(rnd.pick(PEOPLE)).value(ch.items).value(ch.at).endRow();
        }
        int comments = rnd.nextInt(5);
        for (int i = 0; i < comments; i++) {
            Instant at = created.plusSeconds((long) (rnd.nextDouble() * Math.max(1, now.getEpochSecond() - created.getEpochSecond())));
            out.comments.value(rnd.uuid()).value(p.tenantId).value(p.instanceId).value(issueId)
                    .value(rnd.pick(PEOPLE)).value(comment(rnd, issueId, type, i)).value(at)
                    .value(rnd.chance(0.1) ? at.plusSeconds(3600) : null).endRow();
        }
    }

    private static String comment(DemoRandom rnd, UUID issueId, String type, int n) {
        rnd.skipComment();
        return DemoText.comment(issueId, type, n);
    }

    /** -1 for the backlog; otherwise an index into the project's sprints (closed first, then active, future). */
    private static int pickSprint(DemoRandom rnd, Project p) {
        double x = rnd.nextDouble();
        if (x < 0.18) {
            return -1;
        } else if (x < 0.70) {
            return rnd.nextInt(CLOSED_SPRINTS);
        } else if (x < 0.90) {
            return CLOSED_SPRINTS;
        }
        return CLOSED_SPRINTS + 1 + rnd.nextInt(2);
    }

    private static void sprintRows(DemoRandom rnd, Project p, int index, UUID issueId, Double points,
                                   Instant resolved, Instant now, Batch out) {
        Sprint s = p.sprints.get(index);
        boolean lateAdd = s.start != null && !"future".equals(s.state) && rnd.chance(0.15);
        Instant addedAt = s.start == null ? now.minus(rnd.between(1, 10), ChronoUnit.DAYS)
                : lateAdd ? s.start.plus(rnd.between(1, 9), ChronoUnit.DAYS)
                : s.start.minus(rnd.between(1, 72), ChronoUnit.HOURS);
        if (addedAt.isAfter(now)) {
            addedAt = now.minusSeconds(3600);
        }
        Instant windowEnd = s.complete != null ? s.complete : s.end;
        boolean removed = s.start != null && !"future".equals(s.state) && rnd.chance(0.08);
        Instant removedAt = removed ? min(s.start.plus(rnd.between(2, 12), ChronoUnit.DAYS), now) : null;
        boolean completed = !removed && resolved != null && windowEnd != null && !resolved.isAfter(windowEnd);
        // the estimate at commitment sometimes differs from today's
        Double committed = points != null && rnd.chance(0.1) ? Double.valueOf(DemoRandom.FIBONACCI[rnd.nextInt(6)]) : points;
        out.sprintIssues.value(rnd.uuid()).value(p.tenantId).value(s.id).value(issueId).value(addedAt)
                .value(removedAt).value(committed).value(completed).endRow();
        // unfinished work of a closed sprint spills over into the next one
        if ("closed".equals(s.state) && !completed && !removed && index + 1 < p.sprints.size()) {
            Sprint next = p.sprints.get(index + 1);
            Instant nextAdded = next.start != null ? next.start.minus(2, ChronoUnit.HOURS) : now.minus(1, ChronoUnit.DAYS);
            Instant nextEnd = next.complete != null ? next.complete : next.end;
            boolean doneNext = resolved != null && nextEnd != null && !resolved.isAfter(nextEnd) && !nextAdded.isAfter(now);
            out.sprintIssues.value(rnd.uuid()).value(p.tenantId).value(next.id).value(issueId)
                    .value(min(nextAdded, now)).value(null).value(points).value(doneNext).endRow();
        }
    }

    private static String lastStatus(String items) {
        int field = items.indexOf("\"field\": \"status\"");
        if (field < 0) {
            return null;
        }
        int from = items.indexOf("\"toString\": \"", field) + "\"toString\": \"".length();
        return items.substring(from, items.indexOf('"', from));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
