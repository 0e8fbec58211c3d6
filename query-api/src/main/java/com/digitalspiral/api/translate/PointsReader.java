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
            verb("removed|remove|dropped|drop|descoped|descope|cut|pulled out|taken out", "removed_sp"),
            verb("added after start|added|add|pulled in|unplanned|injected|brought in", "added_after_start_sp"),
            verb("committed|commit|commitment|planned|plan|promised|signed up for", "planned_sp"),
            verb("open|remaining|outstanding|assigned|left|unresolved|spread|load|workload|on (?:their|his|her|my) plate|in progress",
                    "assignee_load"),
            verb("delivered|resolved|closed|fixed", "throughput_sp"),
            verb("completed|complete|finished|finish|done|burned|burnt|burn|achieved|accomplished|earned", "completed_sp"));

    private PointsReader() {}

    private static Verb verb(String words, String metric) {
        return new Verb(Pattern.compile("\\b(?:" + words + ")\\b"), metric);
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
