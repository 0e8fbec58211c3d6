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

/** /analytics/jobs: submit (a spec or a question), read, list, page results, cancel, and follow as Server-Sent Events. */
public final class JobHandlers {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JobHandlers.class);
    private static final Set<String> STATUSES = Set.of("queued", "running", "completed", "failed", "cancelled");
    static final int MAX_OFFSET = 100_000_000;
    private final java.util.concurrent.atomic.AtomicLong streamReads = new java.util.concurrent.atomic.AtomicLong();
    private final JobStore store;
    private final QueryService queries;
    private final QuestionTranslator translator;
    private final ObjectMapper json;
    private final ScheduledExecutorService streams = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "spiral-job-streams");
        t.setDaemon(true);
        return t;
    });

    private final com.digitalspiral.api.events.JobFeed feed;

    public JobHandlers(JobStore store, QueryService queries, QuestionTranslator translator, ObjectMapper json,
                       com.digitalspiral.api.events.JobFeed feed) {
        this.feed = feed;
        this.store = store;
        this.queries = queries;
        this.translator = translator;
        this.json = json;
    }

    /** Job reads made for progress streams since start. */
    public long streamReads() {
        return streamReads.get();
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
        ctx.json(Map.of("jobs", store.list(AuthFilter.caller(ctx), status, ctx.queryParam("user"), limit)));
    }

    public void result(Context ctx) throws Exception {
        Job job = store.completed(AuthFilter.caller(ctx), ctx.pathParam("id"));
        // a job holds at most JOB_ROW_CAP rows: an offset past them is an empty page, never an overflow in SQL
        int offset = intParam(ctx, "offset", 0, 0, MAX_OFFSET);
        int limit = intParam(ctx, "limit", 1000, 1, 10_000);
        ctx.json(store.resultPage(AuthFilter.caller(ctx), job.id(), offset, limit).orElseThrow());
    }

    public void cancel(Context ctx) throws Exception {
        Job job = find(ctx);
        if (!store.requestCancel(AuthFilter.caller(ctx), job.id())) {
            throw new ApiProblem(409, "job-finished", "Job already finished", "the job is " + job.status());
        }
        ctx.status(202).json(store.get(AuthFilter.caller(ctx), job.id()).orElseThrow());
    }

    /** Before the stream opens: 406 for a client that cannot take events, 404 for a job the caller cannot see. */
    public void beforeStream(Context ctx) throws Exception {
        EventStreams.requireAcceptable(ctx);
        find(ctx);
    }

    /**
     * Events: queued, running (progress), progress, then one of completed, failed, cancelled; then the stream ends.
     * Woken by the job's change notifications, never by polling; a comment every {@link #HEARTBEAT} finds a client
     * that hung up, and the stream then lets go of everything it held.
     */
    public void stream(SseClient client) {
        Caller caller = AuthFilter.caller(client.ctx());
        UUID id = JobStore.parseId(client.ctx().pathParam("id"));
        client.keepAlive();
        new JobStream(client, caller, id).open();
    }

    static final java.time.Duration HEARTBEAT = java.time.Duration.ofSeconds(3);

    private final class JobStream {
        private final SseClient client;
        private final Caller caller;
        private final UUID id;
        private final java.util.concurrent.atomic.AtomicBoolean pending = new java.util.concurrent.atomic.AtomicBoolean();
        private final java.util.concurrent.atomic.AtomicBoolean over = new java.util.concurrent.atomic.AtomicBoolean();
        private String last = "";
        private volatile AutoCloseable subscription;
        private volatile ScheduledFuture<?> heartbeat;

        JobStream(SseClient client, Caller caller, UUID id) {
            this.client = client;
            this.caller = caller;
            this.id = id;
        }

        void open() {
            client.onClose(this::stop);
            subscription = feed.subscribe(id, this::wake);
            heartbeat = streams.scheduleWithFixedDelay(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
                    TimeUnit.MILLISECONDS);
            wake();
        }

        /** Coalesces wake-ups: one read at a time, and one more if the job changed meanwhile. */
        private void wake() {
            if (!over.get() && pending.compareAndSet(false, true)) {
                streams.execute(this::check);
            }
        }

        private synchronized void check() {
            pending.set(false);
            if (over.get()) {
                return;
            }
            try {
                streamReads.incrementAndGet();
                Job job = store.get(caller, id).orElse(null);
                if (job == null) {
                    client.sendEvent("failed", Map.of("error", "the job no longer exists"));
                    stop();
                    return;
                }
                String state = job.status() + ":" + job.progress();
                if (!state.equals(last)) {
                    last = state;
                    client.sendEvent(job.status().equals("running") ? "progress" : job.status(), json.writeValueAsString(job));
                }
                if (job.finished() || client.terminated()) {
                    stop();
                }
            } catch (Exception e) {
                LOG.warn("job stream {} ended: {}", id, e.toString());
                stop();
            }
        }

        private void beat() {
            if (client.terminated()) {
                stop();
            } else {
                client.sendComment("");
            }
        }

        private void stop() {
            if (!over.compareAndSet(false, true)) {
                return;
            }
            ScheduledFuture<?> h = heartbeat;
            if (h != null) {
                h.cancel(false);
            }
            try {
                if (subscription != null) {
                    subscription.close();
                }
            } catch (Exception ignored) {
                // unsubscribing cannot fail
            }
            client.close();
        }
    }

    private Job find(Context ctx) throws Exception {
        return store.find(AuthFilter.caller(ctx), ctx.pathParam("id"));
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
