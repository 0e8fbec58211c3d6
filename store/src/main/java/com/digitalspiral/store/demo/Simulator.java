package com.digitalspiral.store.demo;

import com.digitalspiral.store.DbConfig;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/** Paces a {@link ChangeMaker} at a steady rate of changes per second, for a while or until stopped. */
public final class Simulator {

    /** What a run made: changes per kind, the rate reached, how long it ran. */
    public record Result(long changes, double ratePerSecond, Duration took, Map<ChangeMaker.Kind, Long> byKind) {}

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
        long start = System.nanoTime();
        long end = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
        long n = 0;
        long nextReport = start + 1_000_000_000L;
        try (ChangeMaker maker = new ChangeMaker(config, seed)) {
            while (!stopped && System.nanoTime() < end) {
                long due = start + (long) (n * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                maker.next();
                n++;
                long now = System.nanoTime();
                if (progress != null && now >= nextReport) {
                    progress.printf("\rsimulate: %,d changes, %.0f/s   ", n, n / ((now - start) / 1e9));
                    progress.flush();
                    nextReport += 1_000_000_000L;
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (progress != null) {
                progress.println();
            }
            return new Result(n, n / (took.toNanos() / 1e9), took, maker.made());
        }
    }
}
