package com.digitalspiral.pipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class SinkMetricsTest {

    private final SinkMetrics metrics = new SinkMetrics("sprint_stats");

    SinkMetricsTest() {
        metrics.bind(new UnregisteredMetricsGroup());
    }

    private void batch(long now, long... sourceTs) {
        for (long ts : sourceTs) {
            metrics.bound(ts);
        }
        metrics.written(1_000_000, now);
    }

    @Test
    void theLagIsTheLongestDelayOfTheRowsWrittenInTheLastTenSeconds() {
        batch(100_000, 99_800, 99_900);
        assertThat(metrics.lagAt(100_000)).isEqualTo(200);
        batch(101_000, 100_950);
        assertThat(metrics.lagAt(101_000)).as("a later, fresher batch does not hide the slower one").isEqualTo(200);
        batch(107_000, 106_990);
        assertThat(metrics.lagAt(107_000)).as("the previous half still counts").isEqualTo(200);
        batch(112_000, 111_990);
        assertThat(metrics.lagAt(112_000)).as("the slow batch is more than a window ago").isEqualTo(10);
    }

    @Test
    void aSubtaskWhoseKeysStopChangingReportsNoLagOnceItsWindowHasPassed() {
        batch(100_000, 80_000);
        assertThat(metrics.lagAt(100_000)).isEqualTo(20_000);
        assertThat(metrics.lagAt(104_000)).isEqualTo(20_000);
        assertThat(metrics.lagAt(109_000)).as("only the half the slow batch fell in is left").isEqualTo(20_000);
        assertThat(metrics.lagAt(110_000)).as("nothing written for a whole window").isZero();
    }

    @Test
    void aFailedBatchIsNotCountedAndItsRetryIsCountedOnce() {
        metrics.bound(99_000);
        metrics.bound(99_500);
        metrics.clear(); // executeBatch threw; the sink binds the same rows again
        batch(100_000, 99_000, 99_500);
        assertThat(metrics.lagAt(100_000)).isEqualTo(1_000);
    }

    @Test
    void rowsWithoutACommitTimeCountAsRowsButNotForTheLag() {
        batch(100_000, 0, 0);
        assertThat(metrics.lagAt(100_000)).isZero();
    }
}
