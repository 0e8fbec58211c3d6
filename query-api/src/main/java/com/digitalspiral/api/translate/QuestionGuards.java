package com.digitalspiral.api.translate;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Questions refused before any reading, each with the reason a person can act on: requests to change data
 * (the analytics are read-only), SQL, forecasts, other organisations' figures (a caller only ever sees its own
 * tenant), and data the product does not hold (worklogs, code, money, people's private details). Refusing by
 * what is asked for, not by what failed to match, keeps these out even when a catalog word is in the sentence
 * ("close every silent issue" mentions silent issues).
 */
final class QuestionGuards {

    /**
     * An imperative that changes Jira: a write verb first (after any politeness), followed by what it acts on
     * (a determiner, an issue key, "X to Y", a sprint): "open issues per project" and "rank the projects by
     * bug ratio" are questions, "open a bug for …" and "assign ALPHA-12 to bob" are not.
     */
    private static final Pattern WRITE = Pattern.compile("^(?:(?:please|pls|kindly|can you|could you|would you|go ahead and|"
            + "i want you to|i need you to|now|just) )*(assign|unassign|reassign|re-assign|close|move|set|mark|reopen|re-open|add|"
            + "change|rename|remove|delete|create|update|edit|transition|put|drag|resolve|archive|merge|split|log|comment|"
            + "start|complete|finish|cancel|drop|open|raise|file|bump|lower|raise|increase|decrease|fix|clean up|purge) "
            + "(?:all|every|each|the|this|that|these|those|it|them|a|an|my|our|his|her|their|some|any|everything|\\d+ |"
            + "[a-z][a-z0-9]*-\\d+\\b|[a-z][a-z0-9]* (?:to|into|as|from)\\b|[a-z][a-z0-9]* sprint \\d+)");
    /** "reassign frank's open tickets to grace": an order on work items, whoever's they are. */
    private static final Pattern WRITE_ITEMS = Pattern.compile("^(?:(?:please|pls|kindly|can you|could you|would you|go ahead and|"
            + "i want you to|i need you to|now|just) )*(?:assign|unassign|reassign|re-assign|move|transition|close|reopen|re-open|"
            + "resolve|set|mark|delete|archive|update|edit|change|rename|bump|escalate|prioriti[sz]e|deprioriti[sz]e|triage) "
            // a verb before a measure is a noun ("reopen rate per issue type"), not an order
            + "(?!(?:rate|rates|ratio|count|counts|time|times|percentage|share|numbers?|trend|frequency)\\b)(?:[a-z0-9-]+ ){0,3}(?:tickets?|issues?|bugs?|stor(?:y|ies)|tasks?|epics?|items?|work|sprints?)\\b");
    private static final Pattern WRITE_ANYWHERE = Pattern.compile(
            "\\b(delete|drop table|drop database|truncate|insert into|update the|alter table|grant|revoke|shutdown|rm -rf)\\b");
    private static final Pattern RAW_SQL = Pattern.compile("\\bselect\\b.*\\bfrom\\b|\\bunion select\\b|;|--");
    private static final Pattern FORECAST = Pattern.compile("\\b(will|won't|wont|gonna|going to|predict|prediction|predicted|"
            + "forecast|forecasts|projected|projection|estimate when|expected to|next (?:quarter|month|year|week))\\b");
    /** Other organisations: the tenant boundary is the product's promise, so such comparisons are refused outright. */
    private static final Pattern OTHER_TENANTS = Pattern.compile("\\b(other (?:companies|company|customers|customer|tenants|tenant|"
            + "organi[sz]ations?|orgs|clients|businesses|firms)|outside (?:our|the) (?:company|organi[sz]ation|org)|competitors?|"
            + "industry (?:average|benchmark|standard)|everyone else|benchmark (?:us|our \\w+(?: \\w+)?) against|"
            + "your (?:other )?(?:customers|clients|tenants|users|companies)|all (?:the )?(?:customers|tenants|companies|"
            + "organi[sz]ations)|every (?:tenant|customer|company|organi[sz]ation)|(?:all|every|other) tenants?)\\b");
    /** Things a question may ask for that the Jira tables do not hold, each with what it is. */
    private static final Pattern NOT_IN_DATA = Pattern.compile("\\b(work ?logs?|(?:hours|time|minutes) (?:were |was )?logged|"
            + "(?:time|hours|minutes|days) (?:did|does|do|has|have|had) (?:[a-z]+ ){1,2}(?:log|logged|book|booked|track|tracked)|"
            + "log(?:ged)? (?:hours|time)|timesheets?|pull requests?|prs|merge requests?|commits|pushes|builds?|"
            + "deploy(?:s|ments?)?|release notes|pipeline runs?|code coverage|lines of code|uptime|downtime|servers?|"
            + "outages?|salar(?:y|ies)|costs?|budgets?|revenue|prices?|money|dollars|euros|emails?|e-mail|phone numbers?|"
            + "addresses|morale|happiness|happy|mood|satisfaction|satisfied|nps|net promoter|smartest|intelligence|"
            + "intelligent|iq|jokes?|poems?|weather|stock|sprint goals?|passwords?|credentials|api keys?|customers|clients|"
            + "reporters|releases|released versions)\\b");

    /** Groupings people ask for that the data does not have: refused by name rather than silently ignored. */
    private static final Pattern NO_SUCH_GROUPING = Pattern.compile("\\b(?:per|by|for each|for every|each|every|grouped by|"
            + "broken down by|split by|across) (?:the )?(components?|labels?|epics?|fix versions?|versions?|releases?|customers?|"
            + "clients?|environments?|reporters?|creators?|departments?|regions?|countries|country|tribes?|weekdays?|"
            + "days of the week|hours? of the day|years?)\\b|\\b(yearly|annually|per annum)\\b");

    /** The asker as a person: the data does not know which Jira user a key belongs to. */
    private static final Pattern ME = Pattern.compile("\\b(?:my (?:tickets|issues|bugs|stories|tasks|work|points|items|backlog|"
            + "cycle time|lead time|throughput|comments)|assigned to me|(?:i|i ve|ive) (?:closed|resolved|fixed|worked on|have open|"
            + "completed|finished|created|commented))\\b");
    /** A list of single issues, which the figures do not give ("list all issues in ALPHA"). */
    private static final Pattern ISSUE_LIST = Pattern.compile("^(?:please |pls )?(?:list|show(?: me)?|give me|display|find|get)"
            + " (?:all |every |the )*(?:open |closed |resolved |blocked |new |unresolved |current )?"
            + "(?:issues?|tickets?|bugs?|stor(?:y|ies)|tasks?|epics?|sub-tasks?|items?)\\b(?!.*\\b(?:per|by|each|count|number|how many|ratio|rate|"
            + "time|points|share)\\b)");

    private QuestionGuards() {}

    /** Why the question must be refused, if it must. {@code normalized} is {@link Question#normalize}d. */
    static Optional<String> refusal(String original, String normalized) {
        Matcher w = WRITE.matcher(normalized);
        if (w.find() || WRITE_ITEMS.matcher(normalized).find() || WRITE_ANYWHERE.matcher(normalized).find()) {
            return Optional.of("I answer questions about the figures and never change Jira data"
                    + (w.find(0) ? " (\"" + w.group(1) + "\" is a change); ask how things stand instead" : ""));
        }
        if (RAW_SQL.matcher(normalized).find() || original.contains(";")) {
            return Optional.of("ask in words: SQL is written by the catalog, never taken from a question");
        }
        if (OTHER_TENANTS.matcher(normalized).find()) {
            return Optional.of("only your organisation's data is visible here; figures of other organisations are never shown");
        }
        Matcher f = FORECAST.matcher(normalized);
        if (f.find()) {
            return Optional.of("the catalog reports what happened; it does not forecast (\"" + f.group(1) + "\")");
        }
        if (ME.matcher(normalized).find()) {
            return Optional.of("the data does not know which Jira user you are; ask by name (e.g. \"open issues for alice\")");
        }
        if (ISSUE_LIST.matcher(normalized).find()) {
            return Optional.of("single issues are not listed here; ask for a count or a figure, e.g. \"open issues per "
                    + "status\" or \"how many bugs are open in ALPHA\"");
        }
        Matcher g = NO_SUCH_GROUPING.matcher(normalized);
        if (g.find()) {
            return Optional.of("the figures cannot be split by " + (g.group(1) != null ? g.group(1) : "year") + "; they can be split by project, sprint, "
                    + "board, sprint state, issue type, priority, assignee, status, status category, Jira site or a time grain");
        }
        Matcher n = NOT_IN_DATA.matcher(normalized);
        if (n.find()) {
            return Optional.of("the data holds Jira issues, sprints, comments and their history; it has nothing about \""
                    + n.group(1) + "\"");
        }
        return Optional.empty();
    }
}
