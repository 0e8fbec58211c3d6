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

    /** The question cannot be answered from the catalog: why, and questions that can. */
    public static final class CannotAnswer extends RuntimeException {
        private final transient List<String> suggestions;

        public CannotAnswer(String reason, List<String> suggestions) {
            super(reason);
            this.suggestions = List.copyOf(suggestions);
        }

        public List<String> suggestions() {
            return suggestions;
        }
    }
}
