package com.digitalspiral.api.cache;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on {@code spiral_data_changed} (sent by triggers on the tables the API reads, at commit) and
 * retires the changed tenant's cached answers. While it is not listening the cache is distrusted; once
 * listening again it retires everything, since notifications may have been missed.
 */
public final class ChangeListener implements AutoCloseable {

    public static final String CHANNEL = "spiral_data_changed";
    private static final Logger LOG = LoggerFactory.getLogger(ChangeListener.class);

    private final Supplier<Connection> connect;
    private final ResultCache cache;
    private final Thread thread;
    private final AtomicLong notifications = new AtomicLong();
    private final java.util.List<java.util.function.Consumer<UUID>> subscribers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean running = true;
    private volatile boolean listening;

    public ChangeListener(Supplier<Connection> connect, ResultCache cache) {
        this.connect = connect;
        this.cache = cache;
        this.thread = new Thread(this::loop, "spiral-change-listener");
        this.thread.setDaemon(true);
    }

    public ChangeListener start() {
        thread.start();
        return this;
    }

    /**
     * Tells a subscriber each tenant whose data changed (null: any may have, as after a lost connection). Called
     * on the listener's thread: a subscriber hands work off and returns at once. Closing unsubscribes.
     */
    public AutoCloseable subscribe(java.util.function.Consumer<UUID> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    private void tell(UUID tenant) {
        for (java.util.function.Consumer<UUID> s : subscribers) {
            try {
                s.accept(tenant);
            } catch (RuntimeException e) {
                LOG.warn("a change subscriber failed: {}", e.toString());
            }
        }
    }

    public boolean listening() {
        return listening;
    }

    public long notifications() {
        return notifications.get();
    }

    private void loop() {
        while (running) {
            try (Connection c = connect.get()) {
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                listening = true;
                tell(null);
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    if (!cache.trusted()) {
                        cache.retireAll();
                    }
                    PGNotification[] batch = pg.getNotifications(500);
                    if (batch == null) {
                        continue;
                    }
                    for (PGNotification n : batch) {
                        notifications.incrementAndGet();
                        UUID tenant = null;
                        try {
                            tenant = UUID.fromString(n.getParameter());
                            cache.retire(tenant);
                        } catch (IllegalArgumentException bad) {
                            cache.retireAll();
                        }
                        tell(tenant);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                cache.distrust();
                if (running) {
                    LOG.warn("change listener lost its connection, cache bypassed until it is back: {}", e.toString());
                    sleep();
                }
            }
        }
        listening = false;
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        cache.distrust();
        thread.join(2000);
    }
}
