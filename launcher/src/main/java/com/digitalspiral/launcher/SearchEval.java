package com.digitalspiral.launcher;

import com.digitalspiral.api.ApiConfig;
import com.digitalspiral.api.ApiServer;
import com.digitalspiral.api.search.SearchEvaluation;
import com.digitalspiral.store.DbConfig;
import com.digitalspiral.store.demo.DemoText;
import com.digitalspiral.store.embed.EmbeddingBackfill;
import com.digitalspiral.store.embed.EmbeddingConfig;
import com.digitalspiral.store.embed.TextEmbedder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** `spiral eval search`: ranking quality of the three modes on the repo's query set, on the demo data. */
final class SearchEval {

    private SearchEval() {}

    static int run(DbConfig config, String tenant, Path queries, boolean failures) throws Exception {
        EmbeddingConfig embeddings = EmbeddingConfig.fromEnv(System.getenv());
        if (embeddings.enabled()) {
            long t0 = System.nanoTime();
            try (TextEmbedder embedder = embeddings.open()) {
                int n = new EmbeddingBackfill(config, embedder).run(done -> { });
                if (n > 0) {
                    System.out.printf("embedded %,d issues with %s in %.1f s (%.0f issues/s)%n", n, embedder.model(),
                            (System.nanoTime() - t0) / 1e9, n / ((System.nanoTime() - t0) / 1e9));
                }
            }
        }
        List<SearchEvaluation.Case> cases = SearchEvaluation.read(queries);
        try (ApiServer server = new ApiServer(ApiConfig.fromEnv(System.getenv(), config).withPort(0).withManagementPort(0))) {
            server.search().catchUp();
            UUID tenantId;
            Map<String, String> truth = new HashMap<>();
            try (Connection c = config.connect()) {
                tenantId = KeyCommand.resolveTenant(c, tenant);
                try (PreparedStatement ps = c.prepareStatement("SELECT issue_key, id, issue_type FROM issues WHERE tenant_id = ?")) {
                    ps.setObject(1, tenantId);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            truth.put(rs.getString(1), DemoText.topicOf(rs.getObject(2, UUID.class), rs.getString(3)).id());
                        }
                    }
                }
            }
            // warm up the model and the index before anything is timed
            for (SearchEvaluation.Case c : cases.subList(0, Math.min(10, cases.size()))) {
                server.searchService().search(tenantId, new com.digitalspiral.api.search.SearchRequest(c.query(),
                        com.digitalspiral.api.search.SearchRequest.Filters.NONE, 10, com.digitalspiral.api.search.SearchRequest.Mode.HYBRID));
            }
            Map<String, Object> result = SearchEvaluation.run(cases, server.searchService(), tenantId, truth);
            System.out.printf("%n%d queries (%s), tenant %s, %,d issues%n", cases.size(), queries, tenant, truth.size());
            System.out.printf("mode      part      queries   hit@5   MRR@10  nDCG@10   latency p50 / p95%n");
            @SuppressWarnings("unchecked")
            List<SearchEvaluation.Figures> figures = (List<SearchEvaluation.Figures>) result.get("figures");
            for (SearchEvaluation.Figures f : figures) {
                System.out.printf("%-9s %-9s %7d   %5.3f   %6.3f  %7.3f   %.1f ms / %.1f ms%n", f.mode(), f.part(), f.queries(),
                        f.hitAt5(), f.mrrAt10(), f.ndcgAt10(), f.p50Ms(), f.p95Ms());
                // held-out misses are never listed: reading them is how a held-out set stops being one
                if (failures && f.part().equals("dev") && !f.misses().isEmpty()) {
                    f.misses().forEach(m -> System.out.println("    ✗ " + m));
                }
            }
            @SuppressWarnings("unchecked")
            List<String> invalid = (List<String>) result.get("invalid");
            if (!invalid.isEmpty()) {
                System.out.println("left out (no issue of the tenant has their topic): " + invalid);
            }
            double recall = SearchEvaluation.annRecall(cases, server.searchService(), tenantId, 10);
            if (!Double.isNaN(recall)) {
                System.out.printf("HNSW recall@10 against exact nearest neighbours: %.3f%n", recall);
            }
            return figures.stream().filter(f -> f.mode().equals("hybrid")).allMatch(f -> f.hitAt5() >= 0.85) ? 0 : 1;
        }
    }

    /** Whether the database holds the generator's current words (the first bug's summary is recomputed). */
    static boolean textIsCurrent(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, summary FROM issues WHERE issue_type = 'Bug' ORDER BY id LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return false;
            }
            String expected = DemoText.write(rs.getObject(1, UUID.class), "Bug", null).summary();
            return expected.equals(rs.getString(2));
        }
    }
}
