package com.digitalspiral.api.translate;

import java.util.UUID;

/** Reads a question of a tenant's user as an AnalyticsSpec, or refuses with {@link Translation.CannotAnswer}. */
public interface QuestionTranslator {

    Translation translate(String question, UUID tenant) throws Exception;

    /** For /health: who reads questions and whether it is healthy (a provider behind a breaker may not be). */
    default java.util.Map<String, Object> status() {
        return java.util.Map.of("reader", "offline", "state", "ok");
    }
}
