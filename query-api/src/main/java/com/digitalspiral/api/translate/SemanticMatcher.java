package com.digitalspiral.api.translate;

import com.digitalspiral.catalog.Catalog;
import com.digitalspiral.catalog.MetricDef;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Fuzzy matching of a question to the catalog's metrics with the in-process MiniLM sentence model (no network):
 * each metric is described by its display name, synonyms and description; a question matches the metric it is
 * closest to when it is close enough and clearly closer than to any other. Used only when no catalog phrase
 * is in the question, and to suggest answerable questions when one is refused. The model loads in the
 * background; until it has, questions are read by phrases alone.
 */
final class SemanticMatcher {

    /** A metric the question is about, and how close. */
    record Match(MetricDef metric, double similarity) {}

    // measured on paraphrases and must-refuse questions: refusals peak at 0.67, and below ~0.78 the closest
    // metric is often the wrong one, so the sentence model decides only when it is sure
    static final double ACCEPT = 0.78;
    static final double MARGIN = 0.05;

    private final Catalog catalog;
    private final CompletableFuture<Loaded> loaded;

    private record Loaded(EmbeddingModel model, Map<MetricDef, List<Embedding>> descriptions) {}

    SemanticMatcher(Catalog catalog) {
        this.catalog = catalog;
        this.loaded = CompletableFuture.supplyAsync(this::load);
    }

    private Loaded load() {
        EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();
        Map<MetricDef, List<Embedding>> descriptions = new LinkedHashMap<>();
        for (MetricDef m : catalog.metrics()) {
            if (m.deprecated()) {
                continue;
            }
            List<Embedding> e = new ArrayList<>();
            e.add(model.embed(m.displayName()).content());
            e.add(model.embed(m.description()).content());
            for (String s : m.synonyms()) {
                e.add(model.embed(s).content());
            }
            descriptions.put(m, e);
        }
        return new Loaded(model, descriptions);
    }

    /** Waits for the model (at start-up, or in tests that need it). */
    SemanticMatcher ready() {
        loaded.join();
        return this;
    }

    /** Metrics by closeness to the question, closest first; empty while the model loads. */
    List<Match> rank(String question) {
        Loaded l = loaded.getNow(null);
        String words = question == null ? "" : Question.normalize(question);
        if (l == null || words.isBlank()) {
            return List.of();
        }
        // the model gets the question in plain words: no control characters, no broken surrogates
        Embedding q = l.model().embed(words).content();
        List<Match> out = new ArrayList<>();
        l.descriptions().forEach((m, es) -> out.add(new Match(m,
                es.stream().mapToDouble(e -> CosineSimilarity.between(q, e)).max().orElse(0))));
        out.sort(Comparator.comparingDouble(Match::similarity).reversed());
        return out;
    }

    /** The metric the question is clearly about, if any. */
    Optional<Match> match(String question) {
        List<Match> ranked = rank(question);
        if (ranked.size() < 2) {
            return Optional.empty();
        }
        Match best = ranked.get(0);
        return best.similarity() >= ACCEPT && best.similarity() - ranked.get(1).similarity() >= MARGIN
                ? Optional.of(best) : Optional.empty();
    }

    /** Questions the catalog can answer that are closest to what was asked. */
    List<String> suggestions(String question, int n) {
        List<String> out = new ArrayList<>();
        for (Match m : rank(question)) {
            if (out.size() == n) {
                break;
            }
            MetricDef d = m.metric();
            String per = d.fact().equals("sprint") ? "per sprint" : d.defaultDimensions().isEmpty() ? "per project"
                    : "per " + d.defaultDimensions().get(0).replace('_', ' ');
            out.add(d.displayName() + " " + per + (d.snapshot() ? "" : " last quarter"));
        }
        return out;
    }
}
