package com.digitalspiral.api.translate;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Duration;
import java.util.Map;

/**
 * Which language model translates questions, from the environment:
 * {@code SPIRAL_LLM_PROVIDER} = {@code openai}, {@code anthropic}, {@code local} (Ollama or any
 * OpenAI-compatible server) or {@code none} (the default: the offline translator);
 * {@code SPIRAL_LLM_API_KEY} (else OPENAI_API_KEY / ANTHROPIC_API_KEY), {@code SPIRAL_LLM_BASE_URL},
 * {@code SPIRAL_LLM_MODEL}, {@code SPIRAL_LLM_TIMEOUT_MS} (default 10,000: one deadline for a whole translation,
 * repairs included, headers and body alike), {@code SPIRAL_LLM_CONCURRENCY} (default 8 provider calls at once;
 * beyond it the offline reader answers at once).
 */
public record LlmConfig(String provider, String apiKey, String baseUrl, String model, Duration timeout, int concurrency) {

    public LlmConfig(String provider, String apiKey, String baseUrl, String model, Duration timeout) {
        this(provider, apiKey, baseUrl, model, timeout, 8);
    }

    public static LlmConfig fromEnv(Map<String, String> env) {
        String provider = value(env, "SPIRAL_LLM_PROVIDER", "none").toLowerCase(java.util.Locale.ROOT);
        String key = value(env, "SPIRAL_LLM_API_KEY", null);
        if (key == null) {
            key = value(env, provider.equals("anthropic") ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY", null);
        }
        String base = value(env, "SPIRAL_LLM_BASE_URL", null);
        String model = value(env, "SPIRAL_LLM_MODEL", null);
        switch (provider) {
            case "openai" -> {
                base = base != null ? base : "https://api.openai.com/v1";
                model = model != null ? model : "gpt-4o-mini";
            }
            case "anthropic" -> {
                base = base != null ? base : "https://api.anthropic.com/v1/";
                model = model != null ? model : "claude-3-5-haiku-latest";
            }
            case "local" -> {
                base = base != null ? base : "http://localhost:11434/v1";
                model = model != null ? model : "llama3.1";
                key = key != null ? key : "local";
            }
            case "none" -> { }
            default -> throw new IllegalArgumentException("SPIRAL_LLM_PROVIDER is '" + provider
                    + "'; use openai, anthropic, local or none");
        }
        Duration timeout = Duration.ofMillis(number(env, "SPIRAL_LLM_TIMEOUT_MS", "10000", 100, 600_000));
        int concurrency = (int) number(env, "SPIRAL_LLM_CONCURRENCY", "8", 1, 256);
        return new LlmConfig(provider, key, base, model, timeout, concurrency);
    }

    /** A whole number within bounds; anything else names the variable. */
    private static long number(Map<String, String> env, String name, String otherwise, long min, long max) {
        String v = value(env, name, otherwise);
        try {
            long n = Long.parseLong(v);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is '" + v + "'; use a whole number from " + min + " to " + max);
        }
    }

    /** A variable's value; unset and blank (as compose passes an empty default) are alike. */
    private static String value(Map<String, String> env, String name, String otherwise) {
        String v = env.get(name);
        return v == null || v.isBlank() ? otherwise : v.trim();
    }

    public boolean configured() {
        return !provider.equals("none");
    }

    /** The langchain4j chat model; no retries inside it (a slow provider falls back to the offline translator). */
    public ChatModel chatModel() {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("SPIRAL_LLM_PROVIDER=" + provider + " needs SPIRAL_LLM_API_KEY");
        }
        return switch (provider) {
            case "anthropic" -> AnthropicChatModel.builder().baseUrl(baseUrl).apiKey(apiKey).modelName(model)
                    .temperature(0.0).maxTokens(1024).timeout(timeout).maxRetries(0).build();
            case "openai", "local" -> OpenAiChatModel.builder().baseUrl(baseUrl).apiKey(apiKey).modelName(model)
                    .temperature(0.0).timeout(timeout).maxRetries(0).build();
            default -> throw new IllegalStateException("no language model configured");
        };
    }
}
