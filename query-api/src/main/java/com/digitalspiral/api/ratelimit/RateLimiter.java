package com.digitalspiral.api.ratelimit;

import com.digitalspiral.api.auth.Caller;
import com.digitalspiral.api.errors.ApiProblem;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-key token buckets (bucket4j): each key may make its {@code rate_limit_per_minute} requests a minute,
 * refilled continuously. Buckets live in Redis so that all API instances share them; while Redis is
 * unreachable each instance falls back to buckets of its own rather than refusing or letting everything
 * through.
 */
public final class RateLimiter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);

    private final RedisClient client;
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile ProxyManager<String> buckets;
    private final ConcurrentHashMap<String, Bucket> local = new ConcurrentHashMap<>();
    private final AtomicLong redisDownUntil = new AtomicLong();

    public RateLimiter(String redisUrl) {
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(Duration.ofMillis(500));
        this.client = RedisClient.create(uri);
    }

    /** Takes one token for the caller or throws a 429 with Retry-After. */
    public void acquire(Caller caller) {
        String key = "spiral:rate:" + caller.keyId();
        BucketConfiguration config = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(caller.ratePerMinute()).refillGreedy(caller.ratePerMinute(), Duration.ofMinutes(1)))
                .build();
        ConsumptionProbe probe = probe(key, config);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw new ApiProblem(429, "rate-limited", "Too many requests", "this API key may make "
                    + caller.ratePerMinute() + " requests a minute; retry in " + seconds + " s")
                    .header("Retry-After", Long.toString(seconds));
        }
    }

    private ConsumptionProbe probe(String key, BucketConfiguration config) {
        if (System.currentTimeMillis() >= redisDownUntil.get()) {
            try {
                return remote().getProxy(key, () -> config).tryConsumeAndReturnRemaining(1);
            } catch (RuntimeException e) {
                if (redisDownUntil.getAndSet(System.currentTimeMillis() + 5_000) < System.currentTimeMillis()) {
                    LOG.warn("rate limiting in Redis failed, using per-instance buckets for 5 s: {}", e.toString());
                }
            }
        }
        return local.computeIfAbsent(key, k -> Bucket.builder().addLimit(config.getBandwidths()[0]).build())
                .tryConsumeAndReturnRemaining(1);
    }

    private ProxyManager<String> remote() {
        ProxyManager<String> p = buckets;
        if (p == null || connection == null || !connection.isOpen()) {
            synchronized (this) {
                if (buckets == null || connection == null || !connection.isOpen()) {
                    connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
                    buckets = Bucket4jLettuce.casBasedBuilder(connection)
                            .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(2)))
                            .build();
                }
                p = buckets;
            }
        }
        return p;
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
