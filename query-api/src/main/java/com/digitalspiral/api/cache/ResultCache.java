package com.digitalspiral.api.cache;

import com.digitalspiral.api.query.QueryResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers kept in Redis, keyed by tenant and the hash of the compiled query (which covers the spec, the
 * resolved time range and the catalog version). An answer is served only while it is current:
 *
 * <ul>
 *   <li>every entry records the tenant's <em>generation</em> and the global <em>epoch</em> read before its
 *       query ran; {@link ChangeListener} bumps a tenant's generation whenever Postgres reports a write to
 *       that tenant's rows (LISTEN/NOTIFY from triggers, at commit), so older entries stop matching;</li>
 *   <li>the epoch is bumped whenever notifications may have been missed (listener reconnected, a bump
 *       failed), which retires every entry; until that bump succeeds the cache is bypassed.</li>
 * </ul>
 * If Redis is unreachable, look-ups and stores are skipped (for {@link #RETRY_AFTER_FAILURE}) and queries
 * run uncached.
 */
public final class ResultCache implements AutoCloseable {

    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(ResultCache.class);
    private static final String EPOCH = "spiral:epoch";

    private final RedisClient client;
    private final ObjectMapper json;
    private final Duration ttl;
    private final Duration volatileTtl;
    private volatile StatefulRedisConnection<String, String> connection;
    private final AtomicLong downUntil = new AtomicLong();
    /** False while notifications may be missed: nothing is read from or written to the cache. */
    private final AtomicBoolean trusted = new AtomicBoolean(false);
    private final AtomicBoolean enabled;

    /** What an answer was computed against. */
    public record Stamp(long epoch, long generation) {}

    /** A stored answer. */
    public record Entry(long epoch, long generation, QueryResult result) {}

    /** A look-up: the hit, if any, and the stamp to store a fresh answer with. */
    public record Lookup(Optional<QueryResult> hit, Stamp stamp) {}

    public ResultCache(String redisUrl, ObjectMapper json, Duration ttl, Duration volatileTtl, boolean enabled) {
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(Duration.ofMillis(500));
        this.client = RedisClient.create(uri);
        this.json = json;
        this.ttl = ttl;
        this.volatileTtl = volatileTtl;
        this.enabled = new AtomicBoolean(enabled);
    }

    public boolean usable() {
        return enabled.get() && trusted.get() && System.currentTimeMillis() >= downUntil.get();
    }

    /** False until a listener has bumped the epoch since notifications could last have been missed. */
    public boolean trusted() {
        return trusted.get();
    }

    public void setEnabled(boolean on) {
        enabled.set(on);
    }

    /** Null when the cache cannot be used now. */
    public Lookup lookup(UUID tenant, String queryHash) {
        if (!usable()) {
            return null;
        }
        try {
            List<KeyValue<String, String>> values = commands().mget(EPOCH, generationKey(tenant), entryKey(tenant, queryHash));
            Stamp stamp = new Stamp(number(values.get(0)), number(values.get(1)));
            Optional<QueryResult> hit = Optional.empty();
            if (values.get(2).hasValue()) {
                Entry e = json.readValue(values.get(2).getValue(), Entry.class);
                if (e.epoch() == stamp.epoch() && e.generation() == stamp.generation()) {
                    hit = Optional.of(e.result());
                }
            }
            return new Lookup(hit, stamp);
        } catch (Exception e) {
            failed("look-up", e);
            return null;
        }
    }

    public void store(UUID tenant, String queryHash, Stamp stamp, QueryResult result, boolean volatileResult) {
        if (!usable()) {
            return;
        }
        try {
            String value = json.writeValueAsString(new Entry(stamp.epoch(), stamp.generation(), result));
            Duration life = volatileResult ? volatileTtl : ttl;
            commands().set(entryKey(tenant, queryHash), value, SetArgs.Builder.px(life.toMillis()));
        } catch (Exception e) {
            failed("store", e);
        }
    }

    /** Retires the tenant's answers; on failure the cache stays bypassed until {@link #retireAll} succeeds. */
    public void retire(UUID tenant) {
        try {
            commands().incr(generationKey(tenant));
        } catch (Exception e) {
            trusted.set(false);
            failed("invalidation", e);
        }
    }

    /** Retires every answer and trusts the cache again; false if Redis could not be told. */
    public boolean retireAll() {
        try {
            commands().incr(EPOCH);
            trusted.set(true);
            downUntil.set(0);
            return true;
        } catch (Exception e) {
            trusted.set(false);
            failed("epoch bump", e);
            return false;
        }
    }

    /** Called when notifications may be missed from now on. */
    public void distrust() {
        trusted.set(false);
    }

    public boolean reachable() {
        try {
            return "PONG".equals(commands().ping());
        } catch (Exception e) {
            return false;
        }
    }

    private RedisCommands<String, String> commands() {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null || !c.isOpen()) {
            synchronized (this) {
                c = connection;
                if (c == null || !c.isOpen()) {
                    c = client.connect();
                    connection = c;
                }
            }
        }
        return c.sync();
    }

    private void failed(String what, Exception e) {
        if (downUntil.getAndSet(System.currentTimeMillis() + RETRY_AFTER_FAILURE.toMillis()) < System.currentTimeMillis()) {
            LOG.warn("Redis {} failed, answering uncached for {} s: {}", what, RETRY_AFTER_FAILURE.toSeconds(), e.toString());
        }
    }

    static String generationKey(UUID tenant) {
        return "spiral:gen:" + tenant;
    }

    static String entryKey(UUID tenant, String hash) {
        return "spiral:result:" + tenant + ":" + hash;
    }

    private static long number(KeyValue<String, String> kv) {
        return kv.hasValue() ? Long.parseLong(kv.getValue()) : 0;
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
