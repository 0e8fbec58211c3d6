package com.digitalspiral.api.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Ranking quality of search on a query set whose relevant issues come from a ground truth (the demo data's
 * topics): hit@5 (a relevant issue among the first five), MRR@10 and nDCG@10 (graded: relevant 2, related 1),
 * per mode and per part of the set, and the graph's recall@10 against exact nearest neighbours.
 */
public final class SearchEvaluation {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One query of the set; topics may hold "*" for any value of a part. */
    public record Case(String query, List<String> relevant, List<String> related, String part) {}

    /** Figures of one mode on one part. */
    public record Figures(String mode, String part, int queries, double hitAt5, double mrrAt10, double ndcgAt10,
                          double p50Ms, double p95Ms, List<String> misses) {}

    public static List<Case> read(Path file) throws IOException {
        List<Case> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            out.add(new Case(n.get("query").asText(), strings(n.get("relevant")), strings(n.get("related")),
                    n.path("part").asText("dev")));
        }
        return out;
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null) {
            n.forEach(x -> out.add(x.asText()));
        }
        return out;
    }

    /**
     * @param topicOfKey the ground truth: each issue key of the tenant and the topic it is about
     * @return figures per mode and part, and the queries whose topics no issue of the tenant has (left out)
     */
    public static Map<String, Object> run(List<Case> cases, SearchService service, UUID tenant,
                                          Map<String, String> topicOfKey) throws IOException {
        List<String> invalid = new ArrayList<>();
        List<Case> valid = new ArrayList<>();
        for (Case c : cases) {
            if (topicOfKey.values().stream().anyMatch(t -> matches(c.relevant(), t))) {
                valid.add(c);
            } else {
                invalid.add(c.query());
            }
        }
        List<Figures> figures = new ArrayList<>();
        for (SearchRequest.Mode mode : SearchRequest.Mode.values()) {
            for (String part : valid.stream().map(Case::part).distinct().toList()) {
                figures.add(measure(valid.stream().filter(c -> c.part().equals(part)).toList(), part, mode, service,
                        tenant, topicOfKey));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("figures", figures);
        out.put("invalid", invalid);
        return out;
    }

    private static Figures measure(List<Case> cases, String part, SearchRequest.Mode mode, SearchService service,
                                   UUID tenant, Map<String, String> topicOfKey) throws IOException {
        double hits = 0;
        double rr = 0;
        double ndcg = 0;
        List<Double> ms = new ArrayList<>();
        List<String> misses = new ArrayList<>();
        for (Case c : cases) {
            long t0 = System.nanoTime();
            SearchService.Result r = service.search(tenant, new SearchRequest(c.query(), SearchRequest.Filters.NONE, 10, mode));
            ms.add((System.nanoTime() - t0) / 1e6);
            List<String> keys = r.hits().stream().map(SearchHit::issueKey).toList();
            Function<String, Integer> grade = key -> {
                String topic = topicOfKey.get(key);
                return topic == null ? 0 : matches(c.relevant(), topic) ? 2 : matches(c.related(), topic) ? 1 : 0;
            };
            boolean hit = false;
            for (int i = 0; i < Math.min(5, keys.size()); i++) {
                hit |= grade.apply(keys.get(i)) == 2;
            }
            hits += hit ? 1 : 0;
            if (!hit) {
                misses.add(c.query());
            }
            for (int i = 0; i < keys.size(); i++) {
                if (grade.apply(keys.get(i)) == 2) {
                    rr += 1.0 / (i + 1);
                    break;
                }
            }
            double dcg = 0;
            for (int i = 0; i < keys.size(); i++) {
                dcg += (Math.pow(2, grade.apply(keys.get(i))) - 1) / log2(i + 2);
            }
            List<Integer> ideal = topicOfKey.values().stream()
                    .map(t -> matches(c.relevant(), t) ? 2 : matches(c.related(), t) ? 1 : 0)
                    .filter(g -> g > 0).sorted(java.util.Comparator.reverseOrder()).limit(10).toList();
            double idcg = 0;
            for (int i = 0; i < ideal.size(); i++) {
                idcg += (Math.pow(2, ideal.get(i)) - 1) / log2(i + 2);
            }
            ndcg += idcg == 0 ? 0 : dcg / idcg;
        }
        int n = Math.max(1, cases.size());
        List<Double> sorted = ms.stream().sorted().toList();
        return new Figures(mode.name().toLowerCase(java.util.Locale.ROOT), part, cases.size(), hits / n, rr / n, ndcg / n,
                percentile(sorted, 0.5), percentile(sorted, 0.95), misses);
    }

    /** Recall@k of the HNSW graph against exact nearest neighbours, over the queries' embeddings. */
    public static double annRecall(List<Case> cases, SearchService service, UUID tenant, int k) throws Exception {
        double sum = 0;
        int n = 0;
        for (Case c : cases) {
            double[] recall = service.recallAgainstExact(tenant, c.query(), k);
            if (recall != null) {
                sum += recall[0];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Whether a topic matches one of the patterns ("bug/login/*" matches every bug of login). */
    static boolean matches(List<String> patterns, String topic) {
        for (String p : patterns) {
            String[] want = p.split("/");
            String[] have = topic.split("/");
            if (want.length > have.length) {
                continue;
            }
            boolean ok = true;
            for (int i = 0; i < want.length; i++) {
                ok &= want[i].equals("*") || want[i].equals(have[i]);
            }
            if (ok && want.length == have.length) {
                return true;
            }
        }
        return false;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
