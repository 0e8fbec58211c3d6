package com.digitalspiral.api.translate;

import com.digitalspiral.catalog.MetricDef;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rankings: which way ("highest", "worst", "fastest", "healthiest") and how many rows. A number said is the
 * count ("which 3 sprints", "top 5", "the 4 sprints with the lowest …"); "worst first", "ranked", "sorted"
 * list every row in order; otherwise the noun decides: "which sprint" or "who" is one row, "which sprints"
 * all of them, ordered. Nothing is cut silently: when rows are cut the answer's meta says so.
 */
final class RankingReader {

    /** A ranking as said: the direction word, a count if one was said, and whether every row is wanted. */
    record Ranking(String word, Integer count, boolean everyRow) {

        /** Descending for this metric? Value words follow the number, quality words its "better" side. */
        boolean descending(MetricDef m) {
            boolean higherIsBetter = "higher".equals(m.better());
            return switch (word) {
                case "worst" -> !higherIsBetter;
                case "best" -> higherIsBetter || m.better() == null;
                case "fastest" -> !"days".equals(m.unit());
                case "slowest" -> "days".equals(m.unit());
                case "lowest", "least", "fewest", "smallest", "bottom", "min", "minimum", "shortest" -> false;
                default -> true;
            };
        }
    }

    private static final String DIRECTION = "worst|best|highest|lowest|biggest|largest|greatest|smallest|fastest|slowest|longest|"
            + "shortest|most|least|fewest|top|bottom";
    private static final Pattern FIRST = Pattern.compile("\\b(" + DIRECTION + ") (?:ones? )?first\\b");
    private static final Pattern THE_N_WITH = Pattern.compile(
            "(?:\\bthe |^\\s*)(\\d{1,4})(?= (?:[a-z]+ ){1,3}(?:with|by|having|that have|that had|whose) (?:the )?(" + DIRECTION + ")\\b)");
    private static final Pattern TOP_N = Pattern.compile(
            "\\b(?:(top|bottom|worst|best|highest|lowest|first)(?: (\\d{1,4}))|(\\d{1,4}) (" + DIRECTION + "))\\b");
    private static final Pattern WHICH_N = Pattern.compile("\\b(?:which|what|the|list|show|name|give me)(?: the)? (\\d{1,4})(?= [a-z])");
    private static final Pattern SUPERLATIVE = Pattern.compile(
            "\\b(?:the )?(" + DIRECTION + "|max(?:imum)?|min(?:imum)?|quickest)\\b(?! priority| prio)");
    private static final Pattern WHICH_OF = Pattern.compile("\\b(?:which|what) (?:one )?of (?:the |our |my |these |those |all )?(?:the )?"
            + "(?:\\d{1,4} )?[a-z]+s (?:has|is|was|had|did|does|shows|got|gets)\\b");
    /** "which single sprint", "what one person": one row, whatever plural the rest of the sentence has. */
    private static final Pattern WHICH_ONE = Pattern.compile("\\b(?:which|what) (?:single|one|1|individual|particular) [a-z]+\\b");
    /** A window of sprints ("in the last 6 sprints") is a time range, not the rows asked for. */
    private static final Pattern SPRINT_WINDOW = Pattern.compile("\\b(?:last|past|previous|recent|latest|first) (?:\\d{1,4} )?(?:sprints|iterations)\\b");
    private static final Pattern ORDER = Pattern.compile("\\b(rank|ranked|ranking|sort|sorted|order|ordered|orderd|sort by|order by)\\b");

    /** Nouns of a dimension as said in the singular and in the plural: "which sprint" is one row. */
    /** Each dimension's nouns, singular then plural: the one list the readers share. */
    private static final Map<String, String[]> NOUN_WORDS = Map.of(
            "sprint", new String[] {"sprint|iteration", "sprints|iterations"},
            "project", new String[] {"project|team", "projects|teams"},
            "assignee", new String[] {"assignee|person|developer|member|engineer|dev|teammate|individual|contributor|who|whose|"
                    + "whom|someone|anyone", "assignees|people|developers|members|engineers|devs|persons|folks|teammates|"
                    + "individuals|contributors"},
            "issue_type", new String[] {"type|kind", "types|kinds"},
            "priority", new String[] {"priority|prio", "priorities|prios"},
            "status", new String[] {"status", "statuses"},
            "state", new String[] {"state", "states"},
            "board", new String[] {"board", "boards"},
            "instance", new String[] {"site|instance", "sites|instances"});

    /** Every dimension's plural nouns, as regex alternatives ("which sprints …" asks for rows of sprints). */
    static String pluralNouns() {
        return String.join("|", NOUN_WORDS.values().stream().map(w -> w[1]).sorted().toList());
    }

    private static final Map<String, List<Pattern>> NOUNS = NOUN_WORDS.entrySet().stream().collect(
            java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> nouns(e.getValue()[0], e.getValue()[1])));

    private RankingReader() {}

    private static List<Pattern> nouns(String singular, String plural) {
        return List.of(Pattern.compile("\\b(?:" + singular + ")\\b"), Pattern.compile("\\b(?:" + plural + ")\\b"));
    }

    static Ranking read(Question q) {
        Question.MatchResultCopy first = q.takeFirst(FIRST);
        Question.MatchResultCopy w = q.takeFirst(THE_N_WITH);
        if (w != null) {
            q.takeFirst(Pattern.compile("\\b" + w.group(2) + "\\b"));
            return new Ranking(first != null ? first.group(1) : w.group(2), count(w.group(1)), false);
        }
        Integer n = null;
        String word = first == null ? null : first.group(1);
        Question.MatchResultCopy m = q.takeFirst(TOP_N);
        if (m != null) {
            String said = m.group(1) != null ? m.group(1) : m.group(4);
            n = count(m.group(2) != null ? m.group(2) : m.group(3));
            word = word != null ? word : said.equals("first") ? "top" : said;
        } else {
            Question.MatchResultCopy which = q.takeFirst(WHICH_N);
            if (which != null) {
                n = count(which.group(1));
            }
        }
        Question.MatchResultCopy s = q.takeFirst(SUPERLATIVE);
        if (s != null && word == null) {
            word = switch (s.group(1)) {
                case "max", "maximum", "greatest" -> "highest";
                case "min", "minimum" -> "lowest";
                case "quickest" -> "fastest";
                default -> s.group(1);
            };
        }
        boolean ordered = q.takeFirst(ORDER) != null;
        if (word == null && n == null && !ordered) {
            return null;
        }
        return new Ranking(word == null ? "highest" : word, n, first != null || (ordered && n == null));
    }

    /**
     * How many rows the ranking keeps: the number said, else every row for "ranked"/"… first" and plural
     * nouns, else one for a singular noun or "who"; {@code text} is the question as normalized, before reading.
     */
    static Integer limit(Ranking r, List<String> dimensions, String text) {
        if (r.count() != null) {
            return r.count();
        }
        if (r.everyRow()) {
            return null;
        }
        if (WHICH_OF.matcher(text).find() || WHICH_ONE.matcher(text).find()) {
            // "which of our projects has the most …", "which single sprint …": one of them
            return 1;
        }
        text = SPRINT_WINDOW.matcher(text).replaceAll(" ");
        for (String d : dimensions) {
            // the noun right after "which"/"what" says it first: "which sprint …, in the last 6 sprints" is one
            List<Pattern> forms = NOUNS.get(d);
            if (forms == null) {
                continue;
            }
            java.util.regex.Matcher asked = Pattern.compile("\\b(?:which|what) (?:[a-z]+ )?(" + forms.get(0).pattern() + "|"
                    + forms.get(1).pattern() + ")").matcher(text);
            if (asked.find()) {
                return forms.get(1).matcher(asked.group(1)).matches() ? null : 1;
            }
        }
        for (String d : dimensions) {
            List<Pattern> forms = NOUNS.get(d);
            if (forms == null) {
                continue;
            }
            if (forms.get(1).matcher(text).find()) {
                return null;
            }
            if (forms.get(0).matcher(text).find()) {
                return 1;
            }
        }
        return null;
    }

    /** The dimension whose noun follows "which"/"what" ("which team does that the most"), if one does. */
    static java.util.Optional<String> whichNoun(String text) {
        for (Map.Entry<String, List<Pattern>> e : NOUNS.entrySet()) {
            Pattern asked = Pattern.compile("\\b(?:which|what) (?:[a-z]+ )?(?:" + e.getValue().get(0).pattern() + "|"
                    + e.getValue().get(1).pattern() + ")");
            if (asked.matcher(text).find()) {
                return java.util.Optional.of(e.getKey());
            }
        }
        return java.util.Optional.empty();
    }

    /** The first dimension whose noun the question says (singular or plural) and the fact has. */
    static java.util.Optional<String> nounIn(String text, String fact, com.digitalspiral.catalog.Catalog catalog) {
        for (String d : List.of("sprint", "project", "assignee", "issue_type", "priority", "status", "state", "board", "instance")) {
            List<Pattern> forms = NOUNS.get(d);
            boolean said = forms.get(0).matcher(text).find() || forms.get(1).matcher(text).find();
            if (said && catalog.dimension(d).map(x -> x.availableOn(fact)).orElse(false)) {
                return java.util.Optional.of(d);
            }
        }
        return java.util.Optional.empty();
    }

    private static int count(String digits) {
        return TimePhrases.count(digits, 10_000);
    }
}
