package com.digitalspiral.pipeline.compute;

import com.digitalspiral.pipeline.model.Rows.ChangelogRow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * When an issue was blocked (metrics.md): while its status is Blocked or its Flagged field is Impediment,
 * read from changelog items in order of jira_created_at, then changelog id, then position in items.
 * Mirrors the view ref_blocking_states in sql/migrations/V3__reference_views.sql.
 */
public final class Blocking {

    public static final long OPEN = Long.MAX_VALUE;

    /** Changelog order: time, then id (uuid text order equals Postgres' byte order), then position. */
    private static final Comparator<ChangelogRow> ORDER = Comparator
            .comparing(ChangelogRow::createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(ChangelogRow::id);

    private Blocking() {}

    /** Blocked stretches as [from, until) pairs in microseconds; until is {@link #OPEN} for the last one if still blocked. */
    public static long[] intervals(Collection<ChangelogRow> changelogs) {
        List<ChangelogRow> ordered = new ArrayList<>(changelogs);
        ordered.sort(ORDER);
        boolean statusBlocked = false;
        boolean flagged = false;
        long[] out = new long[8];
        int n = 0;
        long blockedSince = 0;
        boolean blocked = false;
        for (ChangelogRow cl : ordered) {
            for (String item : cl.items()) {
                String to = item.substring(1);
                if (item.startsWith(ChangelogRow.STATUS)) {
                    statusBlocked = "Blocked".equals(to);
                } else {
                    flagged = "Impediment".equals(to);
                }
                boolean now = statusBlocked || flagged;
                if (now && !blocked) {
                    blockedSince = cl.createdAt();
                } else if (!now && blocked) {
                    if (n + 2 > out.length) {
                        out = java.util.Arrays.copyOf(out, out.length * 2);
                    }
                    out[n++] = blockedSince;
                    out[n++] = cl.createdAt();
                }
                blocked = now;
            }
        }
        if (blocked) {
            if (n + 2 > out.length) {
                out = java.util.Arrays.copyOf(out, out.length + 2);
            }
            out[n++] = blockedSince;
            out[n++] = OPEN;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * Microseconds of the stretches inside [windowStart, windowEnd]; an open stretch runs to windowEnd.
     * Null bounds mean unbounded on that side; with {@code countOpen} false an open stretch counts nothing.
     */
    public static long overlapMicros(long[] intervals, Long windowStart, Long windowEnd, boolean countOpen) {
        long total = 0;
        long ws = windowStart == null ? Long.MIN_VALUE : windowStart;
        long we = windowEnd == null ? Long.MAX_VALUE : windowEnd;
        for (int i = 0; i < intervals.length; i += 2) {
            long from = intervals[i];
            long until = intervals[i + 1];
            if (until == OPEN && !countOpen) {
                continue;
            }
            long end = Math.min(until, we);
            long start = Math.max(from, ws);
            if (end > start) {
                total += end - start;
            }
        }
        return total;
    }
}
