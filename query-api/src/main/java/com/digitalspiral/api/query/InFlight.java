package com.digitalspiral.api.query;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Identical cache misses that arrive together share one query: the first runs it, the others wait for its rows.
 * Written by hand (a map of futures) because the libraries that do this (Guava's, Caffeine's loading caches)
 * would also keep the results, and keeping results is the Redis cache's job, with its freshness rules.
 */
final class InFlight<T> {

    /** The rows, and whether they came from another request's query. */
    record Outcome<T>(T value, boolean joined) {}

    private final ConcurrentHashMap<String, CompletableFuture<T>> running = new ConcurrentHashMap<>();

    Outcome<T> run(String key, Supplier<T> work) {
        CompletableFuture<T> mine = new CompletableFuture<>();
        CompletableFuture<T> other = running.putIfAbsent(key, mine);
        if (other != null) {
            try {
                return new Outcome<>(other.join(), true);
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }
        try {
            T value = work.get();
            mine.complete(value);
            return new Outcome<>(value, false);
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(key, mine);
        }
    }

    int size() {
        return running.size();
    }
}
