package com.digitalspiral.api;

import com.digitalspiral.store.DbConfig;
import java.time.Duration;
import java.util.Map;

/**
 * The service's settings, from the environment.
 *
 * @param owner the schema owner's connection: runs migrations and seeds the catalog at start-up
 * @param apiUser the role queries run as (not a superuser, so row-level security applies)
 * @param port HTTP port (SPIRAL_API_PORT, 7070)
 * @param redisUrl cache and rate-limit store (SPIRAL_REDIS_URL)
 * @param statementTimeout longest a query may run (SPIRAL_QUERY_TIMEOUT_MS, 30 s)
 * @param rowCap most rows one answer carries (SPIRAL_ROW_CAP, 10,000)
 * @param cacheTtl how long an unchanged answer is kept (SPIRAL_CACHE_TTL_S, 300 s); clock-dependent answers 60 s
 * @param cacheEnabled SPIRAL_CACHE=off turns the result cache off
 * @param poolSize database connections for queries (SPIRAL_API_POOL, 16)
 * @param maxBodyBytes largest request body (SPIRAL_API_MAX_BODY, 256 KiB)
 */
public record ApiConfig(DbConfig owner, String apiUser, String apiPassword, int port, String redisUrl,
                        Duration statementTimeout, int rowCap, Duration cacheTtl, boolean cacheEnabled, int poolSize,
                        long maxBodyBytes) {

    public static ApiConfig fromEnv() {
        return fromEnv(System.getenv(), DbConfig.fromEnv());
    }

    public static ApiConfig fromEnv(Map<String, String> env, DbConfig owner) {
        return new ApiConfig(owner,
                env.getOrDefault("SPIRAL_API_DB_USER", "spiral_api"),
                env.getOrDefault("SPIRAL_API_DB_PASSWORD", ""),
                Integer.parseInt(env.getOrDefault("SPIRAL_API_PORT", "7070")),
                env.getOrDefault("SPIRAL_REDIS_URL", "redis://127.0.0.1:6379"),
                Duration.ofMillis(Long.parseLong(env.getOrDefault("SPIRAL_QUERY_TIMEOUT_MS", "30000"))),
                Integer.parseInt(env.getOrDefault("SPIRAL_ROW_CAP", "10000")),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("SPIRAL_CACHE_TTL_S", "300"))),
                !"off".equalsIgnoreCase(env.getOrDefault("SPIRAL_CACHE", "on")),
                Integer.parseInt(env.getOrDefault("SPIRAL_API_POOL", "16")),
                Long.parseLong(env.getOrDefault("SPIRAL_API_MAX_BODY", "262144")));
    }

    public ApiConfig withPort(int newPort) {
        return new ApiConfig(owner, apiUser, apiPassword, newPort, redisUrl, statementTimeout, rowCap, cacheTtl,
                cacheEnabled, poolSize, maxBodyBytes);
    }

    public ApiConfig withRedisUrl(String url) {
        return new ApiConfig(owner, apiUser, apiPassword, port, url, statementTimeout, rowCap, cacheTtl, cacheEnabled,
                poolSize, maxBodyBytes);
    }

    public ApiConfig withStatementTimeout(Duration timeout) {
        return new ApiConfig(owner, apiUser, apiPassword, port, redisUrl, timeout, rowCap, cacheTtl, cacheEnabled,
                poolSize, maxBodyBytes);
    }

    public ApiConfig withRowCap(int cap) {
        return new ApiConfig(owner, apiUser, apiPassword, port, redisUrl, statementTimeout, cap, cacheTtl, cacheEnabled,
                poolSize, maxBodyBytes);
    }

    public ApiConfig withPoolSize(int size) {
        return new ApiConfig(owner, apiUser, apiPassword, port, redisUrl, statementTimeout, rowCap, cacheTtl, cacheEnabled,
                size, maxBodyBytes);
    }
}
