package com.digitalspiral.api;

import com.digitalspiral.api.auth.ApiKeys;
import com.digitalspiral.api.auth.AuthFilter;
import com.digitalspiral.api.cache.ChangeListener;
import com.digitalspiral.api.cache.ResultCache;
import com.digitalspiral.api.catalog.CatalogHandlers;
import com.digitalspiral.api.errors.JettyProblems;
import com.digitalspiral.api.errors.ProblemMapper;
import com.digitalspiral.api.errors.RequestGuard;
import com.digitalspiral.api.ops.ApiDocs;
import com.digitalspiral.api.ops.ApiMetrics;
import com.digitalspiral.api.ops.HealthHandler;
import com.digitalspiral.api.query.QueryHandlers;
import com.digitalspiral.api.query.QueryService;
import com.digitalspiral.api.ratelimit.RateLimiter;
import com.digitalspiral.catalog.Catalog;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.time.Duration;
import javax.sql.DataSource;

/** The routes of the query API and the filters in front of them. */
public final class ApiApp {

    private static final String STARTED = "spiral.started";

    /** What the routes need, built by {@link ApiServer}. */
    public record Parts(Catalog catalog, DataSource dataSource, ApiKeys keys, QueryService queries,
                        com.digitalspiral.api.translate.QuestionTranslator translator, ResultCache cache,
                        ChangeListener listener, RateLimiter rateLimiter, ApiMetrics metrics, ObjectMapper json,
                        long maxBodyBytes, com.digitalspiral.api.jobs.JobHandlers jobs,
                        com.digitalspiral.api.export.ExportHandlers exports,
                        com.digitalspiral.api.charts.ChartHandlers charts, com.digitalspiral.api.live.LiveSprints live,
                        com.digitalspiral.api.search.SearchHandlers search,
                        com.digitalspiral.api.translate.TranslateHandlers.SearchRoute searchRoute,
                        com.digitalspiral.api.ops.Tracing tracing) {}

    private ApiApp() {}

    /**
     * The management app: /metrics for Prometheus and /health, on a port of their own (as Flink and Spring do), so
     * that nobody on the public port can read the service's internals or grow its series.
     */
    public static Javalin management(Parts p) {
        HealthHandler health = new HealthHandler(p.dataSource(), p.cache(), p.listener(), p.catalog(), p.translator()::status);
        ProblemMapper problems = new ProblemMapper(p.json(), kind -> { });
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            hardenJetty(config);
            problems.register(config.routes);
            config.routes.get("/health", health::handle);
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(p.metrics().scrape()));
        });
    }

    /** Jetty's own errors as problem+json, and a header cache that never mixes up values differing in case (keys). */
    private static void hardenJetty(io.javalin.config.JavalinConfig config) {
        config.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblems()));
        config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JettyProblems()));
        config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
    }

    public static Javalin create(Parts p) {
        CatalogHandlers catalog = new CatalogHandlers(p.catalog(), p.dataSource());
        QueryHandlers query = new QueryHandlers(p.queries(), p.json());
        com.digitalspiral.api.translate.TranslateHandlers translate =
                new com.digitalspiral.api.translate.TranslateHandlers(p.translator(), p.queries(), p.json(), p.searchRoute());
        HealthHandler health = new HealthHandler(p.dataSource(), p.cache(), p.listener(), p.catalog(), p.translator()::status);
        AuthFilter auth = new AuthFilter(p.keys());
        ProblemMapper problems = new ProblemMapper(p.json(), kind -> p.metrics().validationError());
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            hardenJetty(config);
            config.jetty.modifyServer(server -> server.setHandler(new com.digitalspiral.api.jobs.AcceptAnyForStreams(
                    path -> path.equals("/analytics/live/sprints") || (path.startsWith("/analytics/jobs/") && path.endsWith("/stream")))));
            config.http.maxRequestSize = p.maxBodyBytes();
            config.jsonMapper(new JavalinJackson(p.json(), false));
            config.staticFiles.enableWebjars();
            problems.register(config.routes);
            config.routes.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
            config.routes.before(ctx -> ServerSpans.open(ctx, p.tracing()));
            config.routes.before(auth);
            config.routes.before(new RequestGuard());
            config.routes.before(ctx -> {
                if (AuthFilter.authenticated(ctx)) {
                    p.rateLimiter().acquire(AuthFilter.caller(ctx));
                }
            });
            config.routes.after(ctx -> {
                Long started = ctx.attribute(STARTED);
                if (started != null) {
                    io.javalin.router.Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
                    String route = endpoint == null ? "unmatched" : endpoint.path;
                    p.metrics().httpRequest(ApiMetrics.method(ctx.method().name()), route, ctx.statusCode(),
                            Duration.ofNanos(System.nanoTime() - started));
                    ServerSpans.close(ctx, ApiMetrics.method(ctx.method().name()), route,
                            AuthFilter.authenticated(ctx) ? AuthFilter.caller(ctx).tenantId().toString() : null);
                }
            });
            config.routes.get("/health", health::handle);
            config.routes.get("/metrics", ctx -> {
                throw new com.digitalspiral.api.errors.ApiProblem(404, "management-port", "Not found",
                        "metrics are served on the management port (SPIRAL_MANAGEMENT_PORT), not the public one");
            });
            config.routes.get("/openapi.json", ApiDocs::openApi);
            config.routes.get("/docs", ApiDocs::page);
            java.util.Optional<com.digitalspiral.api.web.WebApp> web = com.digitalspiral.api.web.WebApp.locate(System.getenv());
            if (web.isPresent()) {
                config.routes.get("/", web.get()::page);
                config.routes.get("/assets/{file}", web.get()::asset);
            } else {
                // the web app is not built (./spiral api builds it): the API's own page
                config.routes.get("/", ctx -> ctx.redirect("/docs"));
            }
            config.routes.get("/analytics/metrics", catalog::list);
            config.routes.get("/analytics/metrics/{name}", catalog::get);
            config.routes.get("/analytics/dimensions", catalog::dimensions);
            config.routes.post("/analytics/run", query::run);
            config.routes.post("/analytics/translate", translate::translate);
            config.routes.post("/analytics/query", translate::query);
            config.routes.post("/analytics/jobs", p.jobs()::submit);
            config.routes.get("/analytics/jobs", p.jobs()::list);
            config.routes.get("/analytics/jobs/{id}", p.jobs()::get);
            config.routes.get("/analytics/jobs/{id}/result", p.jobs()::result);
            config.routes.post("/analytics/jobs/{id}/cancel", p.jobs()::cancel);
            config.routes.before("/analytics/jobs/{id}/stream", p.jobs()::beforeStream);
            config.routes.sse("/analytics/jobs/{id}/stream", p.jobs()::stream);
            com.digitalspiral.api.live.LiveSprints live = p.live();
            config.routes.before("/analytics/live/sprints", com.digitalspiral.api.jobs.EventStreams::requireAcceptable);
            config.routes.sse("/analytics/live/sprints", live::stream);
            config.routes.get("/analytics/export/{job_id}", p.exports()::export);
            config.routes.post("/analytics/charts/render", p.charts()::render);
            config.routes.post("/analytics/search", p.search()::search);
            config.routes.get("/analytics/issues/{key}/similar", p.search()::similar);
            config.routes.get("/analytics/charts/types", p.charts()::types);
        });
    }
}
