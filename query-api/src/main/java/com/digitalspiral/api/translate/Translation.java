package com.digitalspiral.api.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A question read as a spec.
 *
 * @param translator which translator answered ("offline", "openai", …)
 * @param confidence 0–1: how much of the question was understood
 * @param shape      the kind of answer (total, breakdown, ranking, threshold, comparison, trend, current_state, lookup)
 */
public record Translation(ObjectNode spec, String explanation, String translator, double confidence, String shape) {

    /**
     * The question cannot be answered from the catalog: why, and questions that can. A firm refusal (a change to
     * Jira, another organisation's data, a forecast, a name the tenant does not have) holds for every translator:
     * no language model is asked to read such a question.
     */
    public static final class CannotAnswer extends RuntimeException {
        private final transient List<String> suggestions;
        private final boolean firm;

        public CannotAnswer(String reason, List<String> suggestions) {
            this(reason, suggestions, false);
        }

        public CannotAnswer(String reason, List<String> suggestions, boolean firm) {
            super(reason);
            this.suggestions = List.copyOf(suggestions);
            this.firm = firm;
        }

        public List<String> suggestions() {
            return suggestions;
        }

        public boolean firm() {
            return firm;
        }
    }
}
