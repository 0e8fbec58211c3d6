package com.digitalspiral.api.translate;

import com.digitalspiral.api.auth.Caller;
import com.digitalspiral.api.query.QueryService;
import com.digitalspiral.api.query.RunResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Execution accuracy of a translator on a question set: a question counts as answered right when the rows of
 * its translated spec equal the rows of the expected spec (as sets of column → value, in order when the
 * expected spec orders them), and a must-refuse question counts when the translator refuses.
 */
public final class NlEvaluation {

    /**
     * One line of the question set.
     *
     * @param shape what kind of question (total, breakdown, ranking, threshold, comparison, trend, current_state,
     *              lookup, refuse); "other" when the set does not say
     * @param level easy, medium or hard; "unrated" when the set does not say
     */
    public record Case(String question, ObjectNode spec, boolean refuse, String shape, String level) {}

    /** How one question went. */
    public record Outcome(Case c, boolean right, String detail, double translateMs) {}

    /** The figures of a run. */
    public record Summary(int answerable, int answeredRight, int mustRefuse, int refused, double p50Ms, double p95Ms,
                          List<Outcome> outcomes) {
        public double accuracy() {
            return answerable == 0 ? 0 : (double) answeredRight / answerable;
        }

        public double refusalAccuracy() {
            return mustRefuse == 0 ? 1 : (double) refused / mustRefuse;
        }

        /** Right answers (refusals included) and questions, per value of a label, in first-seen order. */
        public Map<String, int[]> by(java.util.function.Function<Case, String> label) {
            Map<String, int[]> out = new java.util.LinkedHashMap<>();
            for (Outcome o : outcomes) {
                int[] counts = out.computeIfAbsent(label.apply(o.c()), k -> new int[2]);
                counts[0] += o.right() ? 1 : 0;
                counts[1]++;
            }
            return out;
        }

        /** Questions whose expected spec itself did not run: a fault of the set, not of the translator. */
        public List<Outcome> brokenExpectations() {
            return outcomes.stream().filter(o -> o.detail().startsWith(EXPECTED_FAILS)).toList();
        }
    }

    static final String EXPECTED_FAILS = "the expected spec does not run";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads a JSON-lines question set; "TODAY" in a date stands for today (UTC), "YESTERDAY", "THIS_WEEK_START",
     * "LAST_WEEK_START", "THIS_MONTH_START", "LAST_MONTH_START", "THIS_QUARTER_START" and "LAST_QUARTER_START"
     * for the first day of those periods.
     */
    public static List<Case> read(Path file, Clock clock) throws IOException {
        LocalDate now = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        String today = now.toString();
        LocalDate quarter = LocalDate.of(now.getYear(), ((now.getMonthValue() - 1) / 3) * 3 + 1, 1);
        Map<String, String> dates = Map.of("YESTERDAY", now.minusDays(1).toString(), "THIS_WEEK_START", now.with(java.time.DayOfWeek.MONDAY).toString(),
                "LAST_WEEK_START", now.with(java.time.DayOfWeek.MONDAY).minusWeeks(1).toString(),
                "THIS_MONTH_START", now.withDayOfMonth(1).toString(),
                "LAST_MONTH_START", now.withDayOfMonth(1).minusMonths(1).toString(),
                "THIS_QUARTER_START", quarter.toString(), "LAST_QUARTER_START", quarter.minusMonths(3).toString());
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            for (Map.Entry<String, String> d : dates.entrySet()) {
                line = line.replace("\"" + d.getKey() + "\"", "\"" + d.getValue() + "\"");
            }
            JsonNode n = JSON.readTree(line.replace("\"TODAY\"", "\"" + today + "\""));
            boolean refuse = n.path("refuse").asBoolean(false);
            cases.add(new Case(n.get("question").asText(), n.has("spec") ? (ObjectNode) n.get("spec") : null, refuse,
                    n.path("shape").asText(refuse ? "refuse" : "other"), n.path("level").asText("unrated")));
        }
        return cases;
    }

    public static Summary run(List<Case> cases, QuestionTranslator translator, QueryService queries, Caller caller) {
        List<Outcome> outcomes = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        int answerable = 0;
        int right = 0;
        int mustRefuse = 0;
        int refused = 0;
        for (Case c : cases) {
            long t0 = System.nanoTime();
            Translation t = null;
            String refusal = null;
            try {
                t = translator.translate(c.question(), caller.tenantId());
            } catch (Translation.CannotAnswer e) {
                refusal = e.getMessage();
            } catch (Exception e) {
                refusal = "error: " + e;
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            times.add(ms);
            if (c.refuse()) {
                mustRefuse++;
                boolean ok = t == null;
                refused += ok ? 1 : 0;
                outcomes.add(new Outcome(c, ok, ok ? refusal : "answered " + t.spec(), ms));
                continue;
            }
            answerable++;
            if (t == null) {
                outcomes.add(new Outcome(c, false, "refused: " + refusal, ms));
                continue;
            }
            String verdict = compare(c.spec(), t.spec(), queries, caller);
            right += verdict == null ? 1 : 0;
            outcomes.add(new Outcome(c, verdict == null, verdict == null ? t.spec().toString() : verdict + "; got " + t.spec(), ms));
        }
        Collections.sort(times);
        return new Summary(answerable, right, mustRefuse, refused, percentile(times, 0.5), percentile(times, 0.95), outcomes);
    }

    private static String compare(ObjectNode expected, ObjectNode actual, QueryService queries, Caller caller) {
        RunResponse want;
        try {
            want = queries.run(expected, caller);
        } catch (RuntimeException e) {
            return EXPECTED_FAILS + ": " + e.getMessage();
        }
        RunResponse got;
        try {
            got = queries.run(actual, caller);
        } catch (RuntimeException e) {
            return "the translated spec does not run: " + e.getMessage();
        }
        Set<String> pinned = pinned(expected);
        pinned.addAll(pinned(actual));
        List<Map<String, String>> a = rows(want, pinned);
        List<Map<String, String>> b = rows(got, pinned);
        if (!expected.has("order_by")) {
            a.sort(java.util.Comparator.comparing(Object::toString));
            b.sort(java.util.Comparator.comparing(Object::toString));
        }
        return a.equals(b) ? null : "different rows (" + b.size() + " vs " + a.size() + " expected)";
    }

    /**
     * Each row as its dimension values by column, and its metric values as a sorted list: the answer counts,
     * not what a count was called ("issues in review" as open or as created issues is the same number).
     */
    /**
     * Dimensions a spec pins to one value with an eq filter: "velocity of BETA" is the same answer with or
     * without a project column that can only say BETA.
     */
    private static Set<String> pinned(ObjectNode spec) {
        Set<String> out = new java.util.HashSet<>();
        spec.path("filters").forEach(f -> {
            if ("eq".equals(f.path("op").asText())) {
                out.add(f.path("field").asText());
                out.add(f.path("field").asText() + "_id");
            }
        });
        return out;
    }

    private static List<Map<String, String>> rows(RunResponse r, Set<String> pinned) {
        List<Map<String, String>> out = new ArrayList<>();
        for (List<Object> row : r.rows()) {
            Map<String, String> m = new TreeMap<>();
            List<String> numbers = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                Object v = row.get(i);
                if ("number".equals(r.columns().get(i).type())) {
                    numbers.add(v == null ? "null" : String.format("%.6g", ((Number) v).doubleValue()));
                } else if (!pinned.contains(r.columns().get(i).name())) {
                    m.put(r.columns().get(i).name(), String.valueOf(v));
                }
            }
            Collections.sort(numbers);
            m.put(" values", numbers.toString());
            out.add(m);
        }
        return out;
    }

    private static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
    }

    private NlEvaluation() {}
}
