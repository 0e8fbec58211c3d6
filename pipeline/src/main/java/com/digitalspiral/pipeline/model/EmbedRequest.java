package com.digitalspiral.pipeline.model;

/**
 * What the embedding gate lets through: text to embed (with its hash), or a touch or delete that needs no model.
 */
public record EmbedRequest(EmbeddingWrite.Kind kind, String issueId, String tenantId, String text, String textHash,
                           long sourceTs) {}
