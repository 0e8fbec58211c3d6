package com.digitalspiral.api.translate;

import com.digitalspiral.catalog.Catalog;
import com.digitalspiral.catalog.MetricDef;
import com.digitalspiral.catalog.spec.SpecValidationException;
import com.digitalspiral.catalog.spec.SpecValidator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads a question without any language model, driven by the catalog: time expressions, the tenant's own
 * names (projects, sprints, assignees, sites), ranking ("top 5", "worst"), thresholds ("more than 20%"),
 * metric names and synonyms (with typo correction), closed vocabularies (bugs, high priority, active
 * sprints), and grouping ("per project", "weekly"). It refuses, with suggestions, rather than guess when
 * no metric fits. Deterministic: the same question and data give the same spec.
 */
public final class OfflineTranslator implements QuestionTranslator {

    static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern SILENT_DAYS = Pattern.compile(
            "\\b(?:no|without|zero) comments? (?:for|in|since|over|during|within) (?:the )?(?:last |past )?"
                    + "(?:over |more than |at least |longer than |upwards of )?(\\d{1,4}) (days?|weeks?)\\b"
                    + "|\\b(\\d{1,4}) (days?|weeks?) (?:without|with no|of no|no) comments?\\b"
                    // "silent issues over 21 days", "issues silent for 3 weeks": the silence said with the metric's own word
                    + "|\\b(?:silent|quiet)(?: issues| tickets| bugs| stories| tasks)? (?:for |over |more than |at least |longer than |"
                    + "of |> ?|>= ?)?(?:the )?(?:last |past )?(\\d{1,4}) (days?|weeks?)\\b");
    private static final Pattern VELOCITY_WINDOW = Pattern.compile("\\b(?:averaged |average |avg )?(?:over|across|for|in|during|of) "
            + "(?:its |their |the |our |his |her )?(?:last |past |previous |recent |latest )?(\\d{1,3}) (?:closed |completed )?(?:sprints|iterations)\\b");
    private static final Pattern STAT_MEDIAN = Pattern.compile("\\b(median|p50|50th percentile|typical)\\b");
    private static final Pattern STAT_P85 = Pattern.compile("\\b(p85|85th percentile|85 percentile|85th pct|85th)\\b");
    private static final Pattern STAT_MEAN = Pattern.compile("\\b(average|avg|mean)\\b");
    private static final Pattern GROUP_BY = Pattern.compile("\\b(?:per|by|for each|for every|each|every|across|broken down by|"
            + "break down|breakdown|grouped by|split by|split|by each|group by|side by side)\\b");
    private static final Pattern TOTAL = Pattern.compile("\\b(?:in total|totals?|overall|altogether|all together|combined|sum of|"
            + "across (?:all|the board|every|our)(?: [a-z]+)?|everything|whole)\\b");
    private static final Pattern WHICH = Pattern.compile("\\b(?:which|what|list|show|rank|ranking of|compare|name the|top \\d+|\\d+ \\w+)\\b");
    private static final Pattern PLURAL_DIM = Pattern.compile("(?<!from |out of |across |into |all |all the |all [a-z0-9]{1,8} |both |both the )\\b(" + RankingReader.pluralNouns() + ")\\b");
    private static final Pattern ALL_OF = Pattern.compile("\\b(?:for|in|of|from|over|on)? ?(?:all|both)(?: the| [a-z0-9]{1,8})? (?:"
            + RankingReader.pluralNouns() + ")\\b(?! (?:each|one by one|separately|side by side))");
    /** "the team finished …": the people speaking, not a grouping by project. */
    private static final Pattern THE_TEAM = Pattern.compile("\\b(?:the|our|my|your|this|whole|entire) (?:team|teams)\\b(?! (?:with|that|which|whose))");
    /** "who", "whom", and "whose" opening the question ("projects whose …" is about projects). */
    private static final Pattern WHO = Pattern.compile("\\b(?:who|whom)\\b|^\\s*whose\\b");
    /** "is anyone holding …", "does someone have …": "who" said as a pronoun (people as a noun keep the bucket). */
    private static final Pattern PEOPLE = Pattern.compile("\\b(?:anyone|anybody|someone|somebody)\\b");
    /** "per person", "by developer": a grouping said outright keeps every group, the unassigned one too. */
    private static final Pattern PER_PERSON = Pattern.compile("\\b(?:per|by|each|every|for each|for every) (?:person|assignee|developer|dev|"
            + "engineer|member|team member|people|individual|head)\\b");
    private static final Pattern ASSIGNEE_WORD = Pattern.compile("\\b(?:assignees?|assigned|unassigned)\\b");
    private static final Pattern SPRINT_AS_PLACE = Pattern.compile("\\b(?:out of|from|into|to) (?:the |their |our |its |a |any )?"
            + "(?:sprints?|iterations?)\\b");
    private static final Pattern UNASSIGNED = Pattern.compile("\\b(?:unassigned|no assignee|not assigned|without an? assignee|nobody assigned)\\b");
    private static final Pattern TREND = Pattern.compile("\\b(over time|trend|trends|trending|evolution|evolved|history|changed|"
            + "getting (?:better|worse)|improving|worsening)\\b");
    private static final Pattern RESOLVED_WORDS = Pattern.compile("\\b(resolved|resolve|resolves|resolving|closed|close|closes|"
            + "closing|fixed|fix|fixes|fixing|completed|complete|completes|completing|finished|finish|finishes|finishing|"
            + "delivered|done)\\b");
    private static final Pattern STATUS_WORDS = Pattern.compile("\\b(?:status )?(?:" + Cues.STATUS_NAMES + ")\\b");
    private static final Set<String> ENGLISH = Set.of("about", "after", "again", "against", "among", "average", "before",
            "being", "below", "between", "compare", "compared", "could", "count", "does", "doing", "during", "every",
            "fewest", "from", "have", "having", "highest", "how", "into", "issue", "issues", "largest", "latest",
            "least", "lowest", "many", "more", "most", "much", "number", "other", "over", "please", "quarter",
            "should", "since", "their", "there", "these", "those", "through", "total", "under", "until", "versus",
            "were", "what", "when", "where", "which", "while", "whose", "within", "would", "worst",
            "month", "months", "weeks", "years", "today", "sprint", "sprints", "project", "projects", "show", "showing",
            "tell", "give", "list", "ranked", "rank", "ratio", "score", "teams", "value", "values", "biggest", "smallest",
            "longest", "shortest", "slowest", "fastest", "often", "always", "never", "points", "story", "stories", "tasks",
            "spread", "people", "person", "each", "first", "last", "right", "now", "currently", "still", "across",
            "everything", "overall", "sorted", "ordered", "work", "team", "week", "quarters");

    private final Catalog catalog;
    private final SpecValidator validator;
    private final Clock clock;
    private final Linker linker;
    private final CatalogPhrases phrases;
    private final SemanticMatcher semantic;

    /** Finds the tenant's names in a question; only ever the caller's tenant. */
    public interface Linker {
        Linked link(Question q, UUID tenant) throws SQLException;
    }

    /** Names of the tenant found in a question, as filters. */
    public record Linked(List<String> projects, List<String> sprints, List<String> assignees, List<String> instances) {}

    public OfflineTranslator(Catalog catalog, SpecValidator validator, Clock clock, Linker linker) {
        this.catalog = catalog;
        this.validator = validator;
        this.clock = clock;
        this.linker = linker;
        this.phrases = new CatalogPhrases(catalog);
        this.semantic = new SemanticMatcher(catalog);
    }

    /** Waits until the sentence model has loaded (otherwise questions are read by catalog phrases alone). */
    public OfflineTranslator ready() {
        semantic.ready();
        return this;
    }

    @Override
    public Translation translate(String text, UUID tenant) throws SQLException {
        if (text == null || text.isBlank()) {
            throw new Translation.CannotAnswer("the question is empty", examples());
        }
        if (text.length() > 500) {
            throw new Translation.CannotAnswer("the question is longer than 500 characters", examples());
        }
        Question q = new Question(text);
        if (!q.read.matches("(?s).*[a-z0-9].*")) {
            // only spaces, invisible characters (no-break or zero-width space, BOM), NUL or broken characters
            throw new Translation.CannotAnswer("the question has no words: only invisible or invalid characters", examples());
        }
        // guards read the question as written (normalized), not as paraphrased: "pull requests" stays what it is
        Optional<String> refusal = QuestionGuards.refusal(text, q.written);
        if (refusal.isPresent()) {
            throw new Translation.CannotAnswer(refusal.get(), examples(), true);
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Cues cues = Cues.of(q);
        q.rewrite(PAIRED_VALUES, this::pairValues);
        q.rewrite(FIELD_EQUALS, this::fieldEquals);
        Question.MatchResultCopy silentDays = q.takeFirst(SILENT_DAYS);
        Question.MatchResultCopy window = cues.velocity ? q.takeFirst(VELOCITY_WINDOW) : null;
        TimePhrases.Found time = TimePhrases.read(q, today);
        if (time != null && time.range().has("unit")) {
            String unit = time.range().get("unit").asText();
            int n = time.range().path("last").asInt();
            // a trend over "the past 12 weeks" goes week by week; over 30 days or fewer, day by day
            cues.windowGrain = unit.equals("weeks") && n >= 3 ? "week" : unit.equals("days") && n <= 31 ? "day" : null;
        }
        Linked linked = linker.link(q, tenant);
        cues.issueGrain |= !linked.assignees().isEmpty();
        int typos = phrases.correctTypos(q, ENGLISH).size();
        boolean unassigned = !q.take(UNASSIGNED).isEmpty();
        List<String> stats = readStatistics(q);
        ThresholdReader.Threshold threshold = ThresholdReader.read(q);
        RankingReader.Ranking ranking = RankingReader.read(q);

        List<CatalogPhrases.Value> values = new ArrayList<>();
        Seen seen = new Seen();
        List<MetricDef> metrics = readMetrics(q, values, seen, cues, threshold);
        boolean inferred = metrics.isEmpty();
        if (silentDays != null) {
            metrics = List.of(metric("silent_issues"));
        }
        if (metrics.isEmpty() && cues.contents && !linked.sprints().isEmpty()) {
            // "what was in ALPHA Sprint 5": how much work the sprint held
            metrics = List.of(metric("issue_count"), metric("planned_sp"));
            inferred = false;
        } else if (metrics.isEmpty() && q.readHas(HOW_MANY_SPRINTS)) {
            // "how many sprints are active": the sprints themselves, one row each
            metrics = List.of(metric("issue_count"));
            cues.eachSprint = true;
            inferred = false;
        } else if (metrics.isEmpty() && cues.howItWent && !linked.sprints().isEmpty()) {
            // "how did ALPHA Sprint 6 go": what it committed, finished, took on and dropped, and what held it up
            metrics = SPRINT_SUMMARY.stream().map(this::metric).toList();
            inferred = false;
        }
        double closeness = 1;
        if (metrics.isEmpty()) {
            Optional<SemanticMatcher.Match> near = semantic.match(text);
            if (near.isPresent()) {
                metrics = List.of(near.get().metric());
                closeness = near.get().similarity();
                inferred = false;
            }
        }
        if (metrics.isEmpty()) {
            throw new Translation.CannotAnswer("no metric of the catalog matches \"" + clip(text) + "\"", suggestions(text));
        }
        if (!seen.apart.isEmpty() && metrics.stream().noneMatch(seen.apart::contains)) {
            // "bugs opened vs closed this month": dated by creation and by resolution, so no one query holds both
            MetricDef other = seen.apart.get(0);
            throw new Translation.CannotAnswer(metrics.get(0).displayName() + " and " + other.displayName()
                    + " are counted on different dates or rows, so one answer cannot hold both; ask for each",
                    List.of(metrics.get(0).displayName() + " per month this year", other.displayName() + " per month this year"));
        }
        metrics = applyStatistics(metrics, stats);
        metrics = fitGrain(metrics, q, values, cues);
        MetricDef first = metrics.get(0);
        final String fact = first.fact();

        Grouping grouping = readDimensions(q, fact, metrics, ranking, cues, values, linked, threshold != null);
        List<String> dimensions = grouping.dimensions();
        if (time != null && time.grain() != null && !first.snapshot() && dimensions.stream().noneMatch(d -> catalog.grain(d).isPresent())) {
            // "this month vs last month": the two periods side by side
            dimensions = new ArrayList<>(dimensions);
            dimensions.add(0, time.grain());
        }
        if (first.name().equals("velocity") && dimensions.contains("sprint")) {
            // velocity sprint by sprint is each sprint's completed points
            metrics = List.of(metric("completed_sp"));
            first = metrics.get(0);
        }
        for (String name : unknownNames(q)) {
            // a name the caller's tenant does not have: never guess, never say whose it is
            throw new Translation.CannotAnswer("there is no project, sprint, person or site called '" + name
                    + "' in your data", examples(), true);
        }
        if (inferred && !unknownWords(q).isEmpty()) {
            throw new Translation.CannotAnswer("the catalog has no metric for \"" + String.join(" ", unknownWords(q)) + "\"", suggestions(text));
        }
        ObjectNode spec = JSON.objectNode();
        ArrayNode metricNames = spec.putArray("metrics");
        metrics.forEach(m -> metricNames.add(m.name()));
        if (!dimensions.isEmpty()) {
            ArrayNode dims = spec.putArray("dimensions");
            dimensions.forEach(dims::add);
        }
        ArrayNode filters = JSON.arrayNode();
        addFilter(filters, "project", linked.projects());
        addFilter(filters, "sprint", linked.sprints());
        addFilter(filters, "assignee", linked.assignees());
        addFilter(filters, "instance", linked.instances());
        Map<String, List<String>> byDimension = new LinkedHashMap<>();
        for (CatalogPhrases.Value v : values) {
            byDimension.computeIfAbsent(v.dimension(), k -> new ArrayList<>()).add(v.value());
        }
        byDimension.forEach((dim, list) -> {
            if (catalog.dimension(dim).map(d -> d.availableOn(fact)).orElse(false)) {
                addFilter(filters, dim, list);
            }
        });
        if (fact.equals("issue") && unassigned && linked.assignees().isEmpty()) {
            // "unassigned tickets": issues nobody has
            filters.addObject().put("field", "assignee").put("op", "is_null").put("value", true);
        } else if (grouping.whoAsked() && linked.assignees().isEmpty()) {
            // "who …" asks for people: the unassigned bucket is nobody
            filters.addObject().put("field", "assignee").put("op", "is_null").put("value", false);
        }
        if (threshold != null) {
            double[] v = threshold.in(first.unit());
            ObjectNode f = filters.addObject().put("field", first.name()).put("op", threshold.op());
            if (threshold.op().equals("between")) {
                f.putArray("value").add(v[0]).add(v[1]);
            } else {
                f.put("value", v[0]);
            }
        }
        if (!filters.isEmpty()) {
            spec.set("filters", filters);
        }
        if (silentDays != null) {
            String n = silentDays.group(1) != null ? silentDays.group(1) : silentDays.group(3) != null ? silentDays.group(3) : silentDays.group(5);
            String unit = silentDays.group(2) != null ? silentDays.group(2) : silentDays.group(4) != null ? silentDays.group(4) : silentDays.group(6);
            int days = Math.min(3650, TimePhrases.count(n, 3650) * (unit.startsWith("week") ? 7 : 1));
            spec.putObject("params").put("days", days);
        }
        if (first.name().equals("velocity")) {
            // "velocity over its last 5 sprints": the window of sprints the average takes, not a time range
            Integer sprints = window != null ? Integer.valueOf(TimePhrases.count(window.group(1), 50))
                    : time != null && time.inSprints() ? Integer.valueOf(time.range().get("last").asInt()) : null;
            if (sprints != null) {
                spec.putObject("params").put("sprints", Math.max(1, Math.min(50, sprints)));
                time = null;
            }
        }
        if (time != null && !first.snapshot()) {
            if (time.inSprints() && !fact.equals("sprint")) {
                throw new Translation.CannotAnswer("\"in the last N sprints\" applies to sprint metrics; for "
                        + first.name() + " ask for the last N weeks or months", examples());
            }
            spec.set("time_range", time.range());
        }
        if (ranking != null && dimensions.isEmpty()) {
            throw new Translation.CannotAnswer("a ranking needs rows to rank, and single issues are not listed: ask per "
                    + "sprint, project, assignee, issue type or priority", List.of(
                    first.displayName() + " per assignee, highest first", first.displayName() + " per project, highest first"));
        }
        if (ranking != null && !dimensions.isEmpty()) {
            spec.putArray("order_by").addObject().put("field", first.name())
                    .put("direction", ranking.descending(first) ? "desc" : "asc");
            Integer limit = RankingReader.limit(ranking, dimensions, q.read);
            if (limit != null) {
                spec.put("limit", limit);
            }
            if (Integer.valueOf(1).equals(limit) && dimensions.get(0).equals("assignee") && !unassigned
                    && linked.assignees().isEmpty() && !filters.toString().contains("\"is_null\"")) {
                // the one person who … : the unassigned bucket is nobody
                filters.addObject().put("field", "assignee").put("op", "is_null").put("value", false);
                spec.set("filters", filters);
            }
        }
        if (cues.why && first.name().equals("sprint_problematic_score")) {
            spec.put("breakdown", true);
        }
        try {
            validator.validate(spec);
        } catch (SpecValidationException e) {
            throw new Translation.CannotAnswer(e.getMessage(), examples());
        }
        double confidence = Math.min(confidence(q, typos), Math.round(closeness * 100) / 100.0);
        if (confidence < MIN_CONFIDENCE) {
            throw new Translation.CannotAnswer("only part of the question was understood (not: \""
                    + String.join(" ", unknownWords(q)) + "\"); did you mean one of these?", suggestions(text));
        }
        QuestionShape shape = QuestionShape.of(spec, catalog);
        return new Translation(spec, shape.wording() + ": " + explain(metrics, dimensions, filters, time, spec), "offline",
                confidence, shape.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** "high vs low priority", "closed and active sprints": each side a whole value phrase. */
    private static final Pattern PAIRED_VALUES = Pattern.compile(
            "\\b([a-z]+) (vs|versus|and|or) ([a-z]+) (sprints?|priority|prio|issues?|tickets?|bugs?|stories|tasks?)\\b");

    private String pairValues(java.util.regex.MatchResult m) {
        String left = m.group(1) + " " + m.group(4);
        String right = m.group(3) + " " + m.group(4);
        return phrases.values.contains(left) && phrases.values.contains(right) ? left + " " + m.group(2) + " " + right : m.group();
    }

    /**
     * The offline reading of a question, if it has one (used to hold a language model to the wording and as its
     * fallback). A firm refusal is thrown: no translator answers a request to change data or about another's data.
     */
    Optional<Translation> reading(String text, UUID tenant) throws SQLException {
        try {
            return Optional.of(translate(text, tenant));
        } catch (Translation.CannotAnswer e) {
            if (e.firm()) {
                throw e;
            }
            return Optional.empty();
        }
    }

    /** "state = closed", "priority is High", "status equals Blocked": a filter written as a condition. */
    private static final Pattern FIELD_EQUALS = Pattern.compile(
            "\\b(state|sprint state|status|priority|issue type|type|status category|category) (?:=|==|is|equals) ([a-z][a-z -]{0,20}?)(?= |$)");

    private String fieldEquals(java.util.regex.MatchResult m) {
        String v = m.group(2).trim();
        String phrase = switch (m.group(1)) {
            case "state", "sprint state" -> v + " sprints";
            case "priority" -> v + " priority";
            case "status" -> "status " + v;
            case "status category", "category" -> v + " issues";
            default -> v;
        };
        return phrases.values.contains(phrase) ? phrase : phrases.values.contains(v) ? v : m.group();
    }

    /** Below this, a reading is a guess: refuse with the closest readings instead. */
    static final double MIN_CONFIDENCE = 0.5;

    private MetricDef metric(String name) {
        return catalog.metric(name).orElseThrow();
    }

    private static List<String> readStatistics(Question q) {
        List<String> stats = new ArrayList<>();
        Question.MatchResultCopy median = q.takeFirst(STAT_MEDIAN);
        Question.MatchResultCopy p85 = q.takeFirst(STAT_P85);
        if (median != null && p85 != null) {
            stats.addAll(median.start() < p85.start() ? List.of("median", "p85") : List.of("p85", "median"));
        } else if (median != null) {
            stats.add("median");
        } else if (p85 != null) {
            stats.add("p85");
        }
        q.takeFirst(STAT_MEAN);
        return stats;
    }

    /**
     * The metrics of the question: catalog phrases (with typo correction), then quantities of points by their
     * verb ("points we shipped"), counts of issues by their state ("how many are blocked now"), and shares
     * said with a fraction ("dropped over a fifth of their commitment" is the spillover ratio).
     */
    private List<MetricDef> readMetrics(Question q, List<CatalogPhrases.Value> values, Seen seen, Cues cues,
                                        ThresholdReader.Threshold threshold) {
        if (cues.stateCount) {
            // "how many issues are blocked right now": issues in that status, not blocked hours
            values.addAll(phrases.values.take(q).stream().map(PhraseTable.Hit::value).toList());
            values.add(cues.status);
            q.take(STATUS_WORDS);
        }
        List<MetricDef> metrics = metricsIn(q, values, seen);
        if (metrics.size() == 1) {
            // "what did ALPHA commit to and what got done": a second sprint quantity joined to the first
            List<MetricDef> both = new ArrayList<>(metrics);
            PointsReader.alongside(q, metrics.get(0).name()).map(this::metric).ifPresent(both::add);
            metrics = both;
        }
        if (metrics.isEmpty()) {
            metrics = PointsReader.pairOfSprints(q).stream().map(this::metric).toList();
        }
        if (metrics.isEmpty() || countsOnly(metrics)) {
            MetricDef points = PointsReader.read(q, cues.issueGrain).map(this::metric).orElse(null);
            if (points != null) {
                metrics = List.of(points);
            }
        }
        phrases.values.take(q).forEach(h -> values.add(h.value()));
        boolean typed = values.stream().anyMatch(v -> v.dimension().equals("issue_type"));
        if (metrics.isEmpty() && !typed && said(q, RESOLVED_WORDS)) {
            // "how much did the teams get done", "who delivered the most": issues resolved
            metrics = List.of(metric("throughput_issues"));
        }
        if (cues.stateCount && (metrics.isEmpty() || countsOnly(metrics))) {
            return List.of(metric(cues.status.value().equals("In Progress") ? "wip" : "open_issues"));
        }
        if ((genericCount(seen, metrics) || typed || bugsAsked(metrics)) && cues.compare && q.has(RESOLVED_WORDS) && q.has(CREATED_WORDS)) {
            // "bugs opened vs closed this month": one count is dated by creation, the other by resolution
            throw new Translation.CannotAnswer("issues created and issues resolved are counted on different dates, so one "
                    + "answer cannot hold both; ask for each", List.of("issues created per week this month",
                    "issues resolved per week this month"));
        }
        if (genericCount(seen, metrics)) {
            // "how many issues were resolved": the words around "issues" say which count
            String counted = said(q, RESOLVED_WORDS) ? "throughput_issues" : said(q, CREATED_WORDS) ? "created_issues"
                    : said(q, OPEN_WORDS) || cues.now ? "open_issues" : q.readHas(Cues.SPRINT) ? "issue_count" : "created_issues";
            metrics = List.of(metric(counted));
        }
        if ((typed && metrics.isEmpty()) || bugsAsked(metrics)) {
            // "how many bugs were fixed last month", "open bugs", "new stories": counts of issues of a type
            String counted = said(q, RESOLVED_WORDS) ? "throughput_issues" : said(q, CREATED_WORDS) ? "created_issues"
                    : said(q, OPEN_WORDS) || cues.now ? "open_issues" : metrics.isEmpty() ? "created_issues" : null;
            if (counted != null) {
                if (!typed) {
                    values.add(BUG);
                }
                metrics = List.of(metric(counted));
            } else {
                values.removeIf(v -> v.equals(BUG));
            }
        }
        if (metrics.size() == 1 && POINTS_OF.containsKey(metrics.get(0).name()) && q.readHas(IN_POINTS) && !q.readHas(SHARE_WORDS)
                && threshold == null) {
            // "how many points did we carry over": the quantity the share is made of, not the share
            metrics = List.of(metric(POINTS_OF.get(metrics.get(0).name())));
        }
        if (metrics.size() > 1 && q.readHas(SHARE_WORDS) && metrics.stream().anyMatch(m -> "ratio".equals(m.unit()))) {
            // "what proportion of committed work is carried over": the commitment is the ratio's denominator
            metrics = metrics.stream().filter(m -> "ratio".equals(m.unit())).toList();
        }
        if (threshold != null && threshold.kind() == ThresholdReader.Kind.SHARE && metrics.isEmpty()) {
            // "sprints where we lost more than 30% of the plan": a share of the commitment, named by its verb
            if (q.readHas(LOST)) {
                metrics = List.of(metric("spillover_ratio"));
            } else if (q.readHas(GREW)) {
                metrics = List.of(metric("scope_churn_ratio"));
            }
        }
        if (threshold != null && threshold.kind() == ThresholdReader.Kind.SHARE && !metrics.isEmpty()
                && !"ratio".equals(metrics.get(0).unit())) {
            // a share of the commitment: what was dropped of it is spillover, what was added is churn
            String share = SHARE_OF.getOrDefault(metrics.get(0).name(), null);
            if (share == null && q.readHas(GREW)) {
                share = "scope_churn_ratio";
            }
            if (share != null) {
                metrics = List.of(metric(share));
            }
        }
        return metrics;
    }

    private static final Pattern HOW_MANY_SPRINTS = Pattern.compile("\\b(?:how many|number of|count of) (?:[a-z]+ )?sprints\\b");
    private static final List<String> SPRINT_SUMMARY = List.of("planned_sp", "completed_sp", "added_after_start_sp",
            "removed_sp", "spillover_ratio", "blocked_hours");

    /** Points metrics that a share of the commitment turns into a ratio. */
    private static final Map<String, String> SHARE_OF = Map.of("removed_sp", "spillover_ratio",
            "planned_sp", "spillover_ratio", "added_after_start_sp", "scope_churn_ratio", "spillover_ratio", "spillover_ratio",
            "bug_count", "bug_ratio", "reopened_count", "reopen_rate");
    /** The points a share of the commitment is made of. */
    private static final Map<String, String> POINTS_OF = Map.of("spillover_ratio", "removed_sp",
            "scope_churn_ratio", "added_after_start_sp");
    private static final Pattern IN_POINTS = Pattern.compile("\\b(?:how many|how much|number of|amount of|in|of)(?: story)? points\\b");
    private static final Pattern SHARE_WORDS = Pattern.compile("\\b(proportion|share|percent|percentage|fraction|portion|ratio|rate|%)\\b");
    private static final Pattern LOST = Pattern.compile("\\b(lost|lose|losing|dropped|drop|missed|miss|spillover|"
            + "gave up|abandoned|descoped|cut)\\b");
    private static final Pattern GREW = Pattern.compile("\\b(grew|grow|grown|growth|increased|expanded|added|creep|churn)\\b");
    private static final Set<String> COUNTS = Set.of("issue_count", "created_issues", "throughput_issues", "open_issues",
            "bug_count", "reopened_count", "blocked_hours", "wip");

    private static final Pattern SPRINT_STATE = Pattern.compile("\\b(?:closed|completed|finished|done|past|active|future|open|"
            + "current|running|ongoing) (?:sprints?|iterations?)\\b");

    /** Whether the question says a word (read or not), sprint states aside: "closed sprints" closes no issue. */
    private static boolean said(Question q, Pattern p) {
        return p.matcher(" " + SPRINT_STATE.matcher(q.read).replaceAll(" ") + " ").find();
    }

    private static boolean countsOnly(List<MetricDef> metrics) {
        return metrics.stream().allMatch(m -> COUNTS.contains(m.name()));
    }

    /**
     * A metric of the other grain when the question needs it: sprint figures cannot be cut by person, type or
     * priority, so "reopened … by issue type" is the issues' reopen rate and "completed points per person"
     * the points they resolved.
     */
    private List<MetricDef> fitGrain(List<MetricDef> metrics, Question q, List<CatalogPhrases.Value> values, Cues cues) {
        if (!cues.issueGrain && values.stream().noneMatch(v -> ISSUE_ONLY.contains(v.dimension()))) {
            return metrics;
        }
        List<MetricDef> out = new ArrayList<>();
        for (MetricDef m : metrics) {
            String other = ISSUE_COUNTERPART.get(m.name());
            if (m.fact().equals("sprint") && other != null) {
                if (m.name().equals("bug_count")) {
                    values.add(BUG);
                }
                out.add(metric(other));
            } else {
                out.add(m);
            }
        }
        return out;
    }

    private static final Set<String> ISSUE_ONLY = Set.of("issue_type", "priority", "assignee", "status", "status_category");
    private static final Map<String, String> ISSUE_COUNTERPART = Map.of("completed_sp", "throughput_sp",
            "reopened_count", "reopen_rate", "bug_count", "created_issues", "issue_count", "created_issues");

    private static final CatalogPhrases.Value BUG = new CatalogPhrases.Value("issue_type", "Bug");
    /** Metric words that, beside another metric, describe the issues instead ("cycle time of bugs"). */
    private static final Map<String, CatalogPhrases.Value> AMBIGUOUS = Map.of(
            "bug", BUG, "bugs", BUG, "defect", BUG, "defects", BUG,
            "blocked", new CatalogPhrases.Value("status", "Blocked"),
            "reopened", new CatalogPhrases.Value("status", "Reopened"),
            "in progress", new CatalogPhrases.Value("status_category", "In Progress"));
    /** Metric phrases that, beside another metric, only say which issues ("comments on issues created this year"). */
    private static final Set<String> CONTEXT = Set.of("issues created", "created issues", "issues resolved", "resolved issues",
            "new issues");
    private static final Pattern CREATED_WORDS = Pattern.compile("\\b(created|creates|creating|reported|reports|reporting|opened|"
            + "opens|opening|raised|raises|raising|filed|files|filing|new|came in|come in|comes in|coming in|logged)\\b");
    private static final Pattern OPEN_WORDS = Pattern.compile("\\b(open|unresolved|outstanding|remaining|pending|not done|still open)\\b");

    private static final Set<String> GENERIC = Set.of("issues", "issue", "tickets", "ticket", "number of issues",
            "ticket count", "issue count");
    /** What one reading of metric phrases saw; per call, as the translator serves many requests at once. */
    private static final class Seen {
        boolean genericHit;
        /** Metrics asked beside the first that cannot share its query (another grain or time axis). */
        final List<MetricDef> apart = new ArrayList<>();
        List<String> phrases = List.of();
    }

    private static boolean genericCount(Seen seen, List<MetricDef> metrics) {
        return seen.genericHit && metrics.size() == 1 && metrics.get(0).name().equals("issue_count");
    }

    private static boolean bugsAsked(List<MetricDef> metrics) {
        return metrics.size() == 1 && metrics.get(0).name().equals("bug_count");
    }

    /**
     * Metric phrases of the question. A bare "bugs" beside another metric ("cycle time of bugs") is a filter
     * on the issue type, not the bug count; it is added to {@code values}.
     */
    private List<MetricDef> metricsIn(Question q, List<CatalogPhrases.Value> values, Seen seen) {
        Set<MetricDef> found = new LinkedHashSet<>();
        List<PhraseTable.Hit<MetricDef>> hits = phrases.metrics.take(q);
        boolean specific = hits.stream().anyMatch(h -> !AMBIGUOUS.containsKey(h.phrase()) && !GENERIC.contains(h.phrase())
                && !CONTEXT.contains(h.phrase()));
        boolean others = hits.stream().anyMatch(h -> !AMBIGUOUS.containsKey(h.phrase()) && !GENERIC.contains(h.phrase()));
        seen.genericHit = false;
        seen.phrases = hits.stream().map(PhraseTable.Hit::phrase).toList();
        for (PhraseTable.Hit<MetricDef> h : hits) {
            CatalogPhrases.Value v = AMBIGUOUS.get(h.phrase());
            if (v != null && (others || v.equals(BUG))) {
                values.add(v);
                if (others) {
                    continue;
                }
            }
            if (GENERIC.contains(h.phrase())) {
                if (hits.size() > 1) {
                    continue;
                }
                seen.genericHit = true;
            }
            if (CONTEXT.contains(h.phrase()) && specific) {
                continue;
            }
            found.add(h.value());
        }
        List<MetricDef> list = new ArrayList<>(found);
        // mixing grains cannot be asked in one query: keep the first metric's grain and time axis
        if (list.size() > 1) {
            MetricDef head = list.get(0);
            for (MetricDef m : list) {
                if (!m.fact().equals(head.fact())
                        || (m.timeAxis() != null && head.timeAxis() != null && !m.timeAxis().equals(head.timeAxis()))) {
                    seen.apart.add(m);
                }
            }
            list.removeAll(seen.apart);
        }
        return list;
    }

    private List<MetricDef> applyStatistics(List<MetricDef> metrics, List<String> stats) {
        if (stats.isEmpty()) {
            return metrics;
        }
        Set<MetricDef> out = new LinkedHashSet<>();
        for (MetricDef m : metrics) {
            String base = m.name().replaceAll("_(median|p85)$", "");
            for (String stat : stats) {
                out.add(catalog.metric(base + "_" + stat).orElse(m));
            }
        }
        return new ArrayList<>(out);
    }

    /** The dimensions of the answer, and whether "who" asked for them. */
    private record Grouping(List<String> dimensions, boolean whoAsked) {}

    private Grouping readDimensions(Question q, String fact, List<MetricDef> metrics, RankingReader.Ranking ranking,
                                    Cues cues, List<CatalogPhrases.Value> values, Linked linked, boolean thresholded) {
        List<String> dims = new ArrayList<>();
        // "total", "overall", "across all sprints": one figure, whatever nouns the sentence has
        boolean total = !q.take(TOTAL).isEmpty();
        boolean grouped = q.has(GROUP_BY);
        if (grouped) {
            // "completed points per sprint for all three projects": the scope of a grouping said elsewhere, not a second one
            q.take(ALL_OF);
        }
        boolean asked = ranking != null || grouped || q.has(WHICH) || (!total && !cues.howMany && q.has(PLURAL_DIM));
        boolean trend = !q.take(TREND).isEmpty();
        q.take(THE_TEAM);
        boolean who = false;
        if (q.has(WHO) && fact.equals("issue")) {
            q.take(WHO);
            dims.add("assignee");
            who = true;
        }
        // "is anyone holding …": the unassigned bucket is nobody
        boolean people = fact.equals("issue") && q.readHas(PEOPLE) && !q.readHas(ASSIGNEE_WORD) && !q.readHas(PER_PERSON);
        if (RankingReader.whichNoun(q.read).filter(d -> !d.equals("sprint")).isPresent()) {
            // "which team does that the most": sprints the work moved out of or into are places, not rows
            q.take(SPRINT_AS_PLACE);
        }
        if (cues.eachSprint && fact.equals("sprint")) {
            dims.add("sprint");
        }
        for (PhraseTable.Hit<String> hit : phrases.dimensions.take(q)) {
            String d = hit.value();
            boolean grain = catalog.grain(d).isPresent();
            boolean available = grain ? metrics.stream().noneMatch(MetricDef::snapshot)
                    : catalog.dimension(d).map(x -> x.availableOn(fact)).orElse(false);
            if (!available || dims.contains(d)) {
                continue;
            }
            boolean adverb = hit.phrase().endsWith("ly") || hit.phrase().startsWith("per ");
            if (grain && !(adverb || grouped || asked)) {
                continue;
            }
            if (!grain && !(grouped || asked)) {
                continue;
            }
            if (grain && dims.stream().anyMatch(x -> catalog.grain(x).isPresent())) {
                continue;
            }
            dims.add(d);
        }
        if (cues.compare) {
            // "ALPHA vs BETA", "bugs versus tasks": the compared values are groups side by side, never a pool
            Map<String, Integer> said = new LinkedHashMap<>();
            said.put("project", linked.projects().size());
            said.put("assignee", linked.assignees().size());
            said.put("sprint", linked.sprints().size());
            said.put("instance", linked.instances().size());
            for (CatalogPhrases.Value v : values) {
                said.merge(v.dimension(), 1, Integer::sum);
            }
            said.forEach((d, n) -> {
                if (n >= 2 && !dims.contains(d) && catalog.dimension(d).map(x -> x.availableOn(fact)).orElse(false)) {
                    dims.add(d);
                }
            });
        }
        String along = fact.equals("sprint") ? "sprint" : cues.windowGrain != null ? cues.windowGrain : "month";
        if (trend && dims.stream().noneMatch(x -> catalog.grain(x).isPresent()) && metrics.stream().noneMatch(MetricDef::snapshot)
                && !dims.contains(along)) {
            dims.add(along);
        }
        if ((ranking != null || thresholded) && dims.stream().allMatch(x -> catalog.grain(x).isPresent())) {
            // "the healthiest sprints", "people with over 20 open points": the noun names the rows
            RankingReader.nounIn(q.read, fact, catalog).ifPresent(d -> dims.add(0, d));
        }
        boolean narrowed = linked.projects().size() == 1 || linked.sprints().size() == 1 || linked.assignees().size() == 1
                || values.stream().map(CatalogPhrases.Value::dimension).distinct().anyMatch(d ->
                        values.stream().filter(v -> v.dimension().equals(d)).count() == 1);
        if (dims.isEmpty() && !total && !cues.howMany && !narrowed) {
            // a metric that is naturally per something (velocity per team, load per person), unless the question
            // narrows it to one value ("open points in ALPHA") or asks how much in all
            dims.addAll(metrics.get(0).defaultDimensions());
        }
        return new Grouping(dims, (who || people) && dims.contains("assignee") && !q.readHas(UNASSIGNED));
    }

    private static void addFilter(ArrayNode filters, String field, List<String> values) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(values));
        if (distinct.isEmpty()) {
            return;
        }
        ObjectNode f = filters.addObject().put("field", field);
        if (distinct.size() == 1) {
            f.put("op", "eq").put("value", distinct.get(0));
        } else {
            ArrayNode list = f.put("op", "in").putArray("value");
            distinct.forEach(list::add);
        }
    }

    private static final Pattern FILLER = Pattern.compile(
            "\\b(what|whats|which|who|how|is|are|was|were|the|a|an|of|in|on|for|to|me|show|give|tell|list|our|my|we|do|does|did|"
                    + "have|has|had|with|and|or|by|per|each|at|from|all|any|their|its|it|this|that|these|those|there|"
                    + "please|many|much|number|count|total|value|values|did|get|got|over|so|far|than|be|been|vs|versus|"
                    + "compare|compared|between|issues|issue|tickets|ticket|sprints|sprint|projects|project|team|teams|"
                    + "ranked|rank|most|least|top|highest|lowest|worst|best|had|having|spilled|had|i|see|want|know|"
                    + "\\d+|\\?|ones|one|overall|currently|now|right|current|so|far|how's|doing|look|like|trend|"
                    + "resolved|closed|fixed|completed|finished|delivered|done|open|still|yet|ever|time|times)\\b");

    private static final Pattern KEY_LIKE = Pattern.compile("\\b[A-Z][A-Z0-9]{2,19}\\b");
    private static final Set<String> ABBREVIATIONS = Set.of("WIP", "YTD", "P85", "P50", "SQL", "PTS", "AVG", "MAX", "MIN",
            "KPI", "API", "JIRA", "UTC", "ETA");

    private static final Pattern TITLE_CASE = Pattern.compile("(?<=[^\\s\\-:;,.!?(]\\s)\\b[A-Z][a-z]{2,}\\b");
    private static final Set<String> COMMON_TITLES = Set.of("jira", "scrum", "kanban", "agile", "sprint", "sprints", "story",
            "stories", "bug", "bugs", "task", "tasks", "epic", "epics", "please", "thanks", "hey", "hi", "january",
            "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
            "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "done", "blocked",
            "review", "progress", "high", "highest", "low", "lowest", "medium");

    /**
     * Names nobody understood: words written like project keys ("BETAX30") and capitalized words inside the
     * sentence ("Initech's velocity"), which name a project, person or organisation this tenant does not have.
     */
    private static boolean shouting(String s) {
        long upper = s.chars().filter(Character::isUpperCase).count();
        long lower = s.chars().filter(Character::isLowerCase).count();
        return upper >= 8 && upper > 4 * lower;
    }

    private static List<String> unknownNames(Question q) {
        List<String> left = unknownWords(q);
        List<String> out = new ArrayList<>();
        if (shouting(q.original)) {
            // A QUESTION WRITTEN IN CAPITALS: capitals say nothing about what is a name
            return out;
        }
        java.util.regex.Matcher m = KEY_LIKE.matcher(q.original);
        while (m.find()) {
            String w = m.group();
            if (!ABBREVIATIONS.contains(w) && left.contains(w.toLowerCase(java.util.Locale.ROOT))) {
                out.add(w);
            }
        }
        java.util.regex.Matcher t = TITLE_CASE.matcher(q.original);
        while (t.find()) {
            String w = t.group().toLowerCase(java.util.Locale.ROOT);
            if (!COMMON_TITLES.contains(w) && left.contains(w) && !out.contains(t.group())) {
                out.add(t.group());
            }
        }
        return out;
    }

    /** Content words nobody understood. */
    private static List<String> unknownWords(Question q) {
        String left = FILLER.matcher(q.rest()).replaceAll(" ").replaceAll("[^a-z]+", " ").trim();
        return left.isEmpty() ? List.of() : List.of(left.split(" "));
    }

    /** 1 when every content word was understood; less for corrected typos and words left over. */
    private static double confidence(Question q, int typos) {
        int unknown = unknownWords(q).size();
        double c = 1.0 - 0.1 * typos - 0.08 * unknown;
        return Math.max(0.2, Math.min(1.0, Math.round(c * 100) / 100.0));
    }

    private String explain(List<MetricDef> metrics, List<String> dims, ArrayNode filters, TimePhrases.Found time,
                           ObjectNode spec) {
        StringBuilder s = new StringBuilder();
        s.append(String.join(" and ", metrics.stream().map(m -> m.displayName() + " (" + m.unit().replace('_', ' ') + ")").toList()));
        if (!dims.isEmpty()) {
            s.append(" per ").append(String.join(" and ", dims.stream().map(d -> d.replace('_', ' ')).toList()));
        }
        for (var f : filters) {
            s.append(", ").append(f.get("field").asText().replace('_', ' ')).append(' ')
                    .append(f.get("op").asText().replace('_', ' ')).append(' ').append(f.get("value").toString().replace("\"", ""));
        }
        if (spec.has("time_range")) {
            s.append(", ").append(time.wording());
        } else if (time != null) {
            s.append(" (now: ").append(metrics.get(0).name()).append(" describes the present, so \"").append(time.wording())
                    .append("\" was not applied)");
        }
        if (spec.path("params").has("sprints")) {
            int n = spec.get("params").get("sprints").asInt();
            s.append(", averaged over the last ").append(n).append(n == 1 ? " sprint" : " sprints")
                    .append(n == 50 ? " (the most it takes)" : "");
        }
        if (spec.has("order_by")) {
            s.append(", ").append(spec.get("order_by").get(0).get("direction").asText().equals("desc") ? "highest" : "lowest")
                    .append(" first");
            if (spec.has("limit")) {
                s.append(", top ").append(spec.get("limit").asInt());
            }
        }
        return s.toString();
    }

    /** Answerable questions close to a refused one (fixed examples while the sentence model loads). */
    List<String> suggestions(String question) {
        List<String> near = semantic.suggestions(question, 3);
        return near.isEmpty() ? examples() : near;
    }

    /** Questions the catalog can answer, offered when one cannot be. */
    List<String> examples() {
        return List.of("Which sprints had the highest spillover ratio last quarter?",
                "What is the velocity per project?",
                "Median lead time per issue type this year",
                "Top 5 sprints by sprint problematic score",
                "Open story points per assignee");
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
