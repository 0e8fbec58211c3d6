package com.digitalspiral.pipeline.compute;

import com.digitalspiral.pipeline.model.IssueStats;
import com.digitalspiral.pipeline.model.Rows.ChangelogRow;
import com.digitalspiral.pipeline.model.Rows.IssueRow;
import java.util.Collection;

/** The per-issue figures of metrics.md from an issue, its comment times and its relevant changelog entries. */
public final class IssueFigures {

    static final double MICROS_PER_HOUR = 3_600_000_000.0;

    private IssueFigures() {}

    public static IssueStats compute(IssueRow issue, Collection<Long> commentTimes, Collection<ChangelogRow> changelogs,
                                     long[] blocked, long sourceTs) {
        Long lastComment = null;
        for (Long t : commentTimes) {
            if (t != null && (lastComment == null || t > lastComment)) {
                lastComment = t;
            }
        }
        Long firstInProgress = null;
        long reopens = 0;
        for (ChangelogRow cl : changelogs) {
            for (String item : cl.items()) {
                if (!item.startsWith(ChangelogRow.STATUS)) {
                    continue;
                }
                String to = item.substring(1);
                if ("Reopened".equals(to)) {
                    reopens++;
                } else if (("In Progress".equals(to) || "In Review".equals(to))
                        && (firstInProgress == null || cl.createdAt() < firstInProgress)) {
                    firstInProgress = cl.createdAt();
                }
            }
        }
        Long resolved = issue.resolvedAt();
        Double lead = hoursBetween(issue.createdAt(), resolved);
        Double cycle = hoursBetween(firstInProgress, resolved);
        // whole life up to resolution; an unresolved issue's still-open stretch is not counted
        long blockedMicros = Blocking.overlapMicros(blocked, null, resolved, resolved != null);
        return new IssueStats(issue.id(), false, issue.tenantId(), issue.instanceId(), issue.projectId(), issue.issueKey(),
                commentTimes.size(), lastComment, firstInProgress, lead, cycle, reopens,
                blockedMicros / MICROS_PER_HOUR, sourceTs);
    }

    /** True when any status item moves the issue to Reopened. */
    public static boolean everReopened(Collection<ChangelogRow> changelogs) {
        for (ChangelogRow cl : changelogs) {
            for (String item : cl.items()) {
                if (item.equals(ChangelogRow.STATUS + "Reopened")) {
                    return true;
                }
            }
        }
        return false;
    }

    static Double hoursBetween(Long from, Long to) {
        return from == null || to == null ? null : (to - from) / MICROS_PER_HOUR;
    }
}
