package com.digitalspiral.api.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmConfigTest {

    @Test
    void noProviderMeansTheOfflineTranslator() {
        assertThat(LlmConfig.fromEnv(Map.of()).configured()).isFalse();
        assertThat(LlmConfig.fromEnv(Map.of("SPIRAL_LLM_PROVIDER", "", "SPIRAL_LLM_BASE_URL", "")).configured()).isFalse();
    }

    @Test
    void eachProviderHasDefaultsAndTakesTheUsualKeyVariables() {
        LlmConfig openai = LlmConfig.fromEnv(Map.of("SPIRAL_LLM_PROVIDER", "openai", "OPENAI_API_KEY", "sk-1", "SPIRAL_LLM_MODEL", ""));
        assertThat(openai.baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(openai.model()).isEqualTo("gpt-4o-mini");
        assertThat(openai.apiKey()).isEqualTo("sk-1");
        LlmConfig claude = LlmConfig.fromEnv(Map.of("SPIRAL_LLM_PROVIDER", "Anthropic", "ANTHROPIC_API_KEY", "sk-ant"));
        assertThat(claude.apiKey()).isEqualTo("sk-ant");
        assertThat(claude.baseUrl()).startsWith("https://api.anthropic.com");
        LlmConfig local = LlmConfig.fromEnv(Map.of("SPIRAL_LLM_PROVIDER", "local"));
        assertThat(local.baseUrl()).isEqualTo("http://localhost:11434/v1");
        assertThat(local.chatModel()).isNotNull();
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> LlmConfig.fromEnv(Map.of("SPIRAL_LLM_PROVIDER", "gemini")))
                .hasMessageContaining("SPIRAL_LLM_PROVIDER is 'gemini'");
        assertThatThrownBy(() -> LlmConfig.fromEnv(Map.of("SPIRAL_LLM_PROVIDER", "openai")).chatModel())
                .hasMessageContaining("needs SPIRAL_LLM_API_KEY");
    }
}
