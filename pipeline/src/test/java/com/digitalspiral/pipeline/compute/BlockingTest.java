package com.digitalspiral.pipeline.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.digitalspiral.pipeline.model.Rows.ChangelogRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockingTest {

    private static final long H = 3_600_000_000L;

    private static ChangelogRow cl(String id, long hour, String... items) {
        return new ChangelogRow(id, "issue", hour * H, items);
    }

    @Test
    void statusBlockedThenBackGivesOneClosedStretch() {
        long[] iv = Blocking.intervals(List.of(cl("a", 1, "SBlocked"), cl("b", 4, "SIn Progress")));
        assertThat(iv).containsExactly(1 * H, 4 * H);
    }

    @Test
    void entriesArrivingOutOfTimeOrderAreReadInTimeOrder() {
        long[] iv = Blocking.intervals(List.of(cl("b", 4, "SIn Progress"), cl("a", 1, "SBlocked")));
        assertThat(iv).containsExactly(1 * H, 4 * H);
    }

    @Test
    void aFlagDuringABlockedStatusExtendsTheStretchUntilBothClear() {
        long[] iv = Blocking.intervals(List.of(
                cl("a", 1, "SBlocked"), cl("b", 2, "FImpediment"), cl("c", 3, "SIn Progress"), cl("d", 5, "F")));
        assertThat(iv).containsExactly(1 * H, 5 * H);
    }

    @Test
    void aStretchStillBlockedAtTheEndIsOpen() {
        long[] iv = Blocking.intervals(List.of(cl("a", 2, "FImpediment")));
        assertThat(iv).containsExactly(2 * H, Blocking.OPEN);
    }

    @Test
    void tiesAtTheSameTimeAreBrokenByIdThenPosition() {
        // same instant: id "a" first (blocked), then "b" (unblocked, then blocked again by its 2nd item)
        long[] iv = Blocking.intervals(List.of(cl("b", 1, "SIn Progress", "SBlocked"), cl("a", 1, "SBlocked")));
        assertThat(iv).containsExactly(1 * H, 1 * H, 1 * H, Blocking.OPEN);
    }

    @Test
    void overlapClipsToTheWindowAndCountsOpenStretchesToItsEnd() {
        long[] iv = {1 * H, 5 * H, 8 * H, Blocking.OPEN};
        assertThat(Blocking.overlapMicros(iv, 3 * H, 10 * H, true)).isEqualTo(2 * H + 2 * H);
        assertThat(Blocking.overlapMicros(iv, null, null, false)).isEqualTo(4 * H);
        assertThat(Blocking.overlapMicros(iv, 6 * H, 7 * H, true)).isZero();
    }

    @Test
    void anIssueBlockedStillOpenAndUnresolvedCountsOnlyClosedStretches() {
        long[] iv = {1 * H, 2 * H, 3 * H, Blocking.OPEN};
        assertThat(Blocking.overlapMicros(iv, null, null, false)).isEqualTo(H);
        // resolved at hour 6: the open stretch counts up to the resolution
        assertThat(Blocking.overlapMicros(iv, null, 6 * H, true)).isEqualTo(H + 3 * H);
    }
}
