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
    private static final Pattern DESTRUCTIVE = Pattern.compile(
            "\\b(delete|drop table|drop database|truncate|insert into|update the|alter table|grant|revoke|shutdown|rm -rf)\\b");
    private static final Pattern RAW_SQL = Pattern.compile("\\bselect\\b.*\\bfrom\\b|\\bunion select\\b|;");
    private static final Pattern FORECAST = Pattern.compile("\\b(predict|prediction|forecast|projected|will be|going to be|next (quarter|month|year|week))\\b");
    private static final Pattern SILENT_DAYS = Pattern.compile(
            "\\b(?:no|without|zero) comments? (?:for|in|since|over) (?:the (?:last|past) )?(\\d{1,4}) days\\b");
    private static final Pattern STAT_MEDIAN = Pattern.compile("\\b(median|p50|50th percentile|typical)\\b");
    private static final Pattern STAT_P85 = Pattern.compile("\\b(p85|85th percentile|85 percentile|85th pct|85th)\\b");
    private static final Pattern STAT_MEAN = Pattern.compile("\\b(average|avg|mean)\\b");
    private static final Pattern TOP_N = Pattern.compile(
            "\\b(?:(top|bottom|worst|best|highest|lowest|first|last)(?: (\\d{1,4}))|(\\d{1,4}) (worst|best|highest|lowest|biggest|largest|smallest|most|least))\\b");
    private static final Pattern SUPERLATIVE = Pattern.compile(
            "\\b(the )?(worst|best|highest|lowest|most|least|fewest|biggest|largest|smallest|longest|shortest|slowest|fastest|max(?:imum)?|min(?:imum)?|top|bottom)\\b(?! priority| prio)");
    private static final String NUM = "(-?\\d+(?:\\.\\d+)?)( ?%| percent)?(?: (?:days?|hours?|points?|story points|sp|issues?|comments?|tickets?))?";
    private static final Pattern BETWEEN_VALUES = Pattern.compile("\\bbetween " + NUM + " and " + NUM);
    private static final Pattern THRESHOLD = Pattern.compile("(?:\\b|(?=[<>]))(more than|greater than|higher than|larger than|bigger than|over|above|exceeding|exceeds|at least|no less than|>=|>|"
            + "less than|fewer than|lower than|smaller than|under|below|at most|no more than|<=|<|equal to|equals|exactly) " + NUM);
    private static final Pattern GROUP_BY = Pattern.compile("\\b(?:per|by|for each|for every|each|every|across|across all|broken down by|grouped by|split by|by each|group by)\\b");
    private static final Pattern WHICH = Pattern.compile("\\b(?:which|what|list|show|rank|ranking of|compare|name the|top \\d+|\\d+ \\w+)\\b");
    private static final Pattern PLURAL_DIM = Pattern.compile("\\b(sprints|projects|teams|assignees|people|developers|boards|priorities|types|statuses|instances|sites|members)\\b");
    private static final Pattern SINGULAR_WHICH = Pattern.compile("\\b(?:(?:which|what) (?:sprint|project|team|assignee|person|developer|board|issue type|type|priority|status|instance|site)|who)\\b");
    private static final Pattern THE_N_WITH = Pattern.compile(
            "\\bthe (\\d{1,3})(?= (?:[a-z]+ ){1,3}(?:with|by|having|that have) (?:the )?(highest|lowest|most|least|worst|best|biggest|largest|smallest|fewest|longest|shortest)\\b)");
    private static final Pattern RANK = Pattern.compile("\\b(rank|ranked|ranking|sort|sorted|order|ordered)\\b");
    private static final Pattern WHO = Pattern.compile("\\bwho\\b");
    private static final Pattern TREND = Pattern.compile("\\b(over time|trend|trends|trending|evolution|history)\\b");
    private static final Pattern RESOLVED_WORDS = Pattern.compile("\\b(resolved|resolve|closed|fixed|completed|finished|delivered|shipped|done)\\b");
    private static final Set<String> ENGLISH = Set.of("about", "after", "again", "against", "among", "average", "before",
            "being", "below", "between", "compare", "compared", "could", "count", "does", "doing", "during", "every",
            "fewest", "from", "have", "having", "highest", "how", "into", "issue", "issues", "largest", "latest",
            "least", "lowest", "many", "more", "most", "much", "number", "other", "over", "please", "quarter",
            "should", "since", "their", "there", "these", "those", "through", "total", "under", "until", "versus",
            "were", "what", "when", "where", "which", "while", "whose", "within", "would", "worst",
            "month", "months", "weeks", "years", "today", "sprint", "sprints", "project", "projects", "show", "showing",
            "tell", "give", "list", "ranked", "rank", "ratio", "score", "teams", "value", "values", "biggest", "smallest",
            "longest", "shortest", "slowest", "fastest", "often", "always", "never", "points", "story", "stories", "tasks");

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
        if (q.has(DESTRUCTIVE)) {
            throw new Translation.CannotAnswer("I answer questions about the figures; I never change data", examples());
        }
        if (q.has(RAW_SQL)) {
            throw new Translation.CannotAnswer("ask in words: SQL is written by the catalog, never taken from a question", examples());
        }
        if (q.has(FORECAST)) {
            throw new Translation.CannotAnswer("the catalog reports what happened; it does not forecast", examples());
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Question.MatchResultCopy silentDays = q.takeFirst(SILENT_DAYS);
        TimePhrases.Found time = TimePhrases.read(q, today);
        Linked linked = linker.link(q, tenant);
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
        Threshold threshold = readThreshold(q);
        Ranking ranking = readRanking(q);

        List<CatalogPhrases.Value> values = new ArrayList<>();
        Seen seen = new Seen();
        List<MetricDef> metrics = metricsIn(q, values, seen);
        int typos = 0;
        if (metrics.isEmpty()) {
            List<String> corrected = phrases.correctTypos(q, ENGLISH);
            typos = corrected.size();
            metrics = metricsIn(q, values, seen);
            // a correction counts only if it made the metric phrase ("commented" is not a typo of "committed")
            if (seen.phrases.stream().noneMatch(p -> corrected.stream().anyMatch(w -> p.contains(w)))) {
                metrics = List.of();
                values.clear();
            }
        }
        phrases.values.take(q).forEach(h -> values.add(h.value()));
        boolean typed = values.stream().anyMatch(v -> v.dimension().equals("issue_type"));
        boolean inferred = metrics.isEmpty();
        if (genericCount(seen, metrics)) {
            // "how many issues were resolved": the words around "issues" say which count
            String counted = q.has(RESOLVED_WORDS) ? "throughput_issues" : q.has(CREATED_WORDS) ? "created_issues"
                    : q.has(OPEN_WORDS) ? "open_issues" : q.has(SPRINT_CONTEXT) ? "issue_count" : "created_issues";
            metrics = List.of(catalog.metric(counted).orElseThrow());
        }
        if (typed && (metrics.isEmpty() || bugsAsked(metrics))) {
            // "how many bugs were fixed last month", "open bugs", "new stories": counts of issues of a type
            String counted = q.has(RESOLVED_WORDS) ? "throughput_issues" : q.has(CREATED_WORDS) ? "created_issues"
                    : q.has(OPEN_WORDS) ? "open_issues" : metrics.isEmpty() ? "created_issues" : null;
            if (counted != null) {
                metrics = List.of(catalog.metric(counted).orElseThrow());
            } else {
                values.removeIf(v -> v.equals(BUG));
            }
        }
        if (silentDays != null) {
            metrics = List.of(catalog.metric("silent_issues").orElseThrow());
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
        metrics = applyStatistics(metrics, stats);
        String fact = metrics.get(0).fact();

        List<String> dimensions = readDimensions(q, fact, metrics, ranking);
        for (String name : unknownNames(q)) {
            // a project key or name the caller's tenant does not have: never guess, never say whose it is
            throw new Translation.CannotAnswer("there is no project, sprint, person or site called '" + name
                    + "' in your data", examples());
        }
        if (inferred && !unknownWords(q).isEmpty()) {
            throw new Translation.CannotAnswer("the catalog has no metric for \"" + String.join(" ", unknownWords(q)) + "\"", examples());
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
        MetricDef first = metrics.get(0);
        if (threshold != null) {
            ObjectNode f = filters.addObject().put("field", first.name()).put("op", threshold.op());
            double scale = threshold.percent() && "ratio".equals(first.unit()) ? 0.01 : 1;
            if (threshold.op().equals("between")) {
                f.putArray("value").add(threshold.low() * scale).add(threshold.high() * scale);
            } else {
                f.put("value", threshold.low() * scale);
            }
        }
        if (!filters.isEmpty()) {
            spec.set("filters", filters);
        }
        if (silentDays != null) {
            spec.putObject("params").put("days", Math.max(1, Math.min(3650, Integer.parseInt(silentDays.group(1)))));
        }
        if (time != null && !first.snapshot()) {
            if (time.inSprints() && !fact.equals("sprint")) {
                throw new Translation.CannotAnswer("\"in the last N sprints\" applies to sprint metrics; for "
                        + first.name() + " ask for the last N weeks or months", examples());
            }
            spec.set("time_range", time.range());
        }
        if (ranking != null && !dimensions.isEmpty()) {
            boolean higherIsBetter = "higher".equals(first.better());
            boolean desc = switch (ranking.word()) {
                case "worst" -> !higherIsBetter;
                case "best" -> higherIsBetter || first.better() == null;
                case "lowest", "least", "fewest", "smallest", "bottom", "min", "minimum", "shortest", "fastest" -> false;
                default -> true;
            };
            spec.putArray("order_by").addObject().put("field", first.name()).put("direction", desc ? "desc" : "asc");
            if (ranking.limit() != null) {
                spec.put("limit", ranking.limit());
            }
        }
        try {
            validator.validate(spec);
        } catch (SpecValidationException e) {
            throw new Translation.CannotAnswer(e.getMessage(), examples());
        }
        double confidence = Math.min(confidence(q, typos), Math.round(closeness * 100) / 100.0);
        return new Translation(spec, explain(metrics, dimensions, filters, time, ranking, spec), "offline", confidence);
    }

    private static final CatalogPhrases.Value BUG = new CatalogPhrases.Value("issue_type", "Bug");
    /** Metric words that, beside another metric, describe the issues instead ("cycle time of bugs"). */
    private static final Map<String, CatalogPhrases.Value> AMBIGUOUS = Map.of(
            "bug", BUG, "bugs", BUG, "defect", BUG, "defects", BUG,
            "blocked", new CatalogPhrases.Value("status", "Blocked"),
            "reopened", new CatalogPhrases.Value("status", "Reopened"),
            "in progress", new CatalogPhrases.Value("status_category", "In Progress"));
    /** Metric phrases that, beside another metric, only say which issues ("comments on issues created this year"). */
    private static final Set<String> CONTEXT = Set.of("issues created", "created issues", "issues resolved", "resolved issues");
    private static final Pattern CREATED_WORDS = Pattern.compile("\\b(created|reported|opened|raised|filed|new|came in|logged)\\b");
    private static final Pattern OPEN_WORDS = Pattern.compile("\\b(open|unresolved|outstanding|remaining|pending|not done|still open)\\b");

    private static final Pattern SPRINT_CONTEXT = Pattern.compile("\\b(sprint|sprints|iteration|iterations)\\b");
    private static final Set<String> GENERIC = Set.of("issues", "issue", "tickets", "ticket", "number of issues",
            "ticket count", "issue count");
    /** What one reading of metric phrases saw; per call, as the translator serves many requests at once. */
    private static final class Seen {
        boolean genericHit;
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
            list.removeIf(m -> !m.fact().equals(head.fact())
                    || (m.timeAxis() != null && head.timeAxis() != null && !m.timeAxis().equals(head.timeAxis())));
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

    private List<String> readDimensions(Question q, String fact, List<MetricDef> metrics, Ranking ranking) {
        List<String> dims = new ArrayList<>();
        boolean grouped = q.has(GROUP_BY);
        boolean asked = q.has(WHICH) || ranking != null || grouped || q.has(PLURAL_DIM);
        boolean trend = q.take(TREND).size() > 0;
        if (q.has(WHO) && fact.equals("issue")) {
            q.take(WHO);
            dims.add("assignee");
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
        if (trend && dims.stream().noneMatch(x -> catalog.grain(x).isPresent()) && metrics.stream().noneMatch(MetricDef::snapshot)) {
            dims.add(fact.equals("sprint") ? "sprint" : "month");
        }
        if (dims.isEmpty()) {
            for (String d : metrics.get(0).defaultDimensions()) {
                dims.add(d);
            }
        }
        return dims;
    }

    private record Ranking(String word, Integer limit) {}

    private Ranking readRanking(Question q) {
        Question.MatchResultCopy w = q.takeFirst(THE_N_WITH);
        if (w != null) {
            q.takeFirst(Pattern.compile("\\b" + w.group(2) + "\\b"));
            return new Ranking(w.group(2), Math.max(1, Math.min(10_000, Integer.parseInt(w.group(1)))));
        }
        Question.MatchResultCopy m = q.takeFirst(TOP_N);
        if (m != null) {
            String word = m.group(1) != null ? m.group(1) : m.group(4);
            String n = m.group(2) != null ? m.group(2) : m.group(3);
            if (word.equals("first")) {
                word = "top";
            }
            if (word.equals("last")) {
                word = "bottom";
            }
            return new Ranking(word, Math.max(1, Math.min(10_000, Integer.parseInt(n))));
        }
        boolean singular = q.has(SINGULAR_WHICH) && !q.has(PLURAL_DIM);
        Question.MatchResultCopy s = q.takeFirst(SUPERLATIVE);
        if (s != null) {
            String word = s.group(2);
            word = switch (word) {
                case "max", "maximum", "longest", "slowest" -> "highest";
                case "min", "minimum", "shortest", "fastest" -> "lowest";
                default -> word;
            };
            return new Ranking(word, singular ? Integer.valueOf(1) : Integer.valueOf(5));
        }
        Question.MatchResultCopy rank = q.takeFirst(RANK);
        if (rank != null) {
            return new Ranking("highest", rank.group(1).startsWith("rank") ? Integer.valueOf(5) : null);
        }
        return null;
    }

    private record Threshold(String op, double low, double high, boolean percent) {}

    private Threshold readThreshold(Question q) {
        Question.MatchResultCopy b = q.takeFirst(BETWEEN_VALUES);
        if (b != null) {
            double lo = Double.parseDouble(b.group(1));
            double hi = Double.parseDouble(b.group(3));
            return new Threshold("between", Math.min(lo, hi), Math.max(lo, hi), b.group(2) != null || b.group(4) != null);
        }
        Question.MatchResultCopy m = q.takeFirst(THRESHOLD);
        if (m == null) {
            return null;
        }
        String op = switch (m.group(1)) {
            case "more than", "greater than", "higher than", "larger than", "bigger than", "over", "above", "exceeding", "exceeds", ">" -> "gt";
            case "at least", "no less than", ">=" -> "gte";
            case "less than", "fewer than", "lower than", "smaller than", "under", "below", "<" -> "lt";
            case "at most", "no more than", "<=" -> "lte";
            default -> "eq";
        };
        double v = Double.parseDouble(m.group(2));
        return new Threshold(op, v, v, m.group(3) != null);
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

    /** Words written like project keys ("BETAX30") that no reader understood. */
    private static List<String> unknownNames(Question q) {
        List<String> left = unknownWords(q);
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = KEY_LIKE.matcher(q.original);
        while (m.find()) {
            String w = m.group();
            if (!ABBREVIATIONS.contains(w) && left.contains(w.toLowerCase(java.util.Locale.ROOT))) {
                out.add(w);
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
                           Ranking ranking, ObjectNode spec) {
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
