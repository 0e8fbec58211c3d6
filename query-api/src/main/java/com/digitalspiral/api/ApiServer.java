package com.digitalspiral.api;

import com.digitalspiral.api.auth.ApiKeys;
import com.digitalspiral.api.cache.ChangeListener;
import com.digitalspiral.api.cache.ResultCache;
import com.digitalspiral.api.charts.ChartHandlers;
import com.digitalspiral.api.charts.ChartService;
import com.digitalspiral.api.charts.VegaLiteSchema;
import com.digitalspiral.api.jobs.JobHandlers;
import com.digitalspiral.api.jobs.JobStore;
import com.digitalspiral.api.jobs.JobWorker;
import com.digitalspiral.api.ops.ApiMetrics;
import com.digitalspiral.api.query.QueryExecutor;
import com.digitalspiral.api.query.QueryService;
import com.digitalspiral.api.ratelimit.RateLimiter;
import com.digitalspiral.api.translate.LlmConfig;
import com.digitalspiral.api.translate.LlmTranslator;
import com.digitalspiral.api.translate.OfflineTranslator;
import com.digitalspiral.api.translate.QuestionTranslator;
import com.digitalspiral.api.translate.TenantLinker;
import com.digitalspiral.catalog.Catalog;
import com.digitalspiral.catalog.CatalogStore;
import com.digitalspiral.catalog.compile.SqlCompiler;
import com.digitalspiral.catalog.spec.SpecValidator;
import com.digitalspiral.store.Database;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query service's parts, built from an {@link ApiConfig}: migrates and seeds the catalog as the schema
 * owner, then serves as the API role. {@link #app()} is the Javalin app (tests run it with JavalinTest).
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final ApiConfig config;
    private final HikariDataSource dataSource;
    private final HikariDataSource metadata;
    private final ResultCache cache;
    private final ChangeListener listener;
    private final RateLimiter rateLimiter;
    private final ApiMetrics metrics;
    private final Javalin app;
    private final Javalin management;
    private final com.digitalspiral.api.ops.FreshnessProbe freshness;
    private final com.digitalspiral.api.ops.Tracing tracing;
    private final Catalog catalog;
    private final QueryService queries;
    private final OfflineTranslator translator;
    private final QuestionTranslator questions;
    private final HikariDataSource ownerPool;
    private final JobWorker jobs;
    private final com.digitalspiral.api.events.PgListener events;
    private final com.digitalspiral.api.ops.SlotMetrics slots;
    private final com.digitalspiral.api.live.LiveSprints live;
    private final com.digitalspiral.api.search.SearchIndex search;
    private final com.digitalspiral.api.search.SearchService searchService;
    private final com.digitalspiral.api.search.SearchPool searchPool;
    /** Jobs are for long analyses: a longer timeout and a larger row cap than interactive queries. */
    static final java.time.Duration JOB_TIMEOUT = java.time.Duration.ofMinutes(10);
    static final int JOB_ROW_CAP = 1_000_000;

    public ApiServer(ApiConfig config) throws SQLException {
        this(config, Clock.systemUTC());
    }

    public ApiServer(ApiConfig config, Clock clock) throws SQLException {
        this(config, clock, LlmConfig.fromEnv(System.getenv()));
    }

    /** @param llm which language model reads questions (none: the offline translator) */
    public ApiServer(ApiConfig config, Clock clock, LlmConfig llm) throws SQLException {
        this(config, clock, llm, com.digitalspiral.api.ops.Tracing.fromEnv(System.getenv()));
    }

    /** @param tracing where spans go (OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set; tests pass their own) */
    public ApiServer(ApiConfig config, Clock clock, LlmConfig llm, com.digitalspiral.api.ops.Tracing tracing) throws SQLException {
        this.config = config;
        this.tracing = tracing;
        this.catalog = Catalog.load();
        Database db = new Database(config.owner());
        db.createIfMissing();
        db.migrate();
        try (Connection c = config.owner().connect()) {
            if (!config.apiPassword().isEmpty()) {
                setRolePassword(c, config.apiUser(), config.apiPassword());
            }
            CatalogStore.SeedResult seeded = CatalogStore.seed(catalog, c);
            LOG.info("metrics catalog {}: {} metric versions added, {} unchanged, {} retired", catalog.version(),
                    seeded.inserted(), seeded.unchanged(), seeded.retired());
        }
        ObjectMapper json = mapper();
        this.metrics = new ApiMetrics();
        this.dataSource = pool(config);
        // keys, catalog versions and health get their own connections: they must not queue behind analytics
        this.metadata = pool(config.withPoolSize(2), "spiral-api-meta");
        this.cache = new ResultCache(config.redisUrl(), json, config.cacheTtl(), java.time.Duration.ofSeconds(60),
                config.cacheEnabled());
        this.listener = new ChangeListener(this::listenerConnection, cache).start();
        this.events = new com.digitalspiral.api.events.PgListener(this::listenerConnection);
        com.digitalspiral.api.events.JobFeed jobFeed = new com.digitalspiral.api.events.JobFeed().attach(events);
        ApiKeys keys = new ApiKeys(metadata).attach(events);
        this.rateLimiter = new RateLimiter(config.redisUrl());
        SpecValidator validator = new SpecValidator(catalog, config.rowCap());
        this.queries = new QueryService(catalog, validator, new SqlCompiler(catalog, clock),
                new QueryExecutor(dataSource, config.statementTimeout(), config.rowCap()), cache, metrics, tracing);
        TenantLinker linker = new TenantLinker(metadata);
        this.translator = new OfflineTranslator(catalog, validator, clock, linker);
        this.questions = new com.digitalspiral.api.translate.CountedTranslator(llm.configured()
                ? new LlmTranslator(llm.provider(), llm.chatModel(), catalog, validator, linker, translator, clock,
                        llm.timeout(), llm.concurrency())
                : translator, llm.configured(), metrics::questionTranslated, tracing);
        this.ownerPool = ownerPool(config);
        this.jobs = new JobWorker(ownerPool, events, queries, new QueryExecutor(dataSource, JOB_TIMEOUT, JOB_ROW_CAP), json,
                config.jobs().workers(), config.jobs().runningPerTenant(), java.time.Duration.ofDays(7), metrics).start();
        events.start();
        JobStore jobStore = new JobStore(dataSource, json, java.time.Duration.ofMinutes(5), config.jobs().livePerTenant());
        JobHandlers jobHandlers = new JobHandlers(jobStore, queries, questions, json, jobFeed);
        metrics.jobStreams(jobFeed, jobHandlers::streamReads);
        this.slots = new com.digitalspiral.api.ops.SlotMetrics(metadata, metrics).start();
        this.freshness = new com.digitalspiral.api.ops.FreshnessProbe(ownerPool, metadata, metrics).start();
        ChartHandlers charts = new ChartHandlers(new ChartService(catalog, json, new VegaLiteSchema()), jobStore, queries,
                questions, json, metrics);
        this.live = new com.digitalspiral.api.live.LiveSprints(dataSource, queries, listener, json);
        com.digitalspiral.store.embed.EmbeddingConfig embeddings = com.digitalspiral.store.embed.EmbeddingConfig.fromEnv(System.getenv());
        try {
            this.search = new com.digitalspiral.api.search.SearchIndex(searchDir(config), this::ownerConnection).start();
        } catch (java.io.IOException e) {
            throw new SQLException("cannot open the search index: " + e.getMessage(), e);
        }
        this.searchPool = new com.digitalspiral.api.search.SearchPool(com.digitalspiral.api.search.SearchPool.Settings.fromEnv(System.getenv()));
        this.searchService = new com.digitalspiral.api.search.SearchService(search, embeddings, searchPool);
        LOG.info("questions are read by the {} translator", llm.configured() ? llm.provider() + " (" + llm.model() + ")" : "offline");
        ApiApp.Parts parts = new ApiApp.Parts(catalog, metadata, keys, queries, questions, cache, listener,
                rateLimiter, metrics, json, config.maxBodyBytes(), jobHandlers,
                new com.digitalspiral.api.export.ExportHandlers(dataSource, json), charts, live,
                new com.digitalspiral.api.search.SearchHandlers(searchService, json),
                (question, tenant) -> searchRoute(linker, question, tenant), tracing);
        this.app = ApiApp.create(parts);
        this.management = config.managementPort() >= 0 ? ApiApp.management(parts) : null;
    }

    /** "find issues about login timeouts in ALPHA": a question that asks for issues by their words. */
    private java.util.Optional<java.util.Map<String, Object>> searchRoute(TenantLinker linker, String question, java.util.UUID tenant)
            throws Exception {
        java.util.Set<String> projects = linker.projectKeys(tenant);
        java.util.Optional<com.digitalspiral.api.search.SearchIntent.Found> found =
                com.digitalspiral.api.search.SearchIntent.read(question, projects);
        if (found.isEmpty()) {
            return java.util.Optional.empty();
        }
        com.digitalspiral.api.search.SearchIntent.Found f = found.get();
        com.digitalspiral.api.search.SearchService.Result r = f.similarTo() != null
                ? searchService.similar(tenant, f.similarTo(), 10) : searchService.search(tenant, f.request());
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        if (f.similarTo() != null) {
            body.put("similar_to", f.similarTo());
        } else {
            java.util.Map<String, Object> asked = new java.util.LinkedHashMap<>();
            asked.put("query", f.request().query());
            asked.put("filters", f.request().filters().asJson());
            asked.put("mode", "hybrid");
            body.put("search", asked);
        }
        body.put("hits", r.hits());
        body.put("meta", r.meta());
        return java.util.Optional.of(body);
    }

    /** SPIRAL_SEARCH_DIR, else .spiral/search/<database>: the index is rebuilt from Postgres when missing. */
    private static java.nio.file.Path searchDir(ApiConfig config) {
        String dir = System.getenv("SPIRAL_SEARCH_DIR");
        return dir != null && !dir.isBlank() ? java.nio.file.Path.of(dir)
                : java.nio.file.Path.of(".spiral", "search", config.owner().database().replaceAll("[^A-Za-z0-9_.-]", "_"));
    }

    public com.digitalspiral.api.search.SearchIndex search() {
        return search;
    }

    public com.digitalspiral.api.search.SearchService searchService() {
        return searchService;
    }

    /** Deployments with password authentication: the owner gives the API role the configured password. */
    private static void setRolePassword(Connection owner, String role, String password) throws SQLException {
        String statement;
        try (java.sql.PreparedStatement ps = owner.prepareStatement("SELECT format('ALTER ROLE %I PASSWORD %L', ?, ?)")) {
            ps.setString(1, role);
            ps.setString(2, password);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                statement = rs.getString(1);
            }
        }
        try (java.sql.Statement st = owner.createStatement()) {
            st.execute(statement);
        }
    }

    /** The API's JSON: snake_case names come from the DTOs; nesting and sizes are bounded against hostile bodies. */
    public static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(100_000).maxNumberLength(100).build());
        return m;
    }

    /** A pool of connections as the API role: what queries run on. */
    public static HikariDataSource pool(ApiConfig config) {
        return pool(config, "spiral-api");
    }

    private static HikariDataSource pool(ApiConfig config, String name) {
        HikariConfig h = new HikariConfig();
        h.setJdbcUrl(config.owner().jdbcUrl());
        h.setUsername(config.apiUser());
        if (!config.apiPassword().isEmpty()) {
            h.setPassword(config.apiPassword());
        }
        h.setMaximumPoolSize(config.poolSize());
        h.setPoolName(name);
        // under a burst, requests queue for a connection as long as a query may run, then get a 503
        h.setConnectionTimeout(Math.max(10_000, config.statementTimeout().toMillis()));
        h.setInitializationFailTimeout(-1);
        return new HikariDataSource(h);
    }

    /** The schema owner's connections: the job queue is worked across tenants. */
    private static HikariDataSource ownerPool(ApiConfig config) {
        HikariConfig h = new HikariConfig();
        h.setJdbcUrl(config.owner().jdbcUrl());
        h.setUsername(config.owner().user());
        if (config.owner().password() != null && !config.owner().password().isEmpty()) {
            h.setPassword(config.owner().password());
        }
        h.setMaximumPoolSize(3);
        h.setPoolName("spiral-jobs");
        h.setInitializationFailTimeout(-1);
        return new HikariDataSource(h);
    }

    private Connection ownerConnection() {
        try {
            return config.owner().connect();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect for job notifications: " + e.getMessage(), e);
        }
    }

    private Connection listenerConnection() {
        Properties p = new Properties();
        p.setProperty("user", config.apiUser());
        if (!config.apiPassword().isEmpty()) {
            p.setProperty("password", config.apiPassword());
        }
        p.setProperty("tcpKeepAlive", "true");
        try {
            return DriverManager.getConnection(config.owner().jdbcUrl(), p);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect for change notifications: " + e.getMessage(), e);
        }
    }

    public Javalin app() {
        return app;
    }

    public ApiServer start() {
        app.start(config.port());
        LOG.info("query API on http://localhost:{} (docs at /docs)", app.port());
        return startManagement();
    }

    /** Starts the management port alone (start() does both; tests that run the app with JavalinTest call this). */
    public ApiServer startManagement() {
        if (management != null) {
            management.start(config.managementPort());
            LOG.info("metrics and health on the management port http://localhost:{}/metrics", management.port());
        }
        return this;
    }

    public int port() {
        return app.port();
    }

    /** The management port (/metrics, /health); -1 when it is off. */
    public int managementPort() {
        return management == null ? -1 : management.port();
    }

    public ResultCache cache() {
        return cache;
    }

    public ChangeListener listener() {
        return listener;
    }

    public ApiMetrics metrics() {
        return metrics;
    }

    public QueryService queries() {
        return queries;
    }

    public OfflineTranslator translator() {
        return translator;
    }

    /** The translator questions go to: the configured language model, or the offline one. */
    public QuestionTranslator questionTranslator() {
        return questions;
    }

    public Catalog catalog() {
        return catalog;
    }

    @Override
    public void close() throws Exception {
        app.stop();
        if (management != null) {
            management.stop();
        }
        jobs.close();
        events.close();
        slots.close();
        freshness.close();
        tracing.close();
        live.close();
        searchPool.close();
        search.close();
        if (questions instanceof AutoCloseable c) {
            c.close();
        }
        listener.close();
        cache.close();
        rateLimiter.close();
        dataSource.close();
        metadata.close();
        ownerPool.close();
    }
}
