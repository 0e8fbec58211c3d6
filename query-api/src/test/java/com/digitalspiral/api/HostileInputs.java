package com.digitalspiral.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates hostile requests for every route from valid ones: values replaced by strings and numbers no field
 * should take (NUL, lone surrogates, BOM, bidi controls, SQL, markup, 10^309, NaN, huge and negative numbers,
 * impossible dates), fields dropped or of the wrong type, documents cut short or with a character slipped in,
 * and path or query parameters made of the same. Seeded: the same seed makes the same cases.
 */
final class HostileInputs {

    /** One request: a method, a path with its query, and a JSON body (null for none). */
    record Case(String method, String path, String body) {
        @Override
        public String toString() {
            String b = body == null ? "" : " " + (body.length() > 160 ? body.substring(0, 160) + "…" : body);
            return method + " " + (path.length() > 160 ? path.substring(0, 160) + "…" : path) + b;
        }
    }

    static final List<String> STRINGS = List.of("", " ", "\u0000", "a\u0000b", "\u00a0\u200b", "\ufeff", "\ud800", "\udfff x",
            "\u202e\u2066RTL", "velocity'; DROP TABLE issues; --", "\" OR 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://x}",
            "%00", "%zz", "../../etc/passwd", "..;/", "\\u0000", "NaN", "Infinity", "-Infinity", "1e309", "99999999999999999999",
            "-1", "0", "2026-02-30", "2026-13-01", "+999999999-12-31", "0000-00-00", "ＤＲＯＰ", "🙂".repeat(50), "x".repeat(5000),
            "velocity", "ALPHA", "sprint", "issue_type", "eq", "in", "between", "desc", "csv");

    static final List<String> RAW_VALUES = List.of("null", "true", "[]", "{}", "[[[[[[]]]]]]", "1e309", "-1e309", "NaN",
            "99999999999999999999999", "-2147483649", "2147483648", "0.5", "-0", "1E-400", "[\"velocity\", null]",
            "{\"$ne\": 1}");

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Stands in the tree for a raw value until the document is written. */
    private static final String MARK = "\u0001raw\u0001";
    private static final List<String> BASE_SPECS = List.of(
            "{\"metrics\": [\"velocity\"], \"dimensions\": [\"project\"]}",
            "{\"metrics\": [\"spillover_ratio\"], \"dimensions\": [\"sprint\"], \"filters\": [{\"field\": \"project\", \"op\": \"eq\", \"value\": \"ALPHA\"}],"
                    + " \"order_by\": [{\"field\": \"spillover_ratio\", \"direction\": \"desc\"}], \"limit\": 3}",
            "{\"metrics\": [\"lead_time_days\"], \"dimensions\": [\"month\"], \"time_range\": {\"from\": \"2026-01-01\", \"to\": \"2026-06-30\"}}",
            "{\"metrics\": [\"throughput_issues\"], \"time_range\": {\"last\": 8, \"unit\": \"weeks\"}}",
            "{\"metrics\": [\"velocity\"], \"params\": {\"sprints\": 5}}",
            "{\"metrics\": [\"sprint_problematic_score\"], \"dimensions\": [\"sprint\"], \"weights\": {\"spillover\": 2}}",
            "{\"metrics\": [\"wip\"], \"filters\": [{\"field\": \"state\", \"op\": \"in\", \"value\": [\"active\"]}]}");
    private static final List<String> QUESTIONS = List.of("velocity per project", "which sprint had the worst spillover last quarter",
            "lead time per month since 2026-01-01", "top 3 sprints by problematic score in ALPHA", "open story points per assignee",
            "find issues about login timeouts in ALPHA", "issues similar to ALPHA-12", "throughput in the last 8 weeks");

    private final Random random;

    HostileInputs(long seed) {
        this.random = new Random(seed);
    }

    /** {@code n} cases spread over the routes that take a body, a path parameter or a query parameter. */
    List<Case> cases(int n) {
        List<Case> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(switch (random.nextInt(10)) {
                case 0, 1, 2 -> new Case("POST", "/analytics/run", mutate(pick(BASE_SPECS)));
                case 3, 4 -> new Case("POST", random.nextBoolean() ? "/analytics/query" : "/analytics/translate", question());
                case 5 -> new Case("POST", "/analytics/search", mutate("{\"query\": \"login timeout\", \"limit\": 5, \"mode\": \"hybrid\", "
                        + "\"filters\": {\"project\": \"ALPHA\", \"status\": \"Done\", \"created_from\": \"2026-01-01\"}}"));
                case 6 -> new Case("POST", "/analytics/charts/render", mutate("{\"spec\": " + pick(BASE_SPECS) + ", \"chart_type\": \"bar\"}"));
                case 7 -> new Case("POST", "/analytics/jobs", random.nextBoolean() ? question()
                        : "{\"spec\": " + mutate(pick(BASE_SPECS)) + "}");
                default -> new Case("GET", path(), null);
            });
        }
        return out;
    }

    private String question() {
        String q = pick(QUESTIONS);
        return switch (random.nextInt(4)) {
            case 0 -> "{\"question\": " + quote(q.substring(0, random.nextInt(q.length() + 1)) + pick(STRINGS)) + "}";
            case 1 -> "{\"question\": " + quote(insertAt(q, pick(STRINGS))) + "}";
            case 2 -> "{\"question\": " + pick(RAW_VALUES) + "}";
            default -> mutate("{\"question\": " + quote(q) + "}");
        };
    }

    private String path() {
        String s = encode(pick(STRINGS));
        String n = random.nextBoolean() ? pick(RAW_VALUES) : Long.toString(random.nextLong());
        return switch (random.nextInt(7)) {
            case 0 -> "/analytics/metrics/" + s;
            case 1 -> "/analytics/jobs/" + s;
            case 2 -> "/analytics/jobs/00000000-0000-0000-0000-000000000000/result?offset=" + encode(n) + "&limit=" + encode(pick(RAW_VALUES));
            case 3 -> "/analytics/issues/" + s + "/similar";
            case 4 -> "/analytics/export/" + s + "?format=" + encode(pick(STRINGS));
            case 5 -> "/analytics/jobs?status=" + s + "&limit=" + encode(n) + "&user=" + encode(pick(STRINGS));
            default -> "/analytics/metrics?q=" + s;
        };
    }

    /** A valid document with one thing wrong, or cut short, or with a character slipped in. */
    String mutate(String valid) {
        int how = random.nextInt(10);
        if (how == 0) {
            return valid.substring(0, random.nextInt(valid.length()));
        }
        if (how == 1) {
            int at = random.nextInt(valid.length());
            return valid.substring(0, at) + pick(List.of("\"", "}", "]", ",", "\\", "\u0000", "\ud800", ":")) + valid.substring(at);
        }
        try {
            JsonNode root = JSON.readTree(valid);
            List<JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            JsonNode target = pick(containers);
            if (target instanceof ObjectNode o && o.size() > 0) {
                List<String> names = new ArrayList<>();
                o.fieldNames().forEachRemaining(names::add);
                String name = pick(names);
                switch (random.nextInt(4)) {
                    case 0 -> o.remove(name);
                    case 1 -> o.put(name, MARK);
                    case 2 -> o.put(name, pick(STRINGS));
                    default -> o.put(pick(STRINGS), pick(STRINGS));
                }
            } else if (target instanceof ArrayNode a && a.size() > 0) {
                int i = random.nextInt(a.size());
                if (random.nextBoolean()) {
                    a.set(i, JsonNodeFactory.instance.textNode(pick(STRINGS)));
                } else {
                    a.set(i, JsonNodeFactory.instance.textNode(MARK));
                }
            }
            // raw values go in as text: some (NaN, 1e309) are not JSON, which is hostile too
            return JSON.writeValueAsString(root).replace(quote(MARK), pick(RAW_VALUES));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.forEach(child -> collect(child, out));
        }
    }

    private String insertAt(String s, String insert) {
        int at = random.nextInt(s.length() + 1);
        return s.substring(0, at) + insert + s.substring(at);
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A JSON string literal; lone surrogates are written as escapes, as a hostile client would. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
