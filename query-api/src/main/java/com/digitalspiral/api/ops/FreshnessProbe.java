package com.digitalspiral.api.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far behind the figures are, measured end to end: every second the API writes a beat into pipeline_heartbeat
 * (a captured table, migration V12); the pipeline carries it through the change stream like a Jira change and writes
 * its commit time to pipeline_progress. The lag is now minus the newest beat carried ({@code
 * spiral_pipeline_lag_seconds}, and /health): about a second while the pipeline keeps up, growing while it is
 * stopped, stuck or behind, whether Jira is busy or quiet. Before any beat has been carried it counts from the
 * probe's start; while the database does not answer it grows from the last reading.
 */
public final class FreshnessProbe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FreshnessProbe.class);
    /** How often a beat is written and the lag read. */
    static final long PERIOD_MS = 1_000;

    private final DataSource owner;
    private final DataSource reader;
    private final long startedAt = System.nanoTime();
    private volatile double lastLag = Double.NaN;
    private volatile long lastReadAt;
    private final ScheduledExecutorService every = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "spiral-freshness-probe");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param owner  writes the beats (the owner's pool: the API's own role only reads)
     * @param reader reads pipeline_progress
     */
    public FreshnessProbe(DataSource owner, DataSource reader, ApiMetrics metrics) {
        this.owner = owner;
        this.reader = reader;
        metrics.gauge("spiral.pipeline.lag.seconds",
                "now minus the newest heartbeat the pipeline carried to pipeline_progress: how far behind the figures are", this::lagSeconds);
    }

    public FreshnessProbe start() {
        every.scheduleWithFixedDelay(this::beat, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Seconds the figures are behind, as of now. */
    public double lagSeconds() {
        if (Double.isNaN(lastLag)) {
            return (System.nanoTime() - startedAt) / 1e9; // nothing carried (or read) yet
        }
        return lastLag + (System.nanoTime() - lastReadAt) / 1e9;
    }

    private void beat() {
        try (Connection c = owner.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO pipeline_heartbeat (id, beat_at) VALUES (1, clock_timestamp())
                ON CONFLICT (id) DO UPDATE SET beat_at = EXCLUDED.beat_at""")) {
            ps.setQueryTimeout(2);
            ps.executeUpdate();
        } catch (Exception e) {
            LOG.debug("writing the freshness probe's beat: {}", e.toString());
        }
        try (Connection c = reader.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT extract(epoch FROM clock_timestamp() - beat_at) FROM pipeline_progress WHERE id = 1")) {
            ps.setQueryTimeout(2);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    lastLag = Math.max(0, rs.getDouble(1));
                    lastReadAt = System.nanoTime();
                }
            }
        } catch (Exception e) {
            LOG.debug("reading the pipeline's progress: {}", e.toString());
        }
    }

    @Override
    public void close() {
        every.shutdownNow();
    }
}
