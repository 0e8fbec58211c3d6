package com.digitalspiral.store.embed;

import java.time.Duration;
import java.util.Map;

/**
 * Which embedding model issues and queries go through.
 *
 * @param provider {@code minilm} (all-MiniLM-L6-v2 in process, the default), {@code openai} (an OpenAI-compatible
 *     {@code /v1/embeddings} endpoint) or {@code off} (no vectors: search is keyword-only)
 * @param baseUrl the endpoint's base URL, e.g. {@code https://api.openai.com/v1}; for {@code openai} only
 * @param apiKey the endpoint's key; for {@code openai} only
 * @param modelName the endpoint's model, e.g. {@code text-embedding-3-small}; for {@code openai} only
 * @param dimensions vector length the endpoint returns (requested where the model supports it); for {@code openai} only
 * @param timeout longest wait for one batch from the endpoint
 */
public record EmbeddingConfig(String provider, String baseUrl, String apiKey, String modelName, int dimensions,
                              Duration timeout) implements java.io.Serializable {

    /** MiniLM in process: no network, 384 dimensions. */
    public static final EmbeddingConfig MINILM = new EmbeddingConfig("minilm", null, null, null, 384, Duration.ofSeconds(30));
    public static final EmbeddingConfig OFF = new EmbeddingConfig("off", null, null, null, 0, Duration.ZERO);

    /**
     * From {@code SPIRAL_EMBEDDINGS} (minilm|openai|off), {@code SPIRAL_EMBEDDINGS_URL}, {@code SPIRAL_EMBEDDINGS_API_KEY},
     * {@code SPIRAL_EMBEDDINGS_MODEL}, {@code SPIRAL_EMBEDDINGS_DIMENSIONS} and {@code SPIRAL_EMBEDDINGS_TIMEOUT_MS}.
     */
    public static EmbeddingConfig fromEnv(Map<String, String> env) {
        String provider = env.getOrDefault("SPIRAL_EMBEDDINGS", "minilm").trim().toLowerCase(java.util.Locale.ROOT);
        return switch (provider) {
            case "off", "none", "" -> OFF;
            case "minilm" -> MINILM;
            case "openai" -> new EmbeddingConfig("openai", required(env, "SPIRAL_EMBEDDINGS_URL"),
                    env.get("SPIRAL_EMBEDDINGS_API_KEY"), env.getOrDefault("SPIRAL_EMBEDDINGS_MODEL", "text-embedding-3-small"),
                    Integer.parseInt(env.getOrDefault("SPIRAL_EMBEDDINGS_DIMENSIONS", "384")),
                    Duration.ofMillis(Long.parseLong(env.getOrDefault("SPIRAL_EMBEDDINGS_TIMEOUT_MS", "20000"))));
            default -> throw new IllegalArgumentException("SPIRAL_EMBEDDINGS must be minilm, openai or off, not '" + provider + "'");
        };
    }

    private static String required(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " is required when SPIRAL_EMBEDDINGS=openai");
        }
        return v;
    }

    public boolean enabled() {
        return !provider.equals("off");
    }

    /** The model's name as stored with each vector. */
    public String model() {
        return switch (provider) {
            case "minilm" -> MiniLmEmbedder.MODEL;
            case "openai" -> modelName;
            default -> "none";
        };
    }

    /** A new embedder of this model (loads it: MiniLM takes about a second). */
    public TextEmbedder open() {
        return switch (provider) {
            case "minilm" -> new MiniLmEmbedder();
            case "openai" -> new OpenAiEmbedder(this);
            default -> throw new IllegalStateException("embeddings are off");
        };
    }
}
