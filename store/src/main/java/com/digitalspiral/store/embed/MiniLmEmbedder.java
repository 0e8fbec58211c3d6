package com.digitalspiral.store.embed;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * all-MiniLM-L6-v2 in process (langchain4j's ONNX build, model inside the jar): 384 dimensions, no network.
 * Texts longer than the model's 256 word pieces are cut by the model; issue text puts the summary first.
 */
public final class MiniLmEmbedder implements TextEmbedder {

    public static final String MODEL = "all-minilm-l6-v2";

    private final AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public int dimensions() {
        return 384;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<TextSegment> segments = texts.stream().map(t -> TextSegment.from(t.isBlank() ? " " : t)).toList();
        List<float[]> out = new ArrayList<>(texts.size());
        model.embedAll(segments).content().forEach(e -> out.add(TextEmbedder.normalize(e.vector())));
        return out;
    }
}
