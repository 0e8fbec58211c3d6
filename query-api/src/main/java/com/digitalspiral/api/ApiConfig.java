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
 * @param managementPort where /metrics (and /health) are served for Prometheus, apart from the public port
 *                       (SPIRAL_MANAGEMENT_PORT, 9070; 0 picks a free one, -1 turns it off)
 * @param jobs how the job queue is shared between tenants
 */
public record ApiConfig(DbConfig owner, String apiUser, String apiPassword, int port, String redisUrl,
                        Duration statementTimeout, int rowCap, Duration cacheTtl, boolean cacheEnabled, int poolSize,
                        long maxBodyBytes, int managementPort, JobLimits jobs) {

    /**
     * @param workers jobs run at once by this instance (SPIRAL_JOB_WORKERS, 2)
     * @param runningPerTenant most jobs of one tenant running at once, so others are not kept waiting
     *                         (SPIRAL_JOB_RUNNING_PER_TENANT, 1)
     * @param livePerTenant most jobs one tenant may have queued or running; more are refused with 429
     *                      (SPIRAL_JOB_QUOTA_PER_TENANT, 20)
     */
    public record JobLimits(int workers, int runningPerTenant, int livePerTenant) {}

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
                Long.parseLong(env.getOrDefault("SPIRAL_API_MAX_BODY", "262144")),
                Integer.parseInt(env.getOrDefault("SPIRAL_MANAGEMENT_PORT", "9070")),
                new JobLimits(Integer.parseInt(env.getOrDefault("SPIRAL_JOB_WORKERS", "2")),
                        Integer.parseInt(env.getOrDefault("SPIRAL_JOB_RUNNING_PER_TENANT", "1")),
                        Integer.parseInt(env.getOrDefault("SPIRAL_JOB_QUOTA_PER_TENANT", "20"))));
    }

    public ApiConfig withPort(int newPort) {
        return new ApiConfig(owner, apiUser, apiPassword, newPort, redisUrl, statementTimeout, rowCap, cacheTtl,
                cacheEnabled, poolSize, maxBodyBytes, managementPort, jobs);
    }

    public ApiConfig withRedisUrl(String url) {
        return new ApiConfig(owner, apiUser, apiPassword, port, url, statementTimeout, rowCap, cacheTtl, cacheEnabled,
                poolSize, maxBodyBytes, managementPort, jobs);
    }

    public ApiConfig withStatementTimeout(Duration timeout) {
        return new ApiConfig(owner, apiUser, apiPassword, port, redisUrl, timeout, rowCap, cacheTtl, cacheEnabled,
                poolSize, maxBodyBytes, managementPort, jobs);
    }

    public ApiConfig withRowCap(int cap) {
        return new ApiConfig(owner, apiUser, apiPassword, port, redisUrl, statementTimeout, cap, cacheTtl, cacheEnabled,
                poolSize, maxBodyBytes, managementPort, jobs);
    }

    public ApiConfig withPoolSize(int size) {
        return new ApiConfig(owner, apiUser, apiPassword, port, redisUrl, statementTimeout, rowCap, cacheTtl, cacheEnabled,
                size, maxBodyBytes, managementPort, jobs);
    }

    public ApiConfig withManagementPort(int newPort) {
        return new ApiConfig(owner, apiUser, apiPassword, port, redisUrl, statementTimeout, rowCap, cacheTtl, cacheEnabled,
                poolSize, maxBodyBytes, newPort, jobs);
    }

    public ApiConfig withJobs(JobLimits limits) {
        return new ApiConfig(owner, apiUser, apiPassword, port, redisUrl, statementTimeout, rowCap, cacheTtl, cacheEnabled,
                poolSize, maxBodyBytes, managementPort, limits);
    }
}
