package com.digitalspiral.pipeline.compute;

import com.digitalspiral.pipeline.model.MemberUpdate;
import com.digitalspiral.pipeline.model.Rows.SprintRow;
import com.digitalspiral.pipeline.model.SprintStats;

/** The per-sprint figures of metrics.md from a sprint, its project key and its members. */
public final class SprintFigures {

    private SprintFigures() {}

    public static SprintStats compute(SprintRow s, String projectKey, Iterable<MemberUpdate> members, long sourceTs) {
        Double planned = null;
        Double completed = null;
        Double addedAfter = null;
        Double removed = null;
        long count = 0;
        long bugs = 0;
        long reopened = 0;
        long blockedMicros = 0;
        Long windowEnd = s.completeDate() != null ? s.completeDate() : s.endDate();
        boolean hasWindow = s.startDate() != null && windowEnd != null;
        for (MemberUpdate m : members) {
            count++;
            Double sp = m.storyPoints();
            // SQL comparisons with a null start are unknown, so the row is neither planned nor added after
            if (s.startDate() != null && m.addedAt() != null && m.addedAt() <= s.startDate()) {
                planned = add(planned, sp);
            }
            if (Boolean.TRUE.equals(m.completed())) {
                completed = add(completed, sp);
            }
            if (s.startDate() != null && m.addedAt() != null && m.addedAt() > s.startDate()) {
                addedAfter = add(addedAfter, sp);
            }
            if (m.removedAt() != null) {
                removed = add(removed, sp);
            }
            if (m.bug()) {
                bugs++;
            }
            if (m.reopened()) {
                reopened++;
            }
            if (hasWindow) {
                blockedMicros += Blocking.overlapMicros(m.blocked(), s.startDate(), windowEnd, true);
            }
        }
        Double blockedHours = count == 0 ? null : blockedMicros / IssueFigures.MICROS_PER_HOUR;
        return new SprintStats(s.id(), false, s.tenantId(), s.instanceId(), projectKey, s.name(), s.state(),
                s.startDate(), s.endDate(), s.completeDate(), planned, completed, addedAfter, removed,
                count, bugs, reopened, blockedHours,
                ratio(removed, planned), ratio(addedAfter, planned),
                completed == null || planned == null ? null : ratio(Math.abs(completed - planned), planned),
                sourceTs);
    }

    /** SQL's SUM: nulls are skipped, and a sum of nothing stays null. */
    private static Double add(Double sum, Double v) {
        if (v == null) {
            return sum;
        }
        return sum == null ? v : sum + v;
    }

    /** a / NULLIF(b, 0) */
    private static Double ratio(Double a, Double b) {
        return a == null || b == null || b == 0.0 ? null : a / b;
    }
}
