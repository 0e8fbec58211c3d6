package com.digitalspiral.api.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.digitalspiral.api.errors.ApiProblem;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SearchPoolTest {

    @Test
    void aSearchRunsOnAPoolThreadAndItsAnswerComesBack() throws Exception {
        try (SearchPool pool = new SearchPool(new SearchPool.Settings(2, 10, Duration.ofSeconds(5)))) {
            assertThat(pool.call(() -> Thread.currentThread().getName())).startsWith("search-");
        }
    }

    @Test
    void aSearchPastTheDeadlineIsA503ThatSaysSoAndTheCallerIsNotKeptWaiting() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (SearchPool pool = new SearchPool(new SearchPool.Settings(1, 10, Duration.ofMillis(200)))) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> pool.call(() -> release.await(10, TimeUnit.SECONDS)))
                    .isInstanceOfSatisfying(ApiProblem.class, p -> {
                        assertThat(p.status()).isEqualTo(503);
                        assertThat(p.type()).endsWith("search-timeout");
                        assertThat(p.headers()).containsKey("Retry-After");
                    });
            assertThat((System.nanoTime() - t0) / 1e6).isLessThan(2_000);
            release.countDown();
        }
    }

    @Test
    void whenTheQueueIsFullTheNextSearchIsRefusedAtOnceWithRetryAfter() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        try (SearchPool pool = new SearchPool(new SearchPool.Settings(1, 1, Duration.ofSeconds(10)))) {
            Thread first = new Thread(() -> call(pool, () -> {
                running.countDown();
                return release.await(10, TimeUnit.SECONDS);
            }));
            first.start();
            running.await(5, TimeUnit.SECONDS);
            Thread queued = new Thread(() -> call(pool, () -> true));
            queued.start();
            while (pool.waiting() < 1) {
                Thread.onSpinWait();
            }
            assertThatThrownBy(() -> pool.call(() -> true)).isInstanceOfSatisfying(ApiProblem.class, p -> {
                assertThat(p.status()).isEqualTo(503);
                assertThat(p.type()).endsWith("search-busy");
                assertThat(p.headers()).containsEntry("Retry-After", "1");
            });
            release.countDown();
            first.join(5_000);
            queued.join(5_000);
        }
    }

    @Test
    void aFailureInsideTheSearchReachesTheCallerAsItself() {
        try (SearchPool pool = new SearchPool(new SearchPool.Settings(1, 10, Duration.ofSeconds(5)))) {
            assertThatThrownBy(() -> pool.call(() -> {
                throw new IOException("index folder gone");
            })).isInstanceOf(IOException.class).hasMessage("index folder gone");
            assertThatThrownBy(() -> pool.call(() -> {
                throw ApiProblem.notFound("there is no issue X-1");
            })).isInstanceOf(ApiProblem.class);
        }
    }

    private static void call(SearchPool pool, java.util.concurrent.Callable<Boolean> work) {
        try {
            pool.call(work);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }
}
