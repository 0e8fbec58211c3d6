package com.digitalspiral.pipeline.compute;

import com.digitalspiral.pipeline.model.MemberUpdate;
import com.digitalspiral.pipeline.model.Rows.SprintRow;
import com.digitalspiral.pipeline.model.SprintStats;

/**
 * The running sums and counts behind a sprint's figures, kept so that a member's change costs O(1):
 * subtract what the old member contributed, add the new one. Each sum keeps the number of non-null
 * points in it, because SQL's SUM over no value is null, not 0; when that number returns to 0 the sum is
 * reset to exactly 0 so rounding cannot linger. Contributions depend on the sprint's window, so a change
 * of the window means recomputing from the members ({@link #of}).
 */
public record SprintTotals(long issueCount, long bugCount, long reopenedCount,
                           double plannedSum, long plannedN, double completedSum, long completedN,
                           double addedSum, long addedN, double removedSum, long removedN, long blockedMicros) {

    public static final SprintTotals EMPTY = new SprintTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static SprintTotals of(SprintRow sprint, Iterable<MemberUpdate> members) {
        SprintTotals t = EMPTY;
        for (MemberUpdate m : members) {
            t = t.plus(sprint, m);
        }
        return t;
    }

    public SprintTotals plus(SprintRow s, MemberUpdate m) {
        return add(s, m, 1);
    }

    public SprintTotals minus(SprintRow s, MemberUpdate m) {
        return add(s, m, -1);
    }

    private SprintTotals add(SprintRow s, MemberUpdate m, int sign) {
        if (m == null) {
            return this;
        }
        Double sp = m.storyPoints();
        boolean hasSp = sp != null;
        double v = hasSp ? sign * sp : 0;
        int n = hasSp ? sign : 0;
        // SQL comparisons with a null start are unknown: such a row is neither planned nor added after
        boolean planned = s.startDate() != null && m.addedAt() != null && m.addedAt() <= s.startDate();
        boolean addedAfter = s.startDate() != null && m.addedAt() != null && m.addedAt() > s.startDate();
        boolean completed = Boolean.TRUE.equals(m.completed());
        boolean removed = m.removedAt() != null;
        Long windowEnd = windowEnd(s);
        long blocked = s.startDate() != null && windowEnd != null
                ? Blocking.overlapMicros(m.blocked(), s.startDate(), windowEnd, true) : 0;
        long pN = plannedN + (planned ? n : 0);
        long cN = completedN + (completed ? n : 0);
        long aN = addedN + (addedAfter ? n : 0);
        long rN = removedN + (removed ? n : 0);
        return new SprintTotals(issueCount + sign, bugCount + (m.bug() ? sign : 0), reopenedCount + (m.reopened() ? sign : 0),
                pN == 0 ? 0 : plannedSum + (planned ? v : 0), pN,
                cN == 0 ? 0 : completedSum + (completed ? v : 0), cN,
                aN == 0 ? 0 : addedSum + (addedAfter ? v : 0), aN,
                rN == 0 ? 0 : removedSum + (removed ? v : 0), rN,
                blockedMicros + sign * blocked);
    }

    /** True when the sprint's window changed, which changes every member's contribution. */
    public static boolean windowChanged(SprintRow before, SprintRow after) {
        return before == null
                || !java.util.Objects.equals(before.startDate(), after.startDate())
                || !java.util.Objects.equals(windowEnd(before), windowEnd(after));
    }

    public SprintStats toStats(SprintRow s, String projectKey, long sourceTs) {
        Double planned = plannedN == 0 ? null : plannedSum;
        Double completed = completedN == 0 ? null : completedSum;
        Double addedAfter = addedN == 0 ? null : addedSum;
        Double removed = removedN == 0 ? null : removedSum;
        Double blockedHours = issueCount == 0 ? null : blockedMicros / IssueFigures.MICROS_PER_HOUR;
        return new SprintStats(s.id(), false, s.tenantId(), s.instanceId(), projectKey, s.name(), s.state(),
                s.startDate(), s.endDate(), s.completeDate(), planned, completed, addedAfter, removed,
                issueCount, bugCount, reopenedCount, blockedHours,
                ratio(removed, planned), ratio(addedAfter, planned),
                completed == null || planned == null ? null : ratio(Math.abs(completed - planned), planned),
                sourceTs);
    }

    private static Long windowEnd(SprintRow s) {
        return s.completeDate() != null ? s.completeDate() : s.endDate();
    }

    /** a / NULLIF(b, 0) */
    private static Double ratio(Double a, Double b) {
        return a == null || b == null || b == 0.0 ? null : a / b;
    }
}
