package com.digitalspiral.api.ops;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replication slots of the API's database and the WAL each keeps ({@code spiral_replication_slot_retained_bytes}
 * and {@code spiral_replication_slot_active}, by slot): a slot that nobody confirms keeps WAL until the disk is
 * full, so operators alert on it. Read every 15 s, not at each scrape, so scrapes never wait for the database.
 */
public final class SlotMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlotMetrics.class);
    private final DataSource dataSource;
    private final MultiGauge retained;
    private final MultiGauge active;
    private final ScheduledExecutorService every = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "spiral-slot-metrics");
        t.setDaemon(true);
        return t;
    });

    public SlotMetrics(DataSource dataSource, ApiMetrics metrics) {
        this.dataSource = dataSource;
        this.retained = metrics.multiGauge("spiral.replication.slot.retained.bytes",
                "WAL bytes a replication slot of this database keeps (from its restart position to the current one)");
        this.active = metrics.multiGauge("spiral.replication.slot.active", "1 while a consumer is connected to the slot");
    }

    public SlotMetrics start() {
        every.scheduleWithFixedDelay(this::read, 0, 15, TimeUnit.SECONDS);
        return this;
    }

    private void read() {
        List<MultiGauge.Row<?>> bytes = new ArrayList<>();
        List<MultiGauge.Row<?>> on = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT slot_name, active, coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn), 0)
                FROM pg_replication_slots WHERE database = current_database()""")) {
            ps.setQueryTimeout(5);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Tags slot = Tags.of("slot", rs.getString(1));
                    on.add(MultiGauge.Row.of(slot, rs.getBoolean(2) ? 1 : 0));
                    bytes.add(MultiGauge.Row.of(slot, rs.getDouble(3)));
                }
            }
            retained.register(bytes, true);
            active.register(on, true);
        } catch (Exception e) {
            LOG.debug("reading replication slots: {}", e.toString());
        }
    }

    @Override
    public void close() {
        every.shutdownNow();
    }
}
