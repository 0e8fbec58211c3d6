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

    private boolean databaseUp() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
