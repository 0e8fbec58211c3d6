package com.digitalspiral.api.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CountedTranslatorTest {

    private final List<String> counted = new ArrayList<>();

    private CountedTranslator counting(String answeredBy, boolean model) {
        QuestionTranslator inner = (q, tenant) -> {
            if (q.startsWith("delete")) {
                throw new Translation.CannotAnswer("a change to Jira", List.of());
            }
            return new Translation(null, "", answeredBy, 1.0, "total");
        };
        return new CountedTranslator(inner, model, (reader, outcome) -> counted.add(reader + "/" + outcome));
    }

    @Test
    void theModelsAnswersItsFallbacksAndItsRefusalsAreCountedApart() throws Exception {
        counting("openai", true).translate("velocity per project", UUID.randomUUID());
        counting("offline (openai unavailable)", true).translate("velocity per project", UUID.randomUUID());
        Throwable refused = catchThrowable(() -> counting("openai", true).translate("delete ALPHA-1", UUID.randomUUID()));
        assertThat(refused).isInstanceOf(Translation.CannotAnswer.class);
        assertThat(counted).containsExactly("llm/answered", "fallback/answered", "llm/refused");
    }

    @Test
    void withoutAModelEveryReadingIsOffline() throws Exception {
        counting("offline", false).translate("velocity per project", UUID.randomUUID());
        catchThrowable(() -> counting("offline", false).translate("delete ALPHA-1", UUID.randomUUID()));
        assertThat(counted).containsExactly("offline/answered", "offline/refused");
    }
}
