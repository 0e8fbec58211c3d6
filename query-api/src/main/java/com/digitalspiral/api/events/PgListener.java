package com.digitalspiral.api.events;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection that LISTENs on the API's event channels (jobs queued, a job changed, a key revoked) and hands
 * each notification's payload to the channel's subscribers. While the connection is down nothing is heard, so
 * on every (re)connect each subscriber is told {@code null}: "anything may have happened, look again". Handlers
 * run on the listener's thread and must return at once.
 */
public final class PgListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PgListener.class);
    /** How long one wait for notifications lasts; also how soon close() is noticed. */
    private static final int WAIT_MS = 500;

    private final Supplier<Connection> connect;
    private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean listening;

    public PgListener(Supplier<Connection> connect) {
        this.connect = connect;
        this.thread = new Thread(this::loop, "spiral-events");
        this.thread.setDaemon(true);
    }

    /** Subscribes before {@link #start()}: the channels are fixed when the connection opens. */
    public PgListener on(String channel, Consumer<String> handler) {
        if (!channel.matches("[a-z_]+")) {
            throw new IllegalArgumentException("channel names are lower-case words: " + channel);
        }
        handlers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(handler);
        return this;
    }

    public PgListener start() {
        thread.start();
        return this;
    }

    /** True while notifications are being heard; a cache that relies on them must not trust itself otherwise. */
    public boolean listening() {
        return listening;
    }

    private void loop() {
        while (running) {
            try (Connection c = connect.get()) {
                try (Statement st = c.createStatement()) {
                    for (String channel : handlers.keySet()) {
                        st.execute("LISTEN " + channel);
                    }
                }
                listening = true;
                handlers.values().forEach(list -> list.forEach(h -> tell(h, null)));
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] batch = pg.getNotifications(WAIT_MS);
                    if (batch == null) {
                        continue;
                    }
                    for (PGNotification n : batch) {
                        List<Consumer<String>> list = handlers.get(n.getName());
                        if (list != null) {
                            list.forEach(h -> tell(h, n.getParameter()));
                        }
                    }
                }
            } catch (Exception e) {
                listening = false;
                if (running) {
                    LOG.warn("event listener lost its connection, retrying in 1 s: {}", e.toString());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }
        listening = false;
    }

    private static void tell(Consumer<String> handler, String payload) {
        try {
            handler.accept(payload);
        } catch (RuntimeException e) {
            LOG.warn("an event handler failed: {}", e.toString());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(2000);
    }
}
