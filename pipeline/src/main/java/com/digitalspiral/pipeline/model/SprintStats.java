package com.digitalspiral.pipeline.model;

/** A row of sprint_stats to upsert, or (deleted) the key of one to delete. Times in microseconds. */
public record SprintStats(String sprintId, boolean deleted, String tenantId, String instanceId, String projectKey,
                          String sprintName, String state, Long startDate, Long endDate, Long completeDate,
                          Double plannedSp, Double completedSp, Double addedAfterStartSp, Double removedSp,
                          long issueCount, long bugCount, long reopenedCount, Double blockedHours,
                          Double spilloverRatio, Double scopeChurnRatio, Double accuracyAbs, long sourceTs) {

    public static SprintStats deletion(String sprintId, long ts) {
        return new SprintStats(sprintId, true, null, null, null, null, null, null, null, null,
                null, null, null, null, 0, 0, 0, null, null, null, null, ts);
    }

    /** Same figures and descriptive columns, whatever the timestamps. */
    public boolean sameContent(SprintStats o) {
        return o != null && withTs(0).equals(o.withTs(0));
    }

    public SprintStats withTs(long ts) {
        return new SprintStats(sprintId, deleted, tenantId, instanceId, projectKey, sprintName, state, startDate, endDate,
                completeDate, plannedSp, completedSp, addedAfterStartSp, removedSp, issueCount, bugCount, reopenedCount,
                blockedHours, spilloverRatio, scopeChurnRatio, accuracyAbs, ts);
    }
}
