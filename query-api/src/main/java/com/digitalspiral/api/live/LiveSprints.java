package com.digitalspiral.api.live;

import com.digitalspiral.api.TenantScope;
import com.digitalspiral.api.auth.AuthFilter;
import com.digitalspiral.api.cache.ChangeListener;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET /analytics/live/sprints: a Server-Sent Events stream of the caller's active sprints. First a
 * {@code snapshot} of every active sprint's figures, then a {@code sprint} event for each sprint whose figures
 * the pipeline changed, and {@code gone} for a sprint no longer active. Driven by the database notifications
 * the cache already listens to (a commit to sprint_stats notifies its tenant): no polling; a stream re-reads only
 * when its tenant's data changed. Rows are read as the API role under row-level security, so another tenant's
 * sprints cannot be sent. Each row carries source_ts, so a screen can show the delay from commit to screen.
 */
public final class LiveSprints implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSprints.class);
    static final String SQL = """
            SELECT sprint_id, sprint_name, project_key, start_date, end_date, planned_sp, completed_sp, added_after_start_sp,
                   removed_sp, spillover_ratio, scope_churn_ratio, blocked_hours, issue_count, bug_count, source_ts, refreshed_at
            FROM sprint_stats WHERE state = 'active' ORDER BY project_key, start_date, sprint_name""";

    private final DataSource dataSource;
    private final com.digitalspiral.api.query.QueryService queries;
    private final ChangeListener listener;
    private final ObjectMapper json;
    // re-reads run here, never on the listener's thread; a few streams' reads at once are plenty
    private final ExecutorService reads = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "live-sprints");
        t.setDaemon(true);
        return t;
    });

    /** The problematic score with its factors, among the active sprints (the score is a z-score within its scope). */
    private static final String SCORE_SPEC = """
            {"metrics": ["sprint_problematic_score"], "dimensions": ["sprint"],
             "filters": [{"field": "state", "op": "eq", "value": "active"}], "breakdown": true}""";

    public LiveSprints(DataSource dataSource, com.digitalspiral.api.query.QueryService queries, ChangeListener listener,
                       ObjectMapper json) {
        this.dataSource = dataSource;
        this.queries = queries;
        this.listener = listener;
        this.json = json;
    }

    public void stream(SseClient client) {
        com.digitalspiral.api.auth.Caller caller = AuthFilter.caller(client.ctx());
        UUID tenant = caller.tenantId();
        client.keepAlive();
        Map<String, Map<String, Object>> sent = new HashMap<>();
        try {
            List<Map<String, Object>> first = read(caller);
            first.forEach(r -> sent.put((String) r.get("sprint_id"), r));
            client.sendEvent("snapshot", json.writeValueAsString(first));
        } catch (Exception e) {
            // the database could not answer: say so on the stream (its headers are sent) and end it; clients retry
            client.sendEvent("unavailable", "{\"detail\": \"the figures could not be read; retry shortly\"}");
            client.close();
            return;
        }
        AtomicBoolean queued = new AtomicBoolean();
        AutoCloseable subscription = listener.subscribe(changed -> {
            if ((changed == null || changed.equals(tenant)) && queued.compareAndSet(false, true)) {
                reads.submit(() -> {
                    queued.set(false);
                    push(client, caller, sent);
                });
            }
        });
        client.onClose(() -> {
            try {
                subscription.close();
            } catch (Exception ignored) {
                // nothing to release
            }
        });
    }

    private void push(SseClient client, com.digitalspiral.api.auth.Caller caller, Map<String, Map<String, Object>> sent) {
        if (client.terminated()) {
            return;
        }
        try {
            List<Map<String, Object>> now = read(caller);
            Map<String, Map<String, Object>> seen = new HashMap<>();
            synchronized (sent) {
                for (Map<String, Object> row : now) {
                    String id = (String) row.get("sprint_id");
                    seen.put(id, row);
                    Map<String, Object> before = sent.get(id);
                    if (before == null || !sameFigures(before, row)) {
                        client.sendEvent("sprint", json.writeValueAsString(row));
                    }
                }
                for (String id : new ArrayList<>(sent.keySet())) {
                    if (!seen.containsKey(id)) {
                        client.sendEvent("gone", json.writeValueAsString(Map.of("sprint_id", id)));
                    }
                }
                sent.clear();
                sent.putAll(seen);
            }
        } catch (Exception e) {
            LOG.warn("live sprints stream ended: {}", e.toString());
            client.close();
        }
    }

    private static boolean sameFigures(Map<String, Object> a, Map<String, Object> b) {
        for (String k : a.keySet()) {
            if (!k.equals("refreshed_at") && !Objects.equals(a.get(k), b.get(k))) {
                return false;
            }
        }
        return true;
    }

    /** The active sprints' figures, each with its problematic score and the score's factors among them. */
    List<Map<String, Object>> read(com.digitalspiral.api.auth.Caller caller) throws Exception {
        List<Map<String, Object>> rows = figures(caller.tenantId());
        com.digitalspiral.api.query.RunResponse score = queries.run(json.readTree(SCORE_SPEC), caller);
        Map<String, Map<String, Object>> byId = new HashMap<>();
        rows.forEach(r -> byId.put((String) r.get("sprint_id"), r));
        for (List<Object> row : score.rows()) {
            Map<String, Object> target = byId.get(String.valueOf(row.get(1)));
            if (target == null) {
                continue;
            }
            for (int i = 2; i < row.size(); i++) {
                target.put(score.columns().get(i).name(), row.get(i));
            }
        }
        return rows;
    }

    private List<Map<String, Object>> figures(UUID tenant) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            TenantScope.enter(c, tenant);
            try (PreparedStatement ps = c.prepareStatement(SQL); ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        if (v instanceof Timestamp ts) {
                            v = ts.toInstant().toString();
                        } else if (v instanceof java.sql.Date d) {
                            v = d.toLocalDate().toString();
                        } else if (v instanceof java.math.BigDecimal d) {
                            v = d.doubleValue();
                        } else if (v instanceof Double d && !Double.isFinite(d)) {
                            v = null;
                        } else if (v != null && !(v instanceof Number) && !(v instanceof String)) {
                            v = v.toString();
                        }
                        row.put(md.getColumnLabel(i), v);
                    }
                    rows.add(row);
                }
                c.commit();
                return rows;
            }
        }
    }

    @Override
    public void close() {
        reads.shutdownNow();
    }
}
