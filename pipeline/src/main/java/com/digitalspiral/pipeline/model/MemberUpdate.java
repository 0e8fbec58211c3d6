package com.digitalspiral.pipeline.model;

/**
 * A sprint_issues row of a sprint joined to what its issue contributes to the sprint's figures, sent from
 * the issue side to the sprint side. Identified by (rowId, issueId): a row that moves to another issue is
 * removed under the old pair and added under the new one, so the two messages commute.
 * {@code blocked} holds the issue's blocked stretches as [from, until) pairs in microseconds, until =
 * Long.MAX_VALUE while a stretch is still open.
 */
public record MemberUpdate(String sprintId, String rowId, String issueId, boolean removed,
                           Double storyPoints, Long addedAt, Long removedAt, Boolean completed,
                           boolean bug, boolean reopened, long[] blocked, long sourceTs) {

    public String memberKey() {
        return rowId + "|" + issueId;
    }

    public static MemberUpdate removal(String sprintId, String rowId, String issueId, long ts) {
        return new MemberUpdate(sprintId, rowId, issueId, true, null, null, null, null, false, false, new long[0], ts);
    }
}
