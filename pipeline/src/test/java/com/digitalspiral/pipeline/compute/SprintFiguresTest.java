package com.digitalspiral.pipeline.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.digitalspiral.pipeline.model.MemberUpdate;
import com.digitalspiral.pipeline.model.Rows.SprintRow;
import com.digitalspiral.pipeline.model.SprintStats;
import java.util.List;
import org.junit.jupiter.api.Test;

class SprintFiguresTest {

    private static final long H = 3_600_000_000L;
    private static final SprintRow SPRINT = new SprintRow("s", "t", "i", "p", "S1", "active", 10 * H, 20 * H, null);

    private static MemberUpdate member(String row, Double sp, long addedHour, Long removedHour, boolean completed, boolean bug) {
        return new MemberUpdate("s", row, "issue-" + row, false, sp, addedHour * H, removedHour == null ? null : removedHour * H,
                completed, bug, false, new long[] {12 * H, 14 * H}, 0);
    }

    @Test
    void aSprintWithoutRowsHasNullSumsAndZeroCounts() {
        SprintStats s = SprintTotals.of(SPRINT, List.of()).toStats(SPRINT, "ALPHA", 0);
        assertThat(s.plannedSp()).isNull();
        assertThat(s.completedSp()).isNull();
        assertThat(s.blockedHours()).isNull();
        assertThat(s.issueCount()).isZero();
        assertThat(s.spilloverRatio()).isNull();
    }

    @Test
    void plannedAddedRemovedAndRatiosFollowTheDefinitions() {
        SprintStats s = SprintTotals.of(SPRINT, List.of(
                member("a", 5.0, 9, null, true, false),
                member("b", 3.0, 10, 15L, false, true),
                member("c", 8.0, 11, null, false, false),
                member("d", null, 9, null, true, false))).toStats(SPRINT, "ALPHA", 0);
        assertThat(s.plannedSp()).isEqualTo(8.0);       // a + b (added at start counts as planned)
        assertThat(s.completedSp()).isEqualTo(5.0);     // nulls are skipped
        assertThat(s.addedAfterStartSp()).isEqualTo(8.0);
        assertThat(s.removedSp()).isEqualTo(3.0);
        assertThat(s.issueCount()).isEqualTo(4);
        assertThat(s.bugCount()).isEqualTo(1);
        assertThat(s.blockedHours()).isEqualTo(8.0);   // 2 h inside the window for each of 4 rows
        assertThat(s.spilloverRatio()).isEqualTo(3.0 / 8.0);
        assertThat(s.scopeChurnRatio()).isEqualTo(1.0);
        assertThat(s.accuracyAbs()).isEqualTo(3.0 / 8.0);
    }

    @Test
    void aSprintWithoutStartPlansNothingAndCountsNoBlockedHours() {
        SprintRow undated = new SprintRow("s", "t", "i", "p", "S2", "future", null, null, null);
        SprintStats s = SprintTotals.of(undated, List.of(member("a", 5.0, 9, null, false, false))).toStats(undated, null, 0);
        assertThat(s.plannedSp()).isNull();
        assertThat(s.addedAfterStartSp()).isNull();
        assertThat(s.blockedHours()).isEqualTo(0.0);
    }
}
