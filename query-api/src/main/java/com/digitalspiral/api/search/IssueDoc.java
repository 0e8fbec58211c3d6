package com.digitalspiral.api.search;

import java.util.UUID;

/**
 * An issue as the search index holds it: its words and the fields searches filter on, read from Postgres
 * (issues, projects, issue_embeddings) at one change_seq.
 *
 * @param vector unit vector of summary + description, or null (embeddings off, or not yet embedded)
 * @param deleted the issue is gone: remove it from the index
 * @param sourceTs commit time of the newest change the row reflects (ms)
 */
public record IssueDoc(UUID issueId, UUID tenantId, long changeSeq, boolean deleted, String key, String summary,
                       String description, String project, String issueType, String status, String priority,
                       String assignee, long createdMs, String model, float[] vector, long sourceTs) {}
