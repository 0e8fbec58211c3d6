package com.digitalspiral.store.embed;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/** An OpenAI-compatible {@code /embeddings} endpoint (OpenAI, Azure OpenAI, vLLM, Ollama, LocalAI …). */
public final class OpenAiEmbedder implements TextEmbedder {

    private final OpenAiEmbeddingModel model;
    private final EmbeddingConfig config;

    OpenAiEmbedder(EmbeddingConfig config) {
        this.config = config;
        this.model = OpenAiEmbeddingModel.builder()
                .baseUrl(config.baseUrl())
                .apiKey(config.apiKey() == null ? "none" : config.apiKey())
                .modelName(config.modelName())
                .dimensions(config.dimensions())
                .timeout(config.timeout())
                .maxRetries(2)
                .build();
    }

    @Override
    public String model() {
        return config.modelName();
    }

    @Override
    public int dimensions() {
        return config.dimensions();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<TextSegment> segments = texts.stream().map(t -> TextSegment.from(t.isBlank() ? " " : t)).toList();
        List<float[]> out = new ArrayList<>(texts.size());
        model.embedAll(segments).content().forEach(e -> {
            if (e.vector().length != config.dimensions()) {
                throw new IllegalStateException("the endpoint returned " + e.vector().length + " dimensions, not the "
                        + config.dimensions() + " configured in SPIRAL_EMBEDDINGS_DIMENSIONS");
            }
            out.add(TextEmbedder.normalize(e.vector()));
        });
        return out;
    }
}
