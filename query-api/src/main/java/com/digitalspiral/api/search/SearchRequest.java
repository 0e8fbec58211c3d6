package com.digitalspiral.api.search;

import java.time.Instant;
import java.util.List;

/**
 * A search as asked: words, filters applied inside the search (so the top hits all match them), how many hits
 * and how to rank.
 */
public record SearchRequest(String query, Filters filters, int limit, Mode mode) {

    /** How hits are ranked. */
    public enum Mode {
        /** keyword (BM25) and semantic (vector) lists fused by reciprocal rank */
        HYBRID,
        /** nearest vectors only */
        SEMANTIC,
        /** BM25 on summary and description only */
        KEYWORD
    }

    /** Each list holds the values allowed (any of them); empty means no filter. */
    public record Filters(List<String> projects, List<String> issueTypes, List<String> statuses, List<String> assignees,
                          List<String> priorities, Instant createdFrom, Instant createdTo) {
        public static final Filters NONE = new Filters(List.of(), List.of(), List.of(), List.of(), List.of(), null, null);

        /** As the API writes them: the request's names, only the filters set. */
        public java.util.Map<String, Object> asJson() {
            java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
            put(out, "project", projects);
            put(out, "issue_type", issueTypes);
            put(out, "status", statuses);
            put(out, "assignee", assignees);
            put(out, "priority", priorities);
            if (createdFrom != null) {
                out.put("created_from", createdFrom.toString());
            }
            if (createdTo != null) {
                out.put("created_to", createdTo.toString());
            }
            return out;
        }

        private static void put(java.util.Map<String, Object> out, String name, List<String> values) {
            if (values != null && !values.isEmpty()) {
                out.put(name, values.size() == 1 ? values.get(0) : values);
            }
        }
    }
}
