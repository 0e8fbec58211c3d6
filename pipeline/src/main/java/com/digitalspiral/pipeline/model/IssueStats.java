package com.digitalspiral.pipeline.model;

/** A row of issue_stats to upsert, or (deleted) the key of one to delete. Times in microseconds. */
public record IssueStats(String issueId, boolean deleted, String tenantId, String instanceId, String projectId,
                         String issueKey, long commentCount, Long lastCommentAt, Long firstInProgressAt,
                         Double leadTimeHours, Double cycleTimeHours, long reopenCount, double blockedHours,
                         long sourceTs) {

    public static IssueStats deletion(String issueId, long ts) {
        return new IssueStats(issueId, true, null, null, null, null, 0, null, null, null, null, 0, 0, ts);
    }

    public boolean sameContent(IssueStats o) {
        return o != null && withTs(0).equals(o.withTs(0));
    }

    public IssueStats withTs(long ts) {
        return new IssueStats(issueId, deleted, tenantId, instanceId, projectId, issueKey, commentCount, lastCommentAt,
                firstInProgressAt, leadTimeHours, cycleTimeHours, reopenCount, blockedHours, ts);
    }
}
