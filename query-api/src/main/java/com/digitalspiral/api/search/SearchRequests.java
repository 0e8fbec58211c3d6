package com.digitalspiral.api.search;

import com.digitalspiral.api.errors.ApiProblem;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a search request at the edge, naming what is wrong: every limit is here (query length, hits, filter
 * values, dates), so nothing unbounded or malformed reaches the index.
 */
final class SearchRequests {

    static final int MAX_QUERY = 1_000;
    static final int MAX_LIMIT = 100;
    static final int MAX_VALUES = 50;
    static final int MAX_VALUE_LENGTH = 255;
    static final Pattern ISSUE_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,49}-[A-Za-z0-9]{1,20}");
    private static final Set<String> FIELDS = Set.of("query", "filters", "limit", "mode");
    private static final Set<String> FILTERS = Set.of("project", "issue_type", "status", "assignee", "priority",
            "created_from", "created_to");
    /** Dates a Jira site can hold: searching outside them is a mistake, not a question. */
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private SearchRequests() {}

    static SearchRequest read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiProblem.badRequest("invalid-search", "the body must be a JSON object such as {\"query\": \"login timeout\"}");
        }
        unknown(body, FIELDS, "field");
        JsonNode q = body.get("query");
        if (q == null || !q.isTextual()) {
            throw ApiProblem.badRequest("invalid-search", "'query' is required and must be a string");
        }
        String query = q.asText();
        if (query.indexOf('\u0000') >= 0) {
            throw ApiProblem.badRequest("invalid-search", "the query contains a NUL character");
        }
        query = query.strip();
        if (query.isEmpty()) {
            throw new ApiProblem(422, "empty-query", "Nothing to search for", "the query is empty");
        }
        if (query.length() > MAX_QUERY) {
            throw ApiProblem.badRequest("invalid-search", "the query is " + query.length() + " characters long; at most "
                    + MAX_QUERY + " are searched");
        }
        int limit = body.has("limit") ? limit(body.get("limit")) : 10;
        SearchRequest.Mode mode = mode(body.get("mode"));
        return new SearchRequest(query, filters(body.get("filters")), limit, mode);
    }

    static int limit(String raw) {
        if (raw == null) {
            return 10;
        }
        try {
            return bounded(Long.parseLong(raw.strip()));
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("invalid-search", "'limit' must be a whole number from 1 to " + MAX_LIMIT);
        }
    }

    private static int limit(JsonNode n) {
        if (n == null || !n.canConvertToLong() || !n.isIntegralNumber()) {
            throw ApiProblem.badRequest("invalid-search", "'limit' must be a whole number from 1 to " + MAX_LIMIT);
        }
        return bounded(n.asLong());
    }

    private static int bounded(long v) {
        if (v < 1 || v > MAX_LIMIT) {
            throw ApiProblem.badRequest("invalid-search", "'limit' must be from 1 to " + MAX_LIMIT + ", not " + v);
        }
        return (int) v;
    }

    private static SearchRequest.Mode mode(JsonNode n) {
        if (n == null || n.isNull()) {
            return SearchRequest.Mode.HYBRID;
        }
        String m = n.isTextual() ? n.asText().strip().toUpperCase(Locale.ROOT) : "";
        try {
            return SearchRequest.Mode.valueOf(m);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("invalid-search", "'mode' must be hybrid, semantic or keyword");
        }
    }

    private static SearchRequest.Filters filters(JsonNode f) {
        if (f == null || f.isNull()) {
            return SearchRequest.Filters.NONE;
        }
        if (!f.isObject()) {
            throw ApiProblem.badRequest("invalid-search", "'filters' must be an object such as {\"project\": \"ALPHA\"}");
        }
        unknown(f, FILTERS, "filter");
        return new SearchRequest.Filters(values(f, "project"), values(f, "issue_type"), values(f, "status"),
                values(f, "assignee"), values(f, "priority"), date(f, "created_from", false), date(f, "created_to", true));
    }

    private static List<String> values(JsonNode f, String name) {
        JsonNode n = f.get(name);
        if (n == null || n.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (n.isTextual()) {
            out.add(n.asText());
        } else if (n.isArray()) {
            if (n.size() > MAX_VALUES) {
                throw ApiProblem.badRequest("invalid-search", "filter '" + name + "' has " + n.size() + " values; at most " + MAX_VALUES);
            }
            for (JsonNode v : n) {
                if (!v.isTextual()) {
                    throw ApiProblem.badRequest("invalid-search", "filter '" + name + "' must hold strings");
                }
                out.add(v.asText());
            }
        } else {
            throw ApiProblem.badRequest("invalid-search", "filter '" + name + "' must be a string or a list of strings");
        }
        for (String v : out) {
            if (v.length() > MAX_VALUE_LENGTH || v.indexOf('\u0000') >= 0) {
                throw ApiProblem.badRequest("invalid-search", "a value of filter '" + name + "' is longer than "
                        + MAX_VALUE_LENGTH + " characters or holds a NUL");
            }
        }
        return out;
    }

    private static Instant date(JsonNode f, String name, boolean endOfDay) {
        JsonNode n = f.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        String s = n.isTextual() ? n.asText().strip() : "";
        Instant at;
        try {
            at = s.length() == 10 ? LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).plusDays(endOfDay ? 1 : 0)
                    .minusNanos(endOfDay ? 1_000_000 : 0).toInstant() : OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("invalid-search", "filter '" + name + "' must be a date (2026-10-01) or a date and time "
                    + "with its offset (2026-10-01T09:00:00Z), not '" + clip(s) + "'");
        }
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw ApiProblem.badRequest("invalid-search", "filter '" + name + "' must lie between 1970 and 2200");
        }
        return at;
    }

    private static void unknown(JsonNode n, Set<String> known, String what) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw ApiProblem.badRequest("invalid-search", "unknown " + what + " '" + clip(name) + "'; known: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
