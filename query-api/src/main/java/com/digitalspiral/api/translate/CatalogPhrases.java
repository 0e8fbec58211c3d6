package com.digitalspiral.api.translate;

import com.digitalspiral.catalog.Catalog;
import com.digitalspiral.catalog.DimensionDef;
import com.digitalspiral.catalog.MetricDef;
import com.digitalspiral.catalog.Suggest;
import com.digitalspiral.catalog.TimeGrain;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the catalog lets a question say: metric names and synonyms, dimension words, the closed vocabularies
 * (issue types, priorities, statuses, sprint states), and the words they are made of, for typo correction.
 */
final class CatalogPhrases {

    /** A value of a closed vocabulary, for a filter. */
    record Value(String dimension, String value) {}

    final PhraseTable<MetricDef> metrics = new PhraseTable<>();
    final PhraseTable<String> dimensions = new PhraseTable<>();
    final PhraseTable<Value> values = new PhraseTable<>();
    private final Set<String> words = new HashSet<>();

    CatalogPhrases(Catalog catalog) {
        for (MetricDef m : catalog.metrics()) {
            if (m.deprecated()) {
                continue;
            }
            metrics.add(m.name().replace('_', ' '), m);
            metrics.add(m.displayName().replaceAll("(?i) in sprint$", ""), m);
            m.synonyms().forEach(s -> metrics.addWithSingular(s, m));
            remember(m.name().replace('_', ' '));
            m.synonyms().forEach(this::remember);
        }
        // a lone "issue" or "ticket" is a count of issues, which the words around it pin down
        catalog.metric("issue_count").ifPresent(m -> metrics.add("issue", m).add("ticket", m));
        for (DimensionDef d : catalog.dimensions()) {
            dimensions.add(d.name().replace('_', ' '), d.name());
            dimensions.add(d.displayName(), d.name());
            d.synonyms().forEach(s -> dimensions.add(s, d.name()));
            remember(d.name().replace('_', ' '));
            d.synonyms().forEach(this::remember);
        }
        for (TimeGrain g : catalog.grains()) {
            dimensions.add(g.name(), g.name());
            g.synonyms().forEach(s -> dimensions.add(s, g.name()));
        }
        value("issue_type", "Bug", "bug", "bugs", "defect", "defects");
        value("issue_type", "Story", "story", "stories", "user story", "user stories");
        value("issue_type", "Task", "task", "tasks");
        value("issue_type", "Epic", "epic", "epics");
        value("issue_type", "Sub-task", "sub-task", "sub-tasks", "subtask", "subtasks", "sub task", "sub tasks");
        for (String p : List.of("Highest", "High", "Medium", "Low", "Lowest")) {
            String w = p.toLowerCase(Locale.ROOT);
            value("priority", p, w + " priority", w + "-priority", w + " prio", "priority " + w);
        }
        value("priority", "Highest", "critical", "blocker priority", "p1");
        value("status", "In Review", "in review", "under review", "in code review");
        value("status", "Blocked", "blocked issues", "blocked tickets", "status blocked");
        value("status", "To Do", "to do", "todo", "to-do", "not started");
        value("status", "Reopened", "reopened issues", "status reopened");
        value("status_category", "Done", "done issues", "resolved issues", "finished issues");
        value("status_category", "In Progress", "in progress issues");
        value("state", "active", "active sprint", "active sprints", "current sprint", "current sprints", "running sprints",
                "ongoing sprints", "open sprints", "this sprint", "this iteration", "current iteration", "ongoing sprint",
                "running sprint", "sprint in progress", "sprints in progress");
        value("state", "closed", "closed sprint", "closed sprints", "completed sprints", "finished sprints", "past sprints", "done sprints");
        // what a future sprint holds is planned data, not a forecast: "points planned for the next sprint"
        value("state", "future", "future sprint", "future sprints", "upcoming sprints", "upcoming sprint", "planned sprints",
                "next sprints", "next sprint", "coming sprint", "coming sprints");
        for (String w : List.of("time", "lead", "cycle", "load", "work", "open", "blocked", "hours", "top", "worst", "best", "highest", "lowest", "most", "least", "fewest", "per", "each",
                "which", "sprint", "sprints", "project", "projects", "points", "story", "issues", "median", "average",
                "percentile", "quarter", "month", "week", "year", "days", "weeks", "months", "compare", "between")) {
            words.add(w);
        }
    }

    private void value(String dimension, String value, String... phrases) {
        for (String p : phrases) {
            values.add(p, new Value(dimension, value));
            remember(p);
        }
    }

    private void remember(String phrase) {
        for (String w : Question.normalize(phrase).split(" ")) {
            if (w.length() >= 4 && w.chars().allMatch(Character::isLetter)) {
                words.add(w);
            }
        }
    }

    private static final Pattern TOKEN = Pattern.compile("[a-z]{3,}");

    /**
     * Repairs words that are neither English nor the catalog's: a catalog word run together with another
     * ("cycletime", "leadtime") is split, a likely typo of a catalog word ("velcoity", "assigne", "spilover") is
     * replaced by it. English words are never touched ("commented" is not a typo of "committed"); returns the
     * words put in.
     */
    List<String> correctTypos(Question q, Set<String> english) {
        String rest = q.rest();
        Matcher m = TOKEN.matcher(rest);
        List<String[]> fixes = new ArrayList<>();
        while (m.find()) {
            String w = m.group();
            if (words.contains(w)) {
                continue;
            }
            if (english.contains(w) || EnglishWords.contains(w)) {
                // an English word stays, unless a catalog word one letter away makes a catalog phrase with its
                // neighbour ("bug ration" is "bug ratio"); short words are not looked at (the search is per word)
                String near = w.length() < 4 ? null : Suggest.nearest(w, words).orElse(null);
                if (near != null && near.charAt(0) == w.charAt(0) && Suggest.distance(w, near) == 1
                        && formsPhrase(rest, m.start(), m.end(), near)) {
                    fixes.add(new String[] {w, near});
                }
                continue;
            }
            String split = split(w, english);
            if (split != null) {
                fixes.add(new String[] {w, split});
                continue;
            }
            int allowed = w.length() >= 8 ? 2 : 1;
            String best = nearestWord(w, rest, m.start(), m.end());
            if (best != null && best.charAt(0) == w.charAt(0) && Suggest.distance(w, best) <= allowed) {
                fixes.add(new String[] {w, best});
            }
        }
        for (String[] f : fixes) {
            q.replaceWord(f[0], f[1]);
        }
        return fixes.stream().map(f -> f[1]).toList();
    }

    /**
     * The catalog word nearest a misspelt one; among equally near words ("assigne": assignee or assigned) the one
     * that makes a phrase with its neighbours, then one that is a phrase by itself, then the first in order, so
     * the same question always reads the same.
     */
    private String nearestWord(String w, String rest, int start, int end) {
        int best = Integer.MAX_VALUE;
        List<String> tied = new ArrayList<>();
        for (String c : words) {
            int d = Suggest.distance(w, c);
            if (d < best) {
                best = d;
                tied.clear();
            }
            if (d == best) {
                tied.add(c);
            }
        }
        if (tied.isEmpty()) {
            return null;
        }
        java.util.Comparator<String> order = java.util.Comparator
                .comparing((String c) -> !formsPhrase(rest, start, end, c))
                .thenComparing(c -> !(metrics.contains(c) || dimensions.contains(c)))
                .thenComparing(java.util.Comparator.naturalOrder());
        return tied.stream().min(order).orElse(null);
    }

    private boolean formsPhrase(String rest, int start, int end, String candidate) {
        String before = rest.substring(0, start).trim();
        String after = rest.substring(end).trim();
        String prev = before.isEmpty() ? "" : before.substring(before.lastIndexOf(' ') + 1);
        String next = after.isEmpty() ? "" : after.split(" ")[0];
        boolean withPrev = !prev.isEmpty() && (metrics.contains(prev + " " + candidate) || dimensions.contains(prev + " " + candidate));
        boolean withNext = !next.isEmpty() && (metrics.contains(candidate + " " + next) || dimensions.contains(candidate + " " + next));
        return withPrev || withNext;
    }

    /** "cycletime" → "cycle time": two known words, at least one the catalog's. */
    private String split(String w, Set<String> english) {
        for (int i = 2; i <= w.length() - 2; i++) {
            String a = w.substring(0, i);
            String b = w.substring(i);
            boolean aKnown = words.contains(a) || english.contains(a) || EnglishWords.contains(a);
            boolean bKnown = words.contains(b) || english.contains(b) || EnglishWords.contains(b);
            if (aKnown && bKnown && (words.contains(a) || words.contains(b)) && a.length() + b.length() >= 6) {
                return a + " " + b;
            }
        }
        return null;
    }
}
