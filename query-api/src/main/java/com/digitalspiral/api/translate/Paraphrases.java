package com.digitalspiral.api.translate;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everyday wording turned into the catalog's before any reader runs: what scrum masters, managers and product
 * owners say ("work that slipped out of the sprint", "stuff added after kickoff", "in flight", "shipped") for
 * what the catalog calls spillover, added after start, work in progress, points delivered. Each rule rewrites
 * a way of speaking, not a question: the phrases are general Jira and Scrum vocabulary, so they hold for
 * questions nobody here wrote. Applied to {@link Question#normalize normalized} text, in order.
 */
final class Paraphrases {

    private record Rule(Pattern pattern, String replacement) {}

    private static final String STARTED = "(?:the )?(?:sprint )?(?:kick ?-?off|kicked off|start(?:ed)?|sprint start(?:ed)?|planning|"
            + "it (?:began|started|kicked off)|the sprint (?:began|started)|sprint began|beginning)";
    private static final String FINISHED = "(?:completes?|completed|finish|finishes|finished|done|delivers?|delivered|burns?|burned|"
            + "closes|closed|gets done|get done|completed)";
    /** Words that put a question in the present or on people: "unfinished" there is open work, not spillover. */
    private static final String NOW_OR_PEOPLE = "(?:now|right now|currently|at the moment|today|plate|load|per (?:assignee|person|"
            + "developer|dev|engineer|head)|each (?:assignee|person|developer|dev|engineer)|by (?:assignee|person|developer))";
    private static final List<Rule> RULES = List.of(
            // a greeting is not part of the question: "hi team - wip per assignee" asks nothing of teams
            rule("^\\s*(?:hi|hey|hello|hiya|yo|morning|good (?:morning|afternoon|evening)|dear|ok|okay)(?: (?:team|all|everyone|folks|"
                    + "guys|there|spiral|bot|assistant))?\\b[ ,!.:;-]*", " "),
            // a priority said as rank: "top priority tickets" is the highest priority, not a ranking
            rule("\\btop(?: |-)priority\\b", "highest priority"),
            // "unfinished work per assignee", "points not done right now": open work, before "unfinished" reads as spillover
            rule("\\b(?:unfinished|not finished|not done|undone|incomplete|not completed)\\b(?=.{0,60}\\b" + NOW_OR_PEOPLE + "\\b)",
                    "open"),
            rule("(?<=\\b" + NOW_OR_PEOPLE + "\\b.{0,60})\\b(?:unfinished|not finished|not done|undone|incomplete|not completed)\\b",
                    "open"),
            // the sprint said in other words: "sprints that are active", "active ones", "sprint 3 of ALPHA"
            rule("\\bsprints? (?:(?:that|which|thats) )?(?:are |were |is |was )?(?:currently |still |now )?"
                    + "(active|closed|future|running|open|finished|completed|upcoming)(?: now| right now| currently)?\\b", "$1 sprints"),
            rule("(?<=sprint.{0,200})\\b(active|closed|future|running|finished|completed|upcoming) ones\\b", "$1 sprints"),
            rule("\\b(?:sprint|iteration) (\\d{1,4}) (?:of|for|in|from) (?:the )?([a-z][a-z0-9]{1,19})\\b(?: (?:project|team))?",
                    "$2 sprint $1"),
            // "planned vs completed per sprint": both are points even when the word is left out
            rule("\\b(completed|planned|removed|added|done|committed) (vs|versus) (completed|planned|removed|added|done|committed)\\b"
                    + "(?! points)", "$1 points $2 $3 points"),
            // work begun and not ended is work in progress (before "not finished" reads as spillover)
            rule("\\b(?:started|begun|picked up) (?:but|and) (?:not|never|still not|not yet) (?:finished|done|completed|closed|resolved)\\b",
                    "in progress"),
            // what happened to the commitment: delivered, dropped, lost
            rule("\\b(?:how much|how many points|what part|what portion) of ((?:[a-z0-9]+ )?)(?:commitment|plan|committed work|committed points)"
                    + " (?:was|were|got|did (?:we|they|the team))? ?(?:delivered|completed|done|finished|achieved|met)\\b", "completed points of $1"),
            rule("\\b(?:dropped|removed|descoped|cut|lost) (the )?(most |least |more |fewer )?(?:of )?(?:(?:its|their|our|the) )?"
                    + "(?:committed|planned) (?:points|work|scope)\\b", "$1$2removed points"),
            rule("\\b(?:lose|lost|losing|loses|drop|drops|dropped|miss|missed|misses) (the )?(most |least )?(?:of )?(?:our|their|its|the) "
                    + "(?:commitment|plan|committed work)\\b", "$1$2spillover"),
            // "bug inflow vs project": against a dimension is per that dimension
            rule("\\b(?:vs|versus|against) (project|projects|team|teams|sprint|sprints|assignee|assignees|person|people|priority|"
                    + "priorities|type|types|month|week|quarter)\\b", "per $1"),
            // output words are what was delivered
            rule("\\b(?:productive|productivity|output|produced|produce|produces)\\b", "delivered"),
            // spillover: committed work that was not finished in its sprint
            rule("\\b(?:work|points|stuff|things|scope|issues|tickets|items) (?:that |which )?(?:slipped|slips|slip|rolled|rolls|"
                    + "spilled|spills|carried|carries) (?:out |over )?(?:of |from |into )?(?:the |its |their |our )?"
                    + "(?:sprints?|next sprint)?", "spillover "),
            rule("\\b(?:slipped|slips|slippage|rolled over|rollover|carried over|carry-over|carryover|spilled over|"
                    + "pushed to the next sprint|left unfinished|unfinished work|did not finish|didnt finish|not finished|"
                    + "not completed|missed)\\b", "spillover"),
            // scope added after the sprint started
            rule("\\b(?:work|points|stuff|things|scope|issues|tickets|items)? ?(?:(?:that|which) )?(?:was |were |got |been |are |is )?(?:added|add|adds|adding|landed|landing|lands|arrived|arriving|came in|coming in|showed up|appeared|crept in|pulled in|pulled into "
                    + "(?:the |a )?sprints?|brought in|injected|snuck in|dropped in) (?:mid ?-?sprint|after " + STARTED + "|during (?:the )?sprints?)",
                    "added after start"),
            rule("\\b(?:mid ?-?sprint (?:additions?|adds|changes|scope)|unplanned (?:work|scope|stuff)|scope (?:additions?|added))\\b",
                    "added after start"),
            rule("\\badded (?:the )?(most |least |more |less )?scope\\b", "$1scope added"),
            rule("\\b(?:added scope|scope (?:that (?:was |got )?)?added)\\b", "scope added"),
            rule("\\b(?:scope|plan|plans|commitment|sprint plan|sprint scope) (?:grew|grow|grows|growth|increased|increase|expanded|"
                    + "ballooned|crept|change|changed|changes|changing|shifted|shift|shifts|moved|churned)\\b", "scope churn"),
            rule("\\b(?:reopening|re-opening)\\b", "reopen rate"),
            rule("\\b(?:left|remaining) to do\\b", "remaining"),
            rule("\\btakes? (?:the )?(longest|shortest|most time|least time) to (?:close|resolve|fix|finish|complete|get done)\\b",
                    "$1 lead time"),
            rule("\\bhow (?:fast|quickly|long) (?:do|does|did) (?:we|they|the team|people|\\w+) (?:finish|complete|close|resolve|"
                    + "get through|deliver) (?:\\w+ )?(?:once|after|when|from when) (?:someone|somebody|we|they|work|it|people) "
                    + "(?:starts?|started|begins?|began|picks? up|picked up) (?:working on )?(?:them|it|work)?", "cycle time"),
            rule("\\b(?:get|gets|got|getting) (?:done|finished|completed)\\b", "completed"),
            rule("\\b(?:usually|typically|normally|on average|generally)\\b", "average"),
            // shares of issues: "what portion of tickets are bugs", "what percent of issues get reopened"
            rule("\\b(?:share|percent|percentage|portion|fraction|proportion|part|how often)\\b((?:(?!reopen|re-open)[a-z0-9 -])*?)"
                    + "\\b(?:get |gets |got |are |were |is |was |being |been )?(?:reopened|re-opened|reopen)\\b", "reopen rate $1"),
            rule("\\b(?:share|percent|percentage|portion|fraction|proportion|part)\\b((?:(?!bug|defect)[a-z0-9 -])*?)"
                    + "\\b(?:are |were |is |was |being |been )?(?:bugs?|defects?)\\b", "bug ratio $1"),
            rule("\\b(?:1|a single|single|just 1|only 1) (?:number|figure|value|total)\\b", "total"),
            rule("\\b(?:get|got|getting|gets|burn|burned|burnt|burning|make|made) through\\b", "completed"),
            rule("\\b(added|add|adds|adding|pulled in|brought in|put) (?:to|into) ((?:the |a )?(?:[a-z0-9]+ ){1,4}?)(?:after "
                    + STARTED + "|mid ?-?sprint|during (?:the )?sprints?)", "added after start $2"),
            rule("\\b(?:discuss|discusses|discussed|discussing|talk about|talks about|talked about|chatter|conversation)\\b", "comments"),
            rule("\\b(?:gone|went|go|been|are|is|were|was|stay|stayed|stays|sit|sat|sits) (?:quiet|silent|stale|dormant|idle|untouched)"
                    + " (for|in|over)\\b", "no comments $1"),
            rule("\\b(?:stale|quiet|dormant|idle|forgotten|neglected|abandoned) (?:tickets|items|issues|work|cards)\\b", "silent issues"),
            rule("\\b(?:stale|quiet|dormant|idle|forgotten|neglected|abandoned) (bugs|stories|tasks|epics)\\b", "silent issues $1"),
            // work in progress
            rule("\\b(?:in flight|in-flight|being worked on|under way|underway|in the works|on the go|working on|busy with)\\b",
                    "in progress"),
            // points delivered (issues resolved)
            rule("\\b(?:ship|ships|shipped|shipping|deliver|delivers|delivered|delivering)\\b", "delivered"),
            // the average of completed points over sprints is the velocity
            rule("\\b(?:average|avg|mean)(?: number of| amount of)? (?:completed |finished |done |delivered |burned )?points (?:completed |finished |delivered )?"
                    + "(?:per|a|each) (?:sprint|iteration)\\b", "velocity"),
            rule("\\b(?:average|avg|mean) (?:completed|finished|done|delivered|burned) (?:per|a|each|in a) (?:sprint|iteration)\\b", "velocity"),
            // "how many points BETA usually finishes per sprint" ("usually" is "average" by now): the same, said apart
            rule("\\b(?:how many )?points\\b(.{0,40}?)\\b(?:average|avg|mean)\\b(.{0,20}?)\\b" + FINISHED
                    + " (?:per|a|each|every|in a) (?:sprint|iteration)\\b", "velocity $1 $2"),
            rule("\\b(?:average|avg|mean)\\b(.{0,40}?)\\bpoints\\b(.{0,20}?)\\b" + FINISHED
                    + " (?:per|a|each|every|in a) (?:sprint|iteration)\\b", "velocity $1 $2"),
            // lead time and cycle time described in words
            rule("\\bhow long (?:do|does|did) (?:an? |the |our |their )?((?:[a-z]+ ){0,2}?)(?:stay|spend|sit|remain|take|last|"
                    + "are|is|stuck) (?:in progress|in flight|being worked on|from start to finish|from start to done)\\b", "cycle time of $1"),
            rule("\\b(?:waiting for|awaiting|pending|ready for|up for|sitting in) (?:code |peer )?review\\b", "in review"),
            rule("\\bhow (?:fast|quickly|slowly) (?:are|do|did|is|does) (?:we|they|the team|people|[a-z]+) (?:fix|fixing|resolve|"
                    + "resolving|close|closing|finish|finishing|deliver|delivering|ship|shipping|delivered) "
                    + "((?:[a-z]+ ){0,3}?(?:tickets?|issues?|bugs?|items?|stor(?:y|ies)|tasks?|epics?|defects?))\\b", "lead time of $1"),
            rule("\\bhow (?:many days|long|much time) (?:does it|do they|do we|did it|did they|did we|will it)? ?(?:usually |typically )?"
                    + "(?:take|need)(?: us| them)? to (?:close|resolve|fix|finish|complete|deliver|ship) (?:a |an |the |our )?"
                    + "((?:[a-z]+ )?(?:ticket|issue|bug|item|story|task|epic|defect)s?)\\b", "lead time of $1"),
            rule("\\b(?:from (?:(?:the |a |an )?(?:ticket|issue|bug|story|task|item|request)s? )?(?:creation|created|being created|"
                    + "open(?:ed)?|being opened|reported|being reported|filed|logged) (?:to|until|till) (?:(?:its|their|the) )?(?:resolution|"
                    + "resolved|being resolved|done|closed|close|being closed|fixed|being fixed)|turnaround(?: time)?)\\b", "lead time"),
            rule("\\bto (?:close|resolve|fix) (?:a |an |the )?((?:ticket|issue|bug|item|story|task|epic|defect)s?)\\b", "lead time of $1"),
            // units said after the measure are not a grouping: "cycle time in days", "blocked time in hours"
            rule("\\b(?:in|as|measured in) (?:days|hours|weeks|percent|percentages|%)\\b", ""),
            rule("\\b(?:from (?:the )?start of (?:the )?work to (?:done|finish(?:ed)?|resolution)|from (?:in progress|started) to "
                    + "(?:done|finish(?:ed)?|resolution)|start to finish|days in progress|time in progress|time to done)\\b", "cycle time"),
            // comment silence
            rule("\\b(?:untouched|nobody commented on|no one commented on|noone commented on|without (?:any )?activity|"
                    + "with no activity|no activity|without a comment|without any comments?|with no comments?|no comment)\\b",
                    "no comments"),
            // the backlog of open work
            rule("\\b(?:backlog|backlogs)\\b", "open issues"),
            // sprint health in words
            rule("\\b(?:roughest|toughest|hardest|messiest|most troubled|most chaotic)\\b", "most problematic"),
            rule("\\b(?:healthiest|smoothest|calmest|least problematic|least troubled)\\b", "least problematic"),
            rule("\\b(?:troubled|rough|chaotic)\\b", "problematic"),
            // accuracy spoken as a quality
            rule("\\b(?:least|lowest|worst) (?:estimation |estimate |commitment |plan |planning )?(?:accurate|accuracy)\\b",
                    "highest estimate error"),
            rule("\\b(?:most|highest|best) (?:estimation |estimate |commitment |plan |planning )?(?:accurate|accuracy)\\b",
                    "lowest estimate error"),
            rule("\\baccurate\\b", "accuracy"),
            // keeping to the plan is the estimation accuracy (its error: lower is better)
            rule("\\b(most|least) (?:reliable|predictable|consistent|dependable)\\b(?: (?:at|in) (?:delivering|delivered|delivers|deliver|hitting|hit|meeting|meet|keeping|keep|sticking to)"
                    + " (?:what (?:it|they|we|the team) (?:committed|planned|promised)(?: to)?|(?:its|their|our) (?:commitments?|plans?|"
                    + "promises?|forecasts?)))?", "$1 accurate"),
            rule("\\b(?:most|best) accurate\\b", "lowest estimate error"),
            rule("\\b(?:least|worst) accurate\\b", "highest estimate error"),
            rule("\\b(?:reliability|predictability|predictable|reliable)\\b", "estimate error"),
            // speed words on resolution
            rule("\\b(?:quickest|speediest)\\b", "fastest"),
            rule("\\b(?:resolves?|resolving|closes|closing|fixes|fixing) (?:issues|tickets|bugs|things|work|items)? ?(?:the )?(fastest|slowest)\\b",
                    "$1 lead time"),
            rule("\\b(fastest|slowest) at (?:resolving|closing|fixing)(?: (?:issues|tickets|bugs|things|work|items))?\\b", "$1 lead time"),
            // counts of generic work items
            rule("\\b(?:work items?|items?|things|cards?|jira tickets?|jira issues?|requests?)\\b", "issues"),
            // the quarterly review is a meeting, not a grouping by quarter
            rule("\\b(?:daily|weekly|monthly|quarterly|yearly|annual) (review|meeting|report|reporting|sync|standup|stand-up|"
                    + "planning|retro|retrospective|demo|update|call|business review|okrs?|check-in)\\b", "$1"),
            // bugs as a share of all work is the bug ratio
            rule("\\b(?:bugs?|defects?) (?:relative to|as a share of|as a part of|as a fraction of|compared to|compared with|out of|"
                    + "among|against) (?:everything(?: else)?|all (?:the |other )?(?:issues|tickets|work|items)|the rest|total(?: issues| work)?|"
                    + "other (?:issues|work|tickets|items))\\b", "bug ratio"),
            // "tickets of type task": the type is a value, not a grouping by type
            rule("\\b(?:of |with )?(?:issue ?|ticket )?type (?:= |is |of )?(bug|story|task|epic|sub-task|subtask|sub task)s?\\b", "$1"),
            // "in each of the past 4 weeks": per week over that window
            rule("\\b(?:in |for |during |over )?(?:each|every one) of the (last|past|previous) (\\d{1,4}) (day|week|month|quarter)s\\b",
                    "per $3 in the $1 $2 $3s"),
            // the company's board is an audience, not a Jira board
            rule("\\bboard (review|meeting|deck|report|presentation|members?|update)\\b", "$1"),
            // "planned, completed and removed points": each verb of a list is a quantity of points
            rule("\\b(planned|completed|removed|added|committed|finished|done)(?=(?:,? (?:and |& )?(?:planned|completed|removed|added|committed|finished|done))*,? (?:and |& |as well as )?(?:planned|completed|removed|added|committed|finished|done)"
                    + " (?:story )?points\\b)", "$1 points"),
            // "X-by-X", "month over month": a grouping
            rule("\\b(sprint|month|week|quarter|day|project|team)(?: |-)(?:by|over|on|after)(?: |-)\\1\\b", "per $1"));

    private Paraphrases() {}

    private static Rule rule(String regex, String replacement) {
        return new Rule(Pattern.compile(regex), replacement);
    }

    /** The question in the catalog's words. */
    static String apply(String normalized) {
        String t = " " + normalized + " ";
        for (Rule r : RULES) {
            Matcher m = r.pattern().matcher(t);
            if (m.find()) {
                t = m.replaceAll(r.replacement());
            }
        }
        return t.replaceAll("\\s+", " ").trim();
    }
}
