package com.digitalspiral.api.translate;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Quantities of story points told by their verb: "points we shipped", "story points completed in October",
 * "how many points did ALPHA commit to". A quantity, never a count of issues of type Story. Completed points
 * of a sprint and points of resolved issues differ only in grain: by person, type or priority they are the
 * resolved issues' points.
 */
final class PointsReader {

    private record Verb(Pattern words, String metric) {}

    private static final Pattern POINTS = Pattern.compile("\\bpoints\\b");
    private static final List<Verb> VERBS = List.of(
            verb("removed|remove|dropped|drop|descoped|descope|cut|pulled out|taken out|spillover|spilled|slipped", "removed_sp"),
            verb("added after start|added|add|pulled in|unplanned|injected|brought in", "added_after_start_sp"),
            verb("committed|commit|commitment|planned|plan|promised|promise|signed up for|forecast|forecasted", "planned_sp"),
            verb("open|remaining|outstanding|assigned|left|unresolved|spread|load|workload|on (?:their|his|her|my) plate|in progress|"
                    + "sitting with|sit with|sits with|with (?:each|every) (?:person|developer|assignee|engineer)|right now|currently|at the moment",
                    "assignee_load"),
            verb("delivered|deliver|delivers|resolved|resolve|resolves|closed|close|closes|fixed|fix|fixes", "throughput_sp"),
            verb("completed|complete|finished|finish|done|burned|burnt|burn|achieved|accomplished|earned", "completed_sp"));

    private PointsReader() {}

    private static Verb verb(String words, String metric) {
        return new Verb(Pattern.compile("\\b(?:" + words + ")\\b"), metric);
    }

    private static final List<String> SPRINT_POINTS = List.of("planned_sp", "completed_sp", "removed_sp", "added_after_start_sp");
    private static final Pattern JOINED = Pattern.compile("\\b(?:and|vs|versus|next to|against|beside|alongside|as well as|"
            + "compared (?:to|with))\\b");

    /**
     * A second sprint quantity joined to the first by "and", "vs", "next to": "what ALPHA committed to and what
     * got done" is planned and completed points side by side. Only a sprint quantity joins another.
     */
    static Optional<String> alongside(Question q, String first) {
        if (!SPRINT_POINTS.contains(first) || !q.readHas(JOINED)) {
            return Optional.empty();
        }
        for (Verb v : VERBS) {
            if (SPRINT_POINTS.contains(v.metric()) && !v.metric().equals(first) && q.readHas(v.words())) {
                q.takeFirst(v.words());
                return Optional.of(v.metric());
            }
        }
        return Optional.empty();
    }

    private static final Pattern DELIVERED = Pattern.compile("\\b(?:delivered|resolved|closed|fixed)\\b");

    /**
     * Two sprint quantities joined without the word "points": "what did we promise vs what we delivered in the
     * last 3 sprints". Said of sprints, what was delivered is the sprints' completed points.
     */
    static List<String> pairOfSprints(Question q) {
        if (!q.readHas(JOINED) || !q.readHas(Cues.SPRINT)) {
            return List.of();
        }
        java.util.Map<Integer, String> byPosition = new java.util.TreeMap<>();
        for (Verb v : VERBS) {
            Pattern words = v.metric().equals("completed_sp") ? Pattern.compile(v.words().pattern() + "|" + DELIVERED.pattern()) : v.words();
            java.util.regex.Matcher m = words.matcher(q.rest());
            if (SPRINT_POINTS.contains(v.metric()) && m.find() && !byPosition.containsValue(v.metric())) {
                byPosition.put(m.start(), v.metric());
            }
        }
        if (byPosition.size() != 2) {
            return List.of();
        }
        for (Verb v : VERBS) {
            if (byPosition.containsValue(v.metric())) {
                q.takeFirst(v.words());
            }
        }
        q.takeFirst(DELIVERED);
        return List.copyOf(byPosition.values());
    }

    /** The points metric the question's verb names, taking the words it read. */
    static Optional<String> read(Question q, boolean issueGrain) {
        if (!q.readHas(POINTS)) {
            return Optional.empty();
        }
        for (Verb v : VERBS) {
            if (q.readHas(v.words())) {
                q.takeFirst(v.words());
                q.takeFirst(POINTS);
                return Optional.of(v.metric().equals("completed_sp") && issueGrain ? "throughput_sp" : v.metric());
            }
        }
        return Optional.empty();
    }
}
