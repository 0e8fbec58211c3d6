package com.digitalspiral.launcher;

import com.digitalspiral.api.search.SearchBenchmark;
import com.digitalspiral.api.search.SearchEvaluation;
import com.digitalspiral.store.Database;
import com.digitalspiral.store.DbConfig;
import com.digitalspiral.store.embed.EmbeddingConfig;
import com.digitalspiral.store.embed.TextEmbedder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "search", description = "Search latency at N clients (keyword, HNSW, hybrid, exact scan, Postgres full-text), "
        + "HNSW recall, index build time and size, embedding throughput.")
final class SearchBench implements Callable<Integer> {

    @Mixin
    DbOptions db;

    @Option(names = "--issues", defaultValue = "100000", description = "issues in the tenant searched (default: ${DEFAULT-VALUE})")
    int issues;

    @Option(names = "--clients", defaultValue = "20", description = "concurrent clients (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--duration", defaultValue = "15s", description = "measured time per line after a 2 s warm-up (default: ${DEFAULT-VALUE})")
    String duration;

    @Option(names = "--pool", defaultValue = "3000", description = "issue texts embedded for real; the others get a pool vector with noise (default: ${DEFAULT-VALUE})")
    int pool;

    @Option(names = "--merge", defaultValue = "0", description = "merge the index down to this many segments before measuring; 0: as built (default: ${DEFAULT-VALUE})")
    int merge;

    @Option(names = "--keep", description = "keep the built index in this folder and, when it already holds an index of --issues "
            + "issues built by the same code, measure that one instead of building again (a 1M build takes about 15 min)")
    Path keep;

    @Option(names = "--database", defaultValue = "spiral_bench_search", description = "database for the Postgres full-text baseline (default: ${DEFAULT-VALUE})")
    String database;

    @Option(names = "--queries", defaultValue = "eval/search_queries.jsonl", description = "queries (default: ${DEFAULT-VALUE})")
    Path queries;

    @Override
    public Integer call() throws Exception {
        if (issues < 1 || issues > 5_000_000 || clients < 1 || clients > 500) {
            System.err.println("--issues must be 1..5,000,000 and --clients 1..500");
            return 2;
        }
        DbConfig config = db.config().withDatabase(database);
        new Database(config).createIfMissing();
        List<String> texts = SearchEvaluation.read(queries).stream().map(SearchEvaluation.Case::query).toList();
        EmbeddingConfig embeddings = EmbeddingConfig.fromEnv(System.getenv());
        if (!embeddings.enabled()) {
            System.err.println("the search bench needs an embedding model: unset SPIRAL_EMBEDDINGS or set it to minilm or openai");
            return 2;
        }
        try (TextEmbedder embedder = embeddings.open()) {
            new SearchBenchmark(System.out).run(new SearchBenchmark.Options(issues, clients,
                    (int) Durations.parse(duration).toSeconds(), pool, texts, merge, keep), embedder, config);
        }
        return 0;
    }
}
