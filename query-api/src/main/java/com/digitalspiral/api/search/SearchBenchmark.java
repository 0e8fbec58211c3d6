package com.digitalspiral.api.search;

import com.digitalspiral.store.DbConfig;
import com.digitalspiral.store.demo.DemoText;
import com.digitalspiral.store.embed.TextEmbedder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.search.Query;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * {@code spiral bench search}: search latency at N concurrent clients over one tenant of {@code issues} issues,
 * for each way of answering (keyword BM25, the HNSW graph, hybrid, an exact scan of every vector, and Postgres
 * full-text search alone on the same text), the graph's recall against the exact scan, index build time and
 * size, and the embedding model's throughput.
 *
 * <p>Embedding a million texts with MiniLM on two cores takes hours, so the bench embeds a pool of real issue
 * texts and gives the other issues a pool vector with a little noise (σ 0.03 per dimension, then normalized):
 * clusters of near-duplicates, as re-reports are, with the model's real geometry. The texts searched by BM25
 * and Postgres are each issue's own words. Query vectors are real embeddings of the query set.
 */
public final class SearchBenchmark {

    /**
     * What to run.
     *
     * @param mergeTo segments to merge the index down to before measuring, 0 to search it as built
     * @param keep    a folder to keep the index in and reuse when it holds {@code issues} issues; null: a temporary one
     */
    public record Options(int issues, int clients, int seconds, int pool, List<String> queries, int mergeTo, Path keep) {}

    private final PrintStream out;

    public SearchBenchmark(PrintStream out) {
        this.out = out;
    }

    public void run(Options o, TextEmbedder embedder, DbConfig db) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf("search bench: %,d issues in one tenant, %d clients, %d s per line, %d cores%n", o.issues(), o.clients(),
                o.seconds(), cores);
        // ---- the index ------------------------------------------------------------------------------------------
        Path dir = o.keep() != null ? Files.createDirectories(o.keep()) : Files.createTempDirectory("spiral-search-bench-");
        try (TenantIndex index = new TenantIndex(dir)) {
            if (index.size() == o.issues()) {
                out.printf("index: reusing the %,d issues kept in %s, %d segments, %,d MB on disk%n", index.size(), dir,
                        index.segments(), size(dir) >> 20);
            } else {
                index.clear();
                build(o, embedder, index, dir, cores);
            }
            if (o.mergeTo() > 0 && index.segments() > o.mergeTo()) {
                long m0 = System.nanoTime();
                index.forceMerge(o.mergeTo());
                out.printf("index: merged to %d segment(s) in %.1f s, %,d MB on disk%n", index.segments(),
                        (System.nanoTime() - m0) / 1e9, size(dir) >> 20);
            }

            List<float[]> queryVectors = new ArrayList<>();
            for (int i = 0; i < o.queries().size(); i += 64) {
                queryVectors.addAll(embedder.embed(o.queries().subList(i, Math.min(o.queries().size(), i + 64))));
            }
            List<List<String>> queryTerms = new ArrayList<>();
            for (String q : o.queries()) {
                queryTerms.add(index.terms(q));
            }
            Query all = TenantIndex.filter(SearchRequest.Filters.NONE);

            // ---- recall of the graph against the exact scan ---------------------------------------------------
            double recall = 0;
            for (float[] v : queryVectors) {
                Set<String> exact = new HashSet<>();
                index.exactSemantic(v, all, 10).forEach(s -> exact.add(s.issueId()));
                long found = index.semantic(v, all, 10).stream().filter(s -> exact.contains(s.issueId())).count();
                recall += exact.isEmpty() ? 1 : (double) found / exact.size();
            }
            out.printf("HNSW recall@10 against the exact scan: %.3f (%d queries)%n%n", recall / queryVectors.size(),
                    queryVectors.size());

            // every line searches through the API's search pool (one thread per core behind a queue); the last
            // one lets each client search on its own thread, as the bench did before the pool, for comparison
            try (SearchPool pool = new SearchPool(SearchPool.Settings.defaults())) {
                out.printf("searches run on a pool of %d threads, as in the API (SPIRAL_SEARCH_THREADS)%n%n",
                        pool.settings().threads());
                out.printf("%-44s %9s %9s %9s %10s%n", "answering with", "p50 ms", "p95 ms", "p99 ms", "queries/s");
                line("keyword (BM25)", o, i -> pool.call(() -> index.keyword(queryTerms.get(i % queryTerms.size()), all, 10)));
                line("semantic (HNSW)", o, i -> pool.call(() -> index.semantic(queryVectors.get(i % queryVectors.size()), all, 10)));
                line("hybrid (BM25 + HNSW, fused)", o, i -> pool.call(() -> {
                    int q = i % queryVectors.size();
                    return index.hybrid(queryTerms.get(q), queryVectors.get(q), all, SearchService.DEPTH, 10, SearchService.FUSION);
                }));
                line("hybrid + embedding the query", o, i -> pool.call(() -> {
                    int q = i % queryVectors.size();
                    float[] v = embedder.embed(List.of(o.queries().get(q))).get(0);
                    return index.hybrid(queryTerms.get(q), v, all, SearchService.DEPTH, 10, SearchService.FUSION);
                }));
                line("exact kNN (scan of every vector)", o, i -> pool.call(() -> index.exactSemantic(queryVectors.get(i % queryVectors.size()), all, 10)));
                line("hybrid, each client on its own thread", o, i -> {
                    int q = i % queryVectors.size();
                    return index.hybrid(queryTerms.get(q), queryVectors.get(q), all, SearchService.DEPTH, 10, SearchService.FUSION);
                });
            }
        } finally {
            if (o.keep() == null) {
                try (var walk = Files.walk(dir)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        if (db != null) {
            postgres(o, db);
        }
    }

    /** Writes the bench's issues (their own words, pool vectors with noise) into an empty index and commits it. */
    private void build(Options o, TextEmbedder embedder, TenantIndex index, Path dir, int cores) throws Exception {
        // ---- the issues' words -----------------------------------------------------------------------------
        Random random = new Random(42);
        String[] types = {"Bug", "Bug", "Story", "Story", "Story", "Task", "Task", "Sub-task", "Epic"};
        List<IssueDoc> docs = new ArrayList<>(o.issues());
        List<String> texts = new ArrayList<>(o.issues());
        UUID tenant = new UUID(42, 42);
        for (int i = 0; i < o.issues(); i++) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            String type = types[random.nextInt(types.length)];
            DemoText.Written w = DemoText.write(id, type, null);
            texts.add(com.digitalspiral.store.embed.EmbeddableText.of(w.summary(), w.description()));
            docs.add(new IssueDoc(id, tenant, i + 1, false, "BENCH-" + (i + 1), w.summary(), w.description(),
                    "BENCH", type, i % 3 == 0 ? "Done" : "In Progress", "Medium", "dev" + (i % 50), 0, embedder.model(),
                    null, 0));
        }
        // ---- the model: a pool of real vectors --------------------------------------------------------------
        int pool = Math.min(o.pool(), o.issues());
        long t0 = System.nanoTime();
        List<float[]> poolVectors = new ArrayList<>(pool);
        for (int i = 0; i < pool; i += 64) {
            poolVectors.addAll(embedder.embed(texts.subList(i, Math.min(pool, i + 64))));
        }
        double embedSeconds = (System.nanoTime() - t0) / 1e9;
        double perSecond = pool / embedSeconds;
        out.printf("embedding: %,d issue texts in %.1f s = %.0f issues/s on %d cores (%.0f per core); a bootstrap of %,d "
                + "issues would take %.1f min%n", pool, embedSeconds, perSecond, cores, perSecond / cores, o.issues(),
                o.issues() / perSecond / 60);
        Random noise = new Random(7);
        for (int i = 0; i < docs.size(); i++) {
            float[] base = poolVectors.get(i % pool);
            float[] v = i < pool ? base : jitter(base, noise);
            IssueDoc d = docs.get(i);
            docs.set(i, new IssueDoc(d.issueId(), d.tenantId(), d.changeSeq(), false, d.key(), d.summary(), d.description(),
                    d.project(), d.issueType(), d.status(), d.priority(), d.assignee(), d.createdMs(), d.model(), v, 0));
        }
        System.gc();
        long heapBefore = usedHeap();
        long b0 = System.nanoTime();
        for (int i = 0; i < docs.size(); i += 10_000) {
            index.apply(docs.subList(i, Math.min(docs.size(), i + 10_000)));
        }
        index.commit();
        index.awaitMerges();
        double buildSeconds = (System.nanoTime() - b0) / 1e9;
        System.gc();
        out.printf("index: built in %.1f s (%.0f issues/s), %d segments, %,d MB on disk, heap %+,d MB after the build%n",
                buildSeconds, docs.size() / buildSeconds, index.segments(), size(dir) >> 20, (usedHeap() - heapBefore) >> 20);
    }

    /** The baseline: Postgres full-text search alone (GIN index on a tsvector of the same words). */
    private void postgres(Options o, DbConfig db) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            boolean ready;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'search_bench_docs'")) {
                rs.next();
                ready = rs.getLong(1) > 0;
            }
            if (ready) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM search_bench_docs")) {
                    rs.next();
                    ready = rs.getLong(1) == o.issues();
                }
            }
            if (!ready) {
                long t0 = System.nanoTime();
                st.execute("DROP TABLE IF EXISTS search_bench_docs");
                st.execute("CREATE TABLE search_bench_docs (id bigint PRIMARY KEY, body text NOT NULL, "
                        + "tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED)");
                Random random = new Random(42);
                String[] types = {"Bug", "Bug", "Story", "Story", "Story", "Task", "Task", "Sub-task", "Epic"};
                StringBuilder copy = new StringBuilder();
                CopyManager cm = c.unwrap(PGConnection.class).getCopyAPI();
                for (int i = 0; i < o.issues(); i++) {
                    UUID id = new UUID(random.nextLong(), random.nextLong());
                    DemoText.Written w = DemoText.write(id, types[random.nextInt(types.length)], null);
                    String body = com.digitalspiral.store.embed.EmbeddableText.of(w.summary(), w.description());
                    copy.append(i + 1).append('\t').append(body.replace("\\", "\\\\").replace("\t", " ").replace("\n", "\\n")
                            .replace("\r", " ")).append('\n');
                    if (copy.length() > 8_000_000 || i == o.issues() - 1) {
                        cm.copyIn("COPY search_bench_docs (id, body) FROM STDIN", new java.io.StringReader(copy.toString()));
                        copy.setLength(0);
                    }
                }
                st.execute("CREATE INDEX search_bench_docs_tsv ON search_bench_docs USING gin (tsv)");
                st.execute("ANALYZE search_bench_docs");
                out.printf("%nPostgres: %,d rows with a GIN index loaded in %.1f s%n", o.issues(), (System.nanoTime() - t0) / 1e9);
            }
        }
        int clients = o.clients();
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            connections.add(db.connect());
        }
        try {
            ThreadLocal<Integer> slot = new ThreadLocal<>();
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            line("Postgres full-text (ts_rank, GIN)", o, i -> {
                Integer s = slot.get();
                if (s == null) {
                    s = next.getAndIncrement();
                    slot.set(s);
                }
                try (PreparedStatement ps = connections.get(s).prepareStatement("SELECT id FROM search_bench_docs "
                        + "WHERE tsv @@ websearch_to_tsquery('english', ?) ORDER BY ts_rank(tsv, websearch_to_tsquery('english', ?)) "
                        + "DESC LIMIT 10")) {
                    String q = o.queries().get(i % o.queries().size());
                    ps.setString(1, q);
                    ps.setString(2, q);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rs.getLong(1);
                        }
                    }
                }
                return null;
            });
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    @FunctionalInterface
    private interface Work {
        Object apply(int i) throws Exception;
    }

    /** Runs {@code work} from N clients for the configured time (after a short warm-up) and prints its latencies. */
    private void line(String name, Options o, Work work) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<List<Double>> perClient = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(o.clients());
        long warmUntil = System.nanoTime() + 2_000_000_000L;
        Exception[] failure = new Exception[1];
        for (int c = 0; c < o.clients(); c++) {
            List<Double> mine = new ArrayList<>();
            perClient.add(mine);
            int client = c;
            Thread t = new Thread(() -> {
                int i = client * 7919;
                try {
                    while (!stop.get()) {
                        long s = System.nanoTime();
                        work.apply(i++);
                        if (s > warmUntil) {
                            mine.add((System.nanoTime() - s) / 1e6);
                        }
                    }
                } catch (Exception e) {
                    failure[0] = e;
                } finally {
                    done.countDown();
                }
            }, "bench-client-" + c);
            threads.add(t);
            t.start();
        }
        Thread.sleep(2_000L + o.seconds() * 1000L);
        stop.set(true);
        done.await();
        if (failure[0] != null) {
            throw failure[0];
        }
        List<Double> all = new ArrayList<>();
        perClient.forEach(all::addAll);
        Collections.sort(all);
        out.printf("%-44s %9.1f %9.1f %9.1f %10.0f%n", name, pct(all, 0.5), pct(all, 0.95), pct(all, 0.99),
                all.size() / (double) o.seconds());
    }

    private static double pct(List<Double> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static float[] jitter(float[] base, Random r) {
        float[] v = new float[base.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = base[i] + (float) (r.nextGaussian() * 0.03);
        }
        return TextEmbedder.normalize(v);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static long size(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
