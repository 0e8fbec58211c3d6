package com.digitalspiral.pipeline.model;

/**
 * The words of one issue change, for the embedding branch.
 *
 * @param textUnavailable the event carried a placeholder instead of the text (an unchanged TOASTed value):
 *     the text is unknown, not empty, and must not be embedded
 * @param sourceTs commit time in the source database (ms), or the snapshot's read time
 */
public record IssueText(String issueId, String tenantId, String summary, String description, boolean delete,
                        long sourceTs, boolean textUnavailable) {

    /** What is embedded: the summary first, since a model reads only its first few hundred word pieces. */
    public String embeddable() {
        return com.digitalspiral.store.embed.EmbeddableText.of(summary, description);
    }
}
