package com.digitalspiral.pipeline.operators;

import com.digitalspiral.pipeline.model.Rows.ChangelogRow;
import com.digitalspiral.pipeline.model.Rows.CommentRow;
import com.digitalspiral.pipeline.model.Rows.IssueRow;
import com.digitalspiral.pipeline.model.Rows.ProjectRow;
import com.digitalspiral.pipeline.model.Rows.SprintIssueRow;
import com.digitalspiral.pipeline.model.Rows.SprintRow;
import com.digitalspiral.pipeline.model.SourceChange;

/** Small rows for operator tests; times in hours for readability. */
final class Fixtures {

    static final long H = 3_600_000_000L;

    private Fixtures() {}

    static SourceChange upsert(Object row, long ts) {
        return SourceChange.of(false, ts, row);
    }

    static SourceChange delete(Object row, long ts) {
        return SourceChange.of(true, ts, row);
    }

    static IssueRow issue(String id, String type, Long resolvedHour) {
        return new IssueRow(id, "t1", "i1", "p1", "ALPHA-" + id, type, 0L, resolvedHour == null ? null : resolvedHour * H);
    }

    static CommentRow comment(String id, String issue, long hour) {
        return new CommentRow(id, issue, hour * H);
    }

    static ChangelogRow changelog(String id, String issue, long hour, String... items) {
        return new ChangelogRow(id, issue, hour * H, items);
    }

    static SprintIssueRow member(String id, String sprint, String issue, Double points) {
        return new SprintIssueRow(id, "t1", sprint, issue, 0L, null, points, false);
    }

    static SprintRow sprint(String id, String project) {
        return new SprintRow(id, "t1", "i1", project, "Sprint " + id, "active", 1 * H, 100 * H, null);
    }

    static ProjectRow project(String id, String key) {
        return new ProjectRow(id, key);
    }
}
