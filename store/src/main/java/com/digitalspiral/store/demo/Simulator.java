package com.digitalspiral.store.demo;

import com.digitalspiral.store.DbConfig;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Paces {@link ChangeMaker}s at a steady total rate of changes per second, for a while or until stopped.
 * High rates are spread over several connections, each with its own seed.
 */
public final class Simulator {

    /** What a run made: changes per kind, the rate reached, how long it ran. */
    public record Result(long changes, double ratePerSecond, Duration took, Map<ChangeMaker.Kind, Long> byKind) {}

    /** Changes per second one connection is given; above it the load is split. */
    private static final double PER_WORKER = 150;

    private final DbConfig config;
    private volatile boolean stopped;

    public Simulator(DbConfig config) {
        this.config = config;
    }

    public void stop() {
        stopped = true;
    }

    /** Runs at {@code rate} changes/s for {@code duration} (null: until {@link #stop()}); reports every second. */
    public Result run(double rate, Duration duration, long seed, PrintStream progress) throws SQLException {
        if (rate <= 0) {
            throw new IllegalArgumentException("--rate must be positive, got " + rate);
        }
        int workers = (int) Math.max(1, Math.ceil(rate / PER_WORKER));
        AtomicLong made = new AtomicLong();
        List<ChangeMaker> makers = new ArrayList<>();
        ChangeMaker.Pools pools = ChangeMaker.Pools.load(config);
        // the clock starts once every connection is ready, or the first second would be a burst
        long start = System.nanoTime();
        long end;
        try {
            for (int w = 0; w < workers; w++) {
                makers.add(new ChangeMaker(config, seed + w, pools));
            }
            start = System.nanoTime();
            end = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
            long started = start;
            long ending = end;
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            List<Future<?>> running = new ArrayList<>();
            for (ChangeMaker maker : makers) {
                running.add(pool.submit(() -> {
                    pace(maker, rate / workers, started, ending, made);
                    return null;
                }));
            }
            long nextReport = start + 1_000_000_000L;
            while (running.stream().anyMatch(f -> !f.isDone())) {
                LockSupport.parkNanos(50_000_000L);
                long now = System.nanoTime();
                if (progress != null && now >= nextReport) {
                    progress.printf("\rsimulate: %,d changes, %.0f/s   ", made.get(), made.get() / ((now - start) / 1e9));
                    progress.flush();
                    nextReport += 1_000_000_000L;
                }
            }
            pool.shutdown();
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException s ? s : new SQLException(e.getCause());
        } finally {
            for (ChangeMaker m : makers) {
                m.close();
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (progress != null) {
            progress.println();
        }
        Map<ChangeMaker.Kind, Long> byKind = new EnumMap<>(ChangeMaker.Kind.class);
        for (ChangeMaker m : makers) {
            m.made().forEach((k, n) -> byKind.merge(k, n, Long::sum));
        }
        return new Result(made.get(), made.get() / (took.toNanos() / 1e9), took, byKind);
    }

    private void pace(ChangeMaker maker, double rate, long start, long end, AtomicLong made) throws SQLException {
        long n = 0;
        while (!stopped && System.nanoTime() < end) {
            long due = start + (long) (n * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            maker.next();
            n++;
            made.incrementAndGet();
        }
    }
}
