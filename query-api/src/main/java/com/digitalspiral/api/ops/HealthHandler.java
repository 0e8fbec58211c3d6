package com.digitalspiral.api.ops;

import com.digitalspiral.api.cache.ChangeListener;
import com.digitalspiral.api.cache.ResultCache;
import com.digitalspiral.catalog.Catalog;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/** GET /health: 200 while the database answers (Redis is optional: without it answers are uncached). */
public final class HealthHandler {

    private final DataSource dataSource;
    private final ResultCache cache;
    private final ChangeListener listener;
    private final Catalog catalog;
    private final java.util.function.Supplier<Map<String, Object>> translator;

    public HealthHandler(DataSource dataSource, ResultCache cache, ChangeListener listener, Catalog catalog,
                         java.util.function.Supplier<Map<String, Object>> translator) {
        this.translator = translator;
        this.dataSource = dataSource;
        this.cache = cache;
        this.listener = listener;
        this.catalog = catalog;
    }

    public void handle(Context ctx) {
        boolean db = databaseUp();
        boolean redis = cache.reachable();
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> questions = translator.get();
        boolean questionsOk = "ok".equals(questions.get("state"));
        body.put("status", !db ? "down" : redis && cache.usable() && questionsOk ? "ok" : "degraded");
        body.put("database", db ? "up" : "down");
        body.put("redis", redis ? "up" : "down");
        body.put("cache", cache.usable() ? "serving" : "bypassed");
        body.put("change_listener", listener.listening() ? "listening" : "not listening");
        body.put("catalog_version", catalog.version());
        body.put("translator", questions);
        ctx.status(db ? 200 : 503).json(body);
    }

    /** How long /health waits for the database before it says "down": health must tell the truth fast. */
    static final long DEADLINE_MS = 2_000;
    /** One check at a time: while the database hangs, health calls share the check in flight instead of piling up. */
    private final java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<Boolean>> inFlight =
            new java.util.concurrent.atomic.AtomicReference<>();

    private boolean databaseUp() {
        java.util.concurrent.CompletableFuture<Boolean> check = inFlight.updateAndGet(f -> f != null && !f.isDone() ? f
                : java.util.concurrent.CompletableFuture.supplyAsync(this::ping));
        try {
            return check.get(DEADLINE_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception noAnswerInTime) {
            return false;
        }
    }

    private boolean ping() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
