package com.digitalspiral.api.events;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who wants to hear when a job changes: job streams subscribe by job id and are woken by the
 * {@code spiral_job_changed} notification the jobs table sends at commit, so an open stream costs no query
 * until its job moves. A lost listener connection wakes every subscriber once (it may have missed changes).
 */
public final class JobFeed {

    public static final String CHANNEL = "spiral_job_changed";
    private final Map<UUID, Set<Runnable>> subscribers = new ConcurrentHashMap<>();

    /** Wires the feed to a listener: call before the listener starts. */
    public JobFeed attach(PgListener listener) {
        listener.on(CHANNEL, this::changed);
        return this;
    }

    /** Calls {@code wake} (on the listener's thread: hand work off) whenever the job may have changed. */
    public AutoCloseable subscribe(UUID job, Runnable wake) {
        subscribers.computeIfAbsent(job, j -> ConcurrentHashMap.newKeySet()).add(wake);
        return () -> subscribers.computeIfPresent(job, (j, set) -> {
            set.remove(wake);
            return set.isEmpty() ? null : set;
        });
    }

    /** Streams currently subscribed, over all jobs. */
    public int subscriptions() {
        return subscribers.values().stream().mapToInt(Set::size).sum();
    }

    void changed(String payload) {
        if (payload == null) {
            subscribers.values().forEach(set -> set.forEach(Runnable::run));
            return;
        }
        UUID id;
        try {
            id = UUID.fromString(payload);
        } catch (IllegalArgumentException e) {
            return;
        }
        Set<Runnable> set = subscribers.get(id);
        if (set != null) {
            set.forEach(Runnable::run);
        }
    }
}
