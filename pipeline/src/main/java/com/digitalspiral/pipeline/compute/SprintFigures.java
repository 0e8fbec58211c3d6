package com.digitalspiral.pipeline.compute;

import com.digitalspiral.pipeline.model.MemberUpdate;
import com.digitalspiral.pipeline.model.Rows.SprintRow;
import com.digitalspiral.pipeline.model.SprintStats;

/** The per-sprint figures of metrics.md from a sprint, its project key and all its members at once. */
public final class SprintFigures {

    private SprintFigures() {}

    public static SprintStats compute(SprintRow s, String projectKey, Iterable<MemberUpdate> members, long sourceTs) {
        return SprintTotals.of(s, members).toStats(s, projectKey, sourceTs);
    }
}
