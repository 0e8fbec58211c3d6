package com.digitalspiral.api.jobs;

import com.digitalspiral.api.auth.AuthFilter;
import com.digitalspiral.api.auth.Caller;
import com.digitalspiral.api.errors.ApiProblem;
import com.digitalspiral.api.query.QueryHandlers;
import com.digitalspiral.api.query.QueryService;
import com.digitalspiral.api.translate.QuestionTranslator;
import com.digitalspiral.api.translate.Translation;
import com.digitalspiral.catalog.spec.AnalyticsSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** /analytics/jobs: submit (a spec or a question), read, list, page results, cancel, and follow as Server-Sent Events. */
public final class JobHandlers {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JobHandlers.class);
    private static final Set<String> STATUSES = Set.of("queued", "running", "completed", "failed", "cancelled");
    private final JobStore store;
    private final QueryService queries;
    private final QuestionTranslator translator;
    private final ObjectMapper json;
    private final ScheduledExecutorService streams = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "spiral-job-streams");
        t.setDaemon(true);
        return t;
    });

    public JobHandlers(JobStore store, QueryService queries, QuestionTranslator translator, ObjectMapper json) {
        this.store = store;
        this.queries = queries;
        this.translator = translator;
        this.json = json;
    }

    public void submit(Context ctx) throws Exception {
        Caller caller = AuthFilter.caller(ctx);
        JsonNode body = QueryHandlers.body(ctx, json);
        JsonNode spec = body.get("spec");
        String question = body.path("question").isTextual() ? body.get("question").textValue() : null;
        if ((spec == null) == (question == null)) {
            throw ApiProblem.badRequest("invalid-job", "send either {\"spec\": {…}} or {\"question\": \"…\"}");
        }
        if (question != null) {
            Translation t = translator.translate(question, caller.tenantId());
            spec = t.spec();
        }
        AnalyticsSpec valid = queries.validate(spec);
        String hash = queries.compile(valid, caller).hash();
        Job job = store.submit(caller, spec, hash, question);
        ctx.status(job.finished() ? 200 : 202).header("Location", "/analytics/jobs/" + job.id()).json(job);
    }

    public void get(Context ctx) throws Exception {
        ctx.json(find(ctx));
    }

    public void list(Context ctx) throws Exception {
        String status = ctx.queryParam("status");
        if (status != null && !STATUSES.contains(status)) {
            throw ApiProblem.badRequest("invalid-status", "status is one of " + String.join(", ", STATUSES));
        }
        int limit = intParam(ctx, "limit", 50, 1, 500);
        ctx.json(Map.of("jobs", store.list(AuthFilter.caller(ctx).tenantId(), status, ctx.queryParam("user"), limit)));
    }

    public void result(Context ctx) throws Exception {
        Job job = store.completed(AuthFilter.caller(ctx).tenantId(), ctx.pathParam("id"));
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = intParam(ctx, "limit", 1000, 1, 10_000);
        ctx.json(store.resultPage(AuthFilter.caller(ctx).tenantId(), job.id(), offset, limit).orElseThrow());
    }

    public void cancel(Context ctx) throws Exception {
        Job job = find(ctx);
        if (!store.requestCancel(AuthFilter.caller(ctx).tenantId(), job.id())) {
            throw new ApiProblem(409, "job-finished", "Job already finished", "the job is " + job.status());
        }
        ctx.status(202).json(store.get(AuthFilter.caller(ctx).tenantId(), job.id()).orElseThrow());
    }

    /** Events: queued, running (progress), progress, then one of completed, failed, cancelled; then the stream ends. */
    public void stream(SseClient client) {
        Context ctx = client.ctx();
        UUID tenant = AuthFilter.caller(ctx).tenantId();
        UUID id = JobStore.parseId(ctx.pathParam("id"));
        client.keepAlive();
        AtomicReference<String> last = new AtomicReference<>("");
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        task.set(streams.scheduleWithFixedDelay(() -> {
            try {
                if (client.terminated()) {
                    task.get().cancel(false);
                    return;
                }
                Job job = store.get(tenant, id).orElse(null);
                if (job == null) {
                    client.sendEvent("failed", Map.of("error", "no such job"));
                    client.close();
                    task.get().cancel(false);
                    return;
                }
                String state = job.status() + ":" + job.progress();
                if (!state.equals(last.getAndSet(state))) {
                    String event = job.status().equals("running") ? "progress" : job.status();
                    client.sendEvent(event, json.writeValueAsString(job));
                }
                if (job.finished()) {
                    client.close();
                    task.get().cancel(false);
                }
            } catch (Exception e) {
                LOG.warn("job stream {} ended: {}", id, e.toString());
                client.close();
                task.get().cancel(false);
            }
        }, 0, 200, TimeUnit.MILLISECONDS));
    }

    private Job find(Context ctx) throws Exception {
        return store.find(AuthFilter.caller(ctx).tenantId(), ctx.pathParam("id"));
    }

    private static int intParam(Context ctx, String name, int otherwise, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("invalid-parameter", name + " must be a whole number from " + min + " to " + max);
        }
    }
}
