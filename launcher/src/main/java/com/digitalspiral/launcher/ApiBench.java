package com.digitalspiral.launcher;

import com.digitalspiral.api.ApiConfig;
import com.digitalspiral.api.ApiServer;
import com.digitalspiral.api.TenantScope;
import com.digitalspiral.api.auth.ApiKeys;
import com.digitalspiral.api.auth.Caller;
import com.digitalspiral.api.query.QueryExecutor;
import com.digitalspiral.catalog.compile.CompiledQuery;
import com.digitalspiral.store.Database;
import com.digitalspiral.store.DbConfig;
import com.digitalspiral.store.demo.DemoGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Latency of POST /analytics/run under concurrent clients, uncached and cached, beside the same compiled
 * SQL run directly over JDBC (same role, same tenant setting, a pool of the same size): the baseline.
 */
@Command(name = "api", description = "p50/p99 of /analytics/run (cached, uncached) at N concurrent clients, beside direct JDBC.")
final class ApiBench implements Callable<Integer> {

    /** Questions of the kinds users ask; each is asked of every tenant. */
    static final List<String> SPECS = List.of(
            "{\"metrics\": [\"sprint_problematic_score\"], \"dimensions\": [\"sprint\"], \"time_range\": {\"last\": 6, \"unit\": \"months\"}, \"order_by\": [{\"field\": \"sprint_problematic_score\", \"direction\": \"desc\"}], \"limit\": 5}",
            "{\"metrics\": [\"velocity\", \"spillover_ratio\"], \"dimensions\": [\"project\"]}",
            "{\"metrics\": [\"completed_sp\", \"planned_sp\"], \"dimensions\": [\"month\"], \"time_range\": {\"last\": 6, \"unit\": \"months\"}}",
            "{\"metrics\": [\"throughput_issues\", \"throughput_sp\"], \"dimensions\": [\"week\"], \"time_range\": {\"last\": 90, \"unit\": \"days\"}}",
            "{\"metrics\": [\"lead_time_median\", \"lead_time_p85\"], \"dimensions\": [\"issue_type\"], \"time_range\": {\"period\": \"this_year\"}}",
            "{\"metrics\": [\"cycle_time\"], \"dimensions\": [\"project\"], \"time_range\": {\"last\": 3, \"unit\": \"months\"}}",
            "{\"metrics\": [\"wip\", \"assignee_load\"], \"dimensions\": [\"assignee\"], \"order_by\": [{\"field\": \"assignee_load\", \"direction\": \"desc\"}], \"limit\": 10}",
            "{\"metrics\": [\"bug_ratio\", \"reopen_rate\"], \"dimensions\": [\"priority\"]}",
            "{\"metrics\": [\"silent_issues\"], \"dimensions\": [\"project\"]}",
            "{\"metrics\": [\"blocked_hours\", \"bug_count\"], \"dimensions\": [\"project\", \"state\"]}");

    @Mixin
    DbOptions db;

    @Option(names = "--database", defaultValue = "spiral_bench", description = "database to fill and query (default: ${DEFAULT-VALUE})")
    String database;

    @Option(names = "--issues", defaultValue = "1000000", description = "issues in the data set (default: ${DEFAULT-VALUE})")
    int issues;

    @Option(names = "--tenants", defaultValue = "20", description = "tenants in the data set (default: ${DEFAULT-VALUE})")
    int tenants;

    @Option(names = "--clients", defaultValue = "100", description = "concurrent clients (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--duration", defaultValue = "30s", description = "length of each measured phase (default: ${DEFAULT-VALUE})")
    String phase;

    private Duration duration;

    @Option(names = "--pool", defaultValue = "8", description = "database connections, for the API and the baseline alike (default: ${DEFAULT-VALUE})")
    int pool;

    record Job(UUID tenant, String key, String spec) {}

    record Phase(String name, List<Long> micros, long errors, double seconds) {
        long percentile(double p) {
            if (micros.isEmpty()) {
                return 0;
            }
            long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
        }

        double meanMs() {
            return micros.stream().mapToLong(Long::longValue).average().orElse(0) / 1000.0;
        }

        double throughput() {
            return micros.size() / seconds;
        }
    }

    interface Request {
        void run(Job job) throws Exception;
    }

    @Override
    public Integer call() throws Exception {
        duration = Durations.parse(phase);
        DbConfig config = db.config().withDatabase(database);
        prepareData(config);
        List<UUID> tenantIds = tenantIds(config);
        ApiConfig apiConfig = ApiConfig.fromEnv(System.getenv(), config).withPort(0).withManagementPort(0).withPoolSize(pool);
        try (ApiServer server = new ApiServer(apiConfig).start();
             HikariDataSource direct = ApiServer.pool(apiConfig)) {
            // one user (key) per client, spread over the tenants
            List<List<Job>> perClient = new ArrayList<>();
            List<Job> jobs = new ArrayList<>();
            try (Connection c = config.connect()) {
                for (int i = 0; i < clients; i++) {
                    UUID t = tenantIds.get(i % tenantIds.size());
                    String key = ApiKeys.create(c, t, "bench-" + i, "bench", 1_000_000).key();
                    List<Job> mine = SPECS.stream().map(s -> new Job(t, key, s)).toList();
                    perClient.add(mine);
                    if (i < tenantIds.size()) {
                        jobs.addAll(mine);
                    }
                }
            }
            ObjectMapper json = new ObjectMapper();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + server.port();
            Request viaApi = job -> {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/analytics/run"))
                        .header("Authorization", "Bearer " + job.key()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(job.spec())).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
                }
            };
            java.util.Map<String, CompiledQuery> compiled = new java.util.HashMap<>();
            for (Job j : jobs) {
                Caller caller = new Caller(UUID.randomUUID(), j.tenant(), "bench", 1_000_000);
                compiled.put(j.tenant() + j.spec(), server.queries().compile(server.queries().validate(json.readTree(j.spec())), caller));
            }
            Request viaJdbc = job -> runDirect(direct, compiled.get(job.tenant() + job.spec()), job.tenant());

            System.out.printf("%d questions (%d kinds × %d tenants), %d clients with a key each, %s per phase, %d database connections%n",
                    jobs.size(), SPECS.size(), tenantIds.size(), clients, phase, pool);
            warm(jobs, viaJdbc);
            Phase jdbc = measure("direct JDBC (baseline)", perClient, viaJdbc);
            server.cache().setEnabled(false);
            warm(jobs, viaApi);
            Phase uncached = measure("API, cache off", perClient, viaApi);
            server.cache().setEnabled(true);
            warm(jobs, viaApi);
            long hitsBefore = server.metrics().hits();
            long missesBefore = server.metrics().misses();
            Phase cached = measure("API, cache on", perClient, viaApi);
            long hits = server.metrics().hits() - hitsBefore;
            long misses = server.metrics().misses() - missesBefore;

            System.out.printf("%n%-24s %10s %10s %10s %10s %8s%n", "", "p50 ms", "p99 ms", "mean ms", "req/s", "errors");
            for (Phase p : List.of(jdbc, uncached, cached)) {
                System.out.printf("%-24s %10.1f %10.1f %10.1f %10.0f %8d%n", p.name(), p.percentile(0.5) / 1000.0,
                        p.percentile(0.99) / 1000.0, p.meanMs(), p.throughput(), p.errors());
            }
            System.out.printf("%nratios to the baseline: API uncached p50 %.2f×, p99 %.2f×, throughput %.2f×; "
                            + "API cached p50 %.3f×, p99 %.3f×, throughput %.2f×%n",
                    ratio(uncached, jdbc, 0.5), ratio(uncached, jdbc, 0.99), uncached.throughput() / jdbc.throughput(),
                    ratio(cached, jdbc, 0.5), ratio(cached, jdbc, 0.99), cached.throughput() / jdbc.throughput());
            System.out.printf("cache hit rate in the cached phase: %.1f%% (%,d hits, %,d misses)%n",
                    hits + misses == 0 ? 0 : 100.0 * hits / (hits + misses), hits, misses);
            return jdbc.errors() + uncached.errors() + cached.errors() == 0 ? 0 : 1;
        }
    }

    private void prepareData(DbConfig config) throws Exception {
        Database database = new Database(config);
        database.createIfMissing();
        database.migrate();
        long have = scalar(config, "SELECT count(*) FROM issues");
        if (have != issues || scalar(config, "SELECT count(*) FROM tenants") != tenants) {
            System.out.printf("generating %,d issues of %d tenants in %s …%n", issues, tenants, config.database());
            database.truncateAll();
            ProgressBar bar = new ProgressBar(System.out, "generate", issues);
            new DemoGenerator(config).generate(new DemoGenerator.Options(42, tenants, issues), bar::update);
            bar.done();
        }
        if (scalar(config, "SELECT count(*) FROM issue_stats") != issues) {
            System.out.println("computing the figures from the batch reference views (what a bootstrapped pipeline holds) …");
            long t = System.nanoTime();
            database.materializeReference();
            try (Connection c = config.connect(); Statement st = c.createStatement()) {
                st.execute("VACUUM ANALYZE"); // as autovacuum would have by now: visibility maps let index-only scans skip the heap
            }
            System.out.printf("… %.0f s%n", (System.nanoTime() - t) / 1e9);
        }
    }

    /** What the API's executor does, minus HTTP, validation, compilation and JSON. */
    private static void runDirect(HikariDataSource pool, CompiledQuery q, UUID tenant) throws Exception {
        try (Connection c = pool.getConnection()) {
            TenantScope.enter(c, tenant);
            try (PreparedStatement ps = c.prepareStatement(q.sql())) {
                QueryExecutor.bind(c, ps, q.params());
                try (ResultSet rs = ps.executeQuery()) {
                    int width = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int col = 1; col <= width; col++) {
                            rs.getObject(col);
                        }
                    }
                }
            }
            c.commit();
        }
    }

    private void warm(List<Job> jobs, Request request) throws Exception {
        List<Thread> threads = new ArrayList<>();
        ConcurrentLinkedQueue<Job> queue = new ConcurrentLinkedQueue<>(jobs);
        for (int i = 0; i < Math.min(clients, 16); i++) {
            Thread t = new Thread(() -> {
                Job j;
                while ((j = queue.poll()) != null) {
                    try {
                        request.run(j);
                    } catch (Exception e) {
                        System.err.println("warm-up request failed: " + e.getMessage());
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private Phase measure(String name, List<List<Job>> perClient, Request request) throws Exception {
        System.out.printf("measuring: %s …%n", name);
        ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            List<Job> jobs = perClient.get(i);
            Thread t = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < end) {
                    Job j = jobs.get(random.nextInt(jobs.size()));
                    long t0 = System.nanoTime();
                    try {
                        request.run(j);
                        micros.add((System.nanoTime() - t0) / 1000);
                    } catch (Exception e) {
                        if (errors.incrementAndGet() <= 3) {
                            System.err.println(name + ": " + e.getMessage());
                        }
                    }
                }
            }, "bench-client-" + i);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Phase(name, new ArrayList<>(micros), errors.get(), (System.nanoTime() - start) / 1e9);
    }

    private static double ratio(Phase p, Phase base, double q) {
        long b = base.percentile(q);
        return b == 0 ? Double.NaN : (double) p.percentile(q) / b;
    }

    private static List<UUID> tenantIds(DbConfig config) throws Exception {
        List<UUID> out = new ArrayList<>();
        try (Connection c = config.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id FROM tenants ORDER BY name")) {
            while (rs.next()) {
                out.add(rs.getObject(1, UUID.class));
            }
        }
        return out;
    }

    private static long scalar(DbConfig config, String sql) throws Exception {
        try (Connection c = config.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
