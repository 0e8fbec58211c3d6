package com.digitalspiral.api.translate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every call to a language-model provider goes through here: a bounded pool (beyond it the caller is told at
 * once, and the offline reader answers), one deadline the API enforces itself (connect, headers and body
 * together: a provider that sends headers and then stalls or trickles bytes cannot hold a question), and a
 * circuit breaker that stops asking a provider that keeps failing for a while, so questions are answered offline
 * at once instead of each waiting out the deadline. Its state is on /health.
 */
final class ProviderGate implements AutoCloseable {

    /** Why a call did not return an answer: the caller falls back to the offline reader. */
    static final class Unavailable extends Exception {
        Unavailable(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    private final ThreadPoolExecutor pool;
    private final int failuresToOpen;
    private final Duration openFor;
    private final Clock clock;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile Instant openUntil = Instant.MIN;
    private volatile String lastFailure;

    /**
     * @param concurrency    provider calls in flight at most; more are refused at once
     * @param failuresToOpen consecutive failures (errors or deadlines) that open the breaker
     * @param openFor        how long an open breaker keeps questions away from the provider
     */
    ProviderGate(int concurrency, int failuresToOpen, Duration openFor, Clock clock) {
        this.pool = new ThreadPoolExecutor(concurrency, concurrency, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "llm-provider");
            t.setDaemon(true);
            return t;
        });
        this.pool.allowCoreThreadTimeOut(true);
        this.failuresToOpen = failuresToOpen;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Runs a provider call within what is left of the translation's deadline. */
    <T> T call(Callable<T> work, Instant deadline) throws Unavailable {
        if (open()) {
            throw new Unavailable("the provider failed " + failuresToOpen + " times in a row; asking again after "
                    + openUntil, null);
        }
        long waitMs = Duration.between(clock.instant(), deadline).toMillis();
        if (waitMs <= 0) {
            throw new Unavailable("no time left before the deadline", null);
        }
        Future<T> f;
        try {
            f = pool.submit(work);
        } catch (RejectedExecutionException e) {
            throw new Unavailable("all " + pool.getMaximumPoolSize() + " provider slots are busy", e);
        }
        try {
            T result = f.get(waitMs, TimeUnit.MILLISECONDS);
            consecutiveFailures.set(0);
            return result;
        } catch (TimeoutException e) {
            f.cancel(true);
            failed("no complete answer within the deadline");
            throw new Unavailable("no complete answer within the deadline", e);
        } catch (ExecutionException e) {
            failed(String.valueOf(e.getCause()));
            throw new Unavailable("the provider failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted", e);
        }
    }

    private void failed(String why) {
        lastFailure = why;
        if (consecutiveFailures.incrementAndGet() >= failuresToOpen) {
            openUntil = clock.instant().plus(openFor);
            consecutiveFailures.set(0);
        }
    }

    boolean open() {
        return clock.instant().isBefore(openUntil);
    }

    /** For /health: whether questions reach the provider or go to the offline reader. */
    Map<String, Object> status() {
        Map<String, Object> s = new LinkedHashMap<>();
        boolean open = open();
        s.put("state", open ? "degraded" : "ok");
        s.put("breaker", open ? "open" : "closed");
        if (open) {
            s.put("fallback", "offline reader until " + openUntil);
        }
        s.put("calls_in_flight", pool.getActiveCount());
        if (lastFailure != null) {
            s.put("last_failure", lastFailure);
        }
        return s;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
