package com.digitalspiral.api.translate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the whole sentence says about the kind of answer wanted, read once before the readers take their
 * phrases: a count of issues in a state now, a comparison, a total, "each active sprint", a request for the
 * reasons. Read from the question in the catalog's words ({@link Question#read}).
 */
final class Cues {

    private static final Pattern COUNT = Pattern.compile("\\b(how many|number of|count of|count|# of|total number|amount of)\\b");
    // "current" alone is left out: "the current sprint" is a sprint, not the present moment of a count
    private static final Pattern NOW = Pattern.compile("\\b(right now|currently|at the moment|now|stuck|sitting|still|"
            + "at present|are there|is there|as of today|today|any|do we have|does \\w+ have)\\b");
    /** Statuses an issue can sit in that people count ("how many are blocked"); In Progress is the WIP metric. */
    static final String STATUS_NAMES = "blocked|in review|under review|in code review|reopened|re-opened|to do|todo|to-do|not started";
    private static final Pattern STATUS = Pattern.compile("\\b(" + STATUS_NAMES + ")\\b");
    private static final Pattern DURATION = Pattern.compile("\\b(hours?|time|how long|long|days|rate|ratio|share|percent|"
            + "percentage|often|reopens)\\b");
    static final Pattern SPRINT = Pattern.compile("\\b(sprint|sprints|iteration|iterations)\\b");
    private static final Pattern ISSUE_GRAIN = Pattern.compile("\\b(who|assignees?|person|people|developers?|engineers?|"
            + "members?|issue types?|types?|kinds? of issues?|priorit(?:y|ies)|statuses)\\b");
    private static final Pattern HOW_MANY = Pattern.compile("\\bhow (many|much)\\b");
    private static final Pattern COMPARE = Pattern.compile("\\b(vs|versus|compare|compared|comparing|against|relative to|contrast|"
            + "(?:more|less|fewer|better|worse|faster|slower|higher|lower) (?:[a-z0-9]+ ){1,4}than)\\b");
    private static final Pattern EACH_SPRINT = Pattern.compile("\\b(?:each|every|individual)(?: of)?(?: the| our| its| their| his| her)?"
            + "(?: [a-z0-9]+){0,3}? (?:sprints?|iterations?)\\b");
    private static final Pattern WHY = Pattern.compile("\\b(why|explain|explanation|factors?|breakdown|break down|"
            + "contributions?|contributors?|what drove|driven by|reasons?|because)\\b");
    private static final Pattern CONTENTS = Pattern.compile("\\b(what (?:was|is|were|are|s)? ?in|whats in|contents? of|"
            + "what went into|what did \\w+(?: \\w+)? (?:contain|have|hold))\\b");
    private static final Pattern HOW_IT_WENT = Pattern.compile("\\bhow (?:did|is|was|has|does|do|are) (?:[a-z0-9]+ ){1,4}?"
            + "(?:go|going|gone|goes|do|doing|done|look|looking|turn out|turning out|fare|faring)\\b|\\bsummary of\\b|\\boverview of\\b");
    private static final Pattern VELOCITY = Pattern.compile("\\b(velocity|points per sprint)\\b");

    /** "how many issues are blocked now": a count of issues in that status (the status it names). */
    final boolean stateCount;
    final CatalogPhrases.Value status;
    final boolean now;
    /** The question is about issues' own fields (people, types, priorities): sprint figures cannot be cut so. */
    boolean issueGrain;
    final boolean howMany;
    final boolean compare;
    boolean eachSprint;
    /** The unit of a window said in days or weeks ("the past 12 weeks"): a trend over it goes at that grain. */
    String windowGrain;
    final boolean why;
    final boolean contents;
    /** "how did ALPHA Sprint 6 go": a sprint's main figures. */
    final boolean howItWent;
    final boolean velocity;

    private Cues(String t) {
        Matcher s = STATUS.matcher(t);
        boolean hasStatus = s.find();
        now = NOW.matcher(t).find();
        stateCount = hasStatus && !DURATION.matcher(t).find() && !SPRINT.matcher(t).find()
                && (COUNT.matcher(t).find() || now);
        status = hasStatus ? new CatalogPhrases.Value("status", statusOf(s.group(1))) : null;
        issueGrain = ISSUE_GRAIN.matcher(t).find();
        howMany = HOW_MANY.matcher(t).find();
        compare = COMPARE.matcher(t).find();
        eachSprint = EACH_SPRINT.matcher(t).find();
        why = WHY.matcher(t).find();
        contents = CONTENTS.matcher(t).find();
        howItWent = HOW_IT_WENT.matcher(t).find();
        velocity = VELOCITY.matcher(t).find();
    }

    static Cues of(Question q) {
        return new Cues(" " + q.read + " ");
    }

    private static String statusOf(String word) {
        return switch (word) {
            case "blocked" -> "Blocked";
            case "reopened", "re-opened" -> "Reopened";
            case "to do", "todo", "to-do", "not started" -> "To Do";
            default -> "In Review";
        };
    }
}
