package com.digitalspiral.pipeline.model;

import com.digitalspiral.pipeline.model.Rows.ChangelogRow;
import com.digitalspiral.pipeline.model.Rows.CommentRow;
import com.digitalspiral.pipeline.model.Rows.IssueRow;
import com.digitalspiral.pipeline.model.Rows.ProjectRow;
import com.digitalspiral.pipeline.model.Rows.SprintIssueRow;
import com.digitalspiral.pipeline.model.Rows.SprintRow;

/**
 * One decoded row change: an upsert (insert, update or snapshot read) of the row's new image, or a
 * delete of its old one. Exactly the field of {@code table} is set (none for a heartbeat). {@code sourceTs} is the commit time
 * in the source database (ms), or for snapshot reads the time the snapshot read the row.
 */
public record SourceChange(Table table, boolean delete, long sourceTs,
                           ProjectRow project, IssueRow issue, SprintRow sprint, SprintIssueRow sprintIssue,
                           CommentRow comment, ChangelogRow changelog) {

    public static SourceChange of(boolean delete, long ts, Object row) {
        if (row instanceof ProjectRow r) {
            return new SourceChange(Table.PROJECTS, delete, ts, r, null, null, null, null, null);
        } else if (row instanceof IssueRow r) {
            return new SourceChange(Table.ISSUES, delete, ts, null, r, null, null, null, null);
        } else if (row instanceof SprintRow r) {
            return new SourceChange(Table.SPRINTS, delete, ts, null, null, r, null, null, null);
        } else if (row instanceof SprintIssueRow r) {
            return new SourceChange(Table.SPRINT_ISSUES, delete, ts, null, null, null, r, null, null);
        } else if (row instanceof CommentRow r) {
            return new SourceChange(Table.COMMENTS, delete, ts, null, null, null, null, r, null);
        } else if (row instanceof ChangelogRow r) {
            return new SourceChange(Table.CHANGELOGS, delete, ts, null, null, null, null, null, r);
        }
        throw new IllegalArgumentException("not a captured row: " + row);
    }

    /** A beat of the freshness probe, committed at {@code ts}: it carries no row, only its commit time. */
    public static SourceChange heartbeat(long ts) {
        return new SourceChange(Table.HEARTBEAT, false, ts, null, null, null, null, null, null);
    }

    /** The issue a change of issues, comments, changelogs or sprint_issues belongs to; null for others. */
    public String issueKey() {
        return switch (table) {
            case ISSUES -> issue.id();
            case COMMENTS -> comment.issueId();
            case CHANGELOGS -> changelog.issueId();
            case SPRINT_ISSUES -> sprintIssue.issueId();
            default -> null;
        };
    }
}
