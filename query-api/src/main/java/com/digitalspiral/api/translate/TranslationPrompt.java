package com.digitalspiral.api.translate;

import com.digitalspiral.catalog.Catalog;
import com.digitalspiral.catalog.DimensionDef;
import com.digitalspiral.catalog.MetricDef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The system prompt of the language-model translators: {@code prompts/analytics_translation.txt} with the
 * catalog (metrics with descriptions, units, time axes and synonyms; dimensions with vocabularies), the
 * caller's tenant's names, and few-shot examples filled in.
 */
final class TranslationPrompt {

    static final String RESOURCE = "/prompts/analytics_translation.txt";

    private final String template;
    private final String metrics;
    private final String dimensions;

    TranslationPrompt(Catalog catalog) {
        try (InputStream in = TranslationPrompt.class.getResourceAsStream(RESOURCE)) {
            this.template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.metrics = catalog.metrics().stream().filter(m -> !m.deprecated()).map(TranslationPrompt::line)
                .collect(Collectors.joining("\n"));
        this.dimensions = catalog.dimensions().stream().map(TranslationPrompt::line).collect(Collectors.joining("\n"))
                + "\n- day, week, month, quarter — time grains of the metrics' time axis";
    }

    String render(LocalDate today, TenantVocabulary.Names names) {
        return template.replace("{{today}}", today.toString())
                .replace("{{metrics}}", metrics)
                .replace("{{dimensions}}", dimensions)
                .replace("{{names}}", names(names))
                .replace("{{examples}}", EXAMPLES);
    }

    private static String line(MetricDef m) {
        String axis = m.snapshot() ? "now" : "by " + m.timeAxis() + " date";
        String params = m.params().isEmpty() ? "" : "; params " + m.params().stream()
                .map(p -> p.name() + " (default " + p.defaultValue() + ")").collect(Collectors.joining(", "));
        return "- " + m.name() + " — " + m.fact() + ", " + m.unit() + ", " + axis + " — " + m.description() + params
                + "; " + String.join(", ", m.synonyms());
    }

    private static String line(DimensionDef d) {
        String values = d.values().isEmpty() ? "" : " — values " + String.join(", ", d.values());
        return "- " + d.name() + " — " + String.join("/", d.sql().keySet()) + " metrics" + values + "; "
                + String.join(", ", d.synonyms());
    }

    private static String names(TenantVocabulary.Names n) {
        return "projects: " + n.projects().stream().map(p -> p.key() + " (" + p.name() + ")").distinct()
                .collect(Collectors.joining(", "))
                + "\nsprints: " + clip(n.sprints()) + "\nassignees: " + clip(n.assignees()) + "\nJira sites: " + clip(n.instances());
    }

    private static String clip(List<String> names) {
        return names.size() <= 60 ? String.join(", ", names) : String.join(", ", names.subList(0, 60)) + ", …";
    }

    private static final String EXAMPLES = """
            Q: which sprints in ALPHA spilled over most last quarter?
            A: {"spec": {"metrics": ["spillover_ratio"], "dimensions": ["sprint"], "filters": [{"field": "project", "op": "eq", "value": "ALPHA"}], "time_range": {"period": "last_quarter"}, "order_by": [{"field": "spillover_ratio", "direction": "desc"}]}, "explanation": "Ranking: spillover ratio per sprint of ALPHA last quarter, highest first, every sprint"}
            Q: median lead time of bugs per month this year
            A: {"spec": {"metrics": ["lead_time_median"], "dimensions": ["month"], "filters": [{"field": "issue_type", "op": "eq", "value": "Bug"}], "time_range": {"period": "this_year"}}, "explanation": "Trend: median lead time of bugs per month this year"}
            Q: who has the most open story points?
            A: {"spec": {"metrics": ["assignee_load"], "dimensions": ["assignee"], "filters": [{"field": "assignee", "op": "is_null", "value": false}], "order_by": [{"field": "assignee_load", "direction": "desc"}], "limit": 1}, "explanation": "Ranking: the one assignee with the most open story points"}
            Q: sprints that dropped over a fifth of their commitment
            A: {"spec": {"metrics": ["spillover_ratio"], "dimensions": ["sprint"], "filters": [{"field": "spillover_ratio", "op": "gt", "value": 0.2}]}, "explanation": "Threshold list: sprints whose spillover ratio is above 20%"}
            Q: ALPHA vs BETA cycle time this quarter
            A: {"spec": {"metrics": ["cycle_time"], "dimensions": ["project"], "filters": [{"field": "project", "op": "in", "value": ["ALPHA", "BETA"]}], "time_range": {"period": "this_quarter"}}, "explanation": "Comparison: average cycle time of ALPHA and BETA side by side this quarter"}
            Q: how many tickets are stuck in review right now?
            A: {"spec": {"metrics": ["open_issues"], "filters": [{"field": "status", "op": "eq", "value": "In Review"}]}, "explanation": "Current state: open issues in the status In Review"}
            Q: what is our revenue per project?
            A: {"cannot_answer": "the catalog has no revenue metric; it covers sprint delivery, flow and quality of Jira issues"}""";
}
