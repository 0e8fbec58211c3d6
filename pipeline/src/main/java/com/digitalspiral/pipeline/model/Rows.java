package com.digitalspiral.pipeline.model;

/**
 * The columns of each captured row that some figure depends on. Times are microseconds since the epoch
 * (Postgres' own precision), null where the column is null.
 */
public final class Rows {

    private Rows() {}

    public record ProjectRow(String id, String projectKey) {}

    public record IssueRow(String id, String tenantId, String instanceId, String projectId, String issueKey,
                           String issueType, Long createdAt, Long resolvedAt) {}

    public record SprintRow(String id, String tenantId, String instanceId, String projectId, String name,
                            String state, Long startDate, Long endDate, Long completeDate) {}

    public record SprintIssueRow(String id, String tenantId, String sprintId, String issueId, Long addedAt,
                                 Long removedAt, Double storyPoints, Boolean completed) {}

    public record CommentRow(String id, String issueId, Long createdAt) {}

    /**
     * A changelog entry reduced to the items that matter: each element of {@code items} is "S" or "F"
     * (a status or a Flagged item) followed by the item's toString, in the entry's own order.
     */
    public record ChangelogRow(String id, String issueId, Long createdAt, String[] items) {
        public static final String STATUS = "S";
        public static final String FLAGGED = "F";

        public boolean isRelevant() {
            return items.length > 0;
        }
    }
}
