package com.digitalspiral.api.translate;

import java.util.UUID;

/** Reads a question of a tenant's user as an AnalyticsSpec, or refuses with {@link Translation.CannotAnswer}. */
public interface QuestionTranslator {

    Translation translate(String question, UUID tenant) throws Exception;
}
