package com.digitalspiral.pipeline.model;

/**
 * One write to issue_embeddings.
 *
 * @param kind {@link Kind#UPSERT} a new vector; {@link Kind#TOUCH} the issue changed but its text did not (the
 *     search index re-reads its status, assignee …); {@link Kind#DELETE} the issue is gone
 * @param vector the unit vector for an upsert, else null
 * @param textHash hash of the embedded text for an upsert, else null
 */
public record EmbeddingWrite(Kind kind, String issueId, String tenantId, String model, int dimensions, float[] vector,
                             String textHash, long sourceTs) {

    public enum Kind { UPSERT, TOUCH, DELETE }
}
