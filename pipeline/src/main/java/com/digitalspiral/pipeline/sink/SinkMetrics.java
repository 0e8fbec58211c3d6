package com.digitalspiral.pipeline.sink;

import java.io.Serializable;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * What one sink subtask reports about its writes, in Flink's metric group {@code sink=<table>} of the sink's writer:
 * <ul>
 *   <li>{@code batches}: batches written (counter);</li>
 *   <li>{@code batchSize}: rows per batch, and {@code batchLatencyMs}: how long the database took to take a batch
 *       (histograms over the last {@value #WINDOW} batches);</li>
 *   <li>{@code freshnessLagMs}: the longest commit-to-row delay among the rows written in the last 10 s, 0 when none
 *       were (the time from a change's commit in the source to the row written; for rows of a snapshot, the time
 *       since they were read);</li>
 *   <li>{@code newestSourceCommitMs}: the newest source commit written, in epoch ms (now minus it is the data's age).</li>
 * </ul>
 * A window rather than the last batch's delay: a subtask whose keys stop changing would otherwise report the delay of
 * its last write for ever, and an alert on the lag would fire on a quiet night.
 *
 * <p>Serializable and bound per subtask: the sink (with this object in it) is deserialized once per subtask, and
 * {@link #bind} registers that subtask's metrics before its writer opens.
 */
final class SinkMetrics implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Batches the histograms keep. */
    static final int WINDOW = 500;
    /** Half of the lag's window: the lag is the larger of the current and the previous half. */
    static final long HALF_WINDOW_MS = 5_000;

    private final String table;
    private transient Counter batches;
    private transient Histogram batchSize;
    private transient Histogram batchLatencyMs;

    // the batch being bound: the oldest and newest source commit among its rows (ms), rows bound
    private transient long pendingOldest;
    private transient long pendingNewest;
    private transient int pendingRows;

    // the lag's window, in two halves; written under the sink's lock, read by the metric reporter's thread
    private transient volatile long halfStart;
    private transient volatile long currentMax;
    private transient volatile long previousMax;
    private transient volatile long newestWritten;

    SinkMetrics(String table) {
        this.table = table;
    }

    /** Registers this subtask's metrics under {@code group}. */
    void bind(MetricGroup group) {
        MetricGroup g = group.addGroup("sink", table);
        batches = g.counter("batches");
        batchSize = g.histogram("batchSize", new DescriptiveStatisticsHistogram(WINDOW));
        batchLatencyMs = g.histogram("batchLatencyMs", new DescriptiveStatisticsHistogram(WINDOW));
        g.gauge("freshnessLagMs", (Gauge<Long>) () -> lagAt(System.currentTimeMillis()));
        g.gauge("newestSourceCommitMs", (Gauge<Long>) () -> newestWritten);
        pendingOldest = Long.MAX_VALUE;
    }

    /** A row was bound into the batch being built. */
    void bound(long sourceTs) {
        pendingRows++;
        if (sourceTs > 0) {
            pendingOldest = Math.min(pendingOldest, sourceTs);
            pendingNewest = Math.max(pendingNewest, sourceTs);
        }
    }

    /** The batch bound since the last call was taken by the database in {@code nanos}. */
    void written(long nanos, long now) {
        if (batches == null) {
            return; // not bound (a sink used outside a Flink task)
        }
        batches.inc();
        batchSize.update(pendingRows);
        batchLatencyMs.update(nanos / 1_000_000);
        if (pendingNewest > 0) {
            rotate(now);
            currentMax = Math.max(currentMax, Math.max(0, now - pendingOldest));
            newestWritten = Math.max(newestWritten, pendingNewest);
        }
        clear();
    }

    /** The batch failed; the sink binds it again for its retry. */
    void clear() {
        pendingRows = 0;
        pendingOldest = Long.MAX_VALUE;
        pendingNewest = 0;
    }

    long lagAt(long now) {
        long age = now - halfStart;
        if (age >= 2 * HALF_WINDOW_MS) {
            return 0;
        }
        return age >= HALF_WINDOW_MS ? currentMax : Math.max(currentMax, previousMax);
    }

    private void rotate(long now) {
        long age = now - halfStart;
        if (age >= 2 * HALF_WINDOW_MS) {
            previousMax = 0;
            currentMax = 0;
            halfStart = now;
        } else if (age >= HALF_WINDOW_MS) {
            previousMax = currentMax;
            currentMax = 0;
            halfStart = now;
        }
    }
}
