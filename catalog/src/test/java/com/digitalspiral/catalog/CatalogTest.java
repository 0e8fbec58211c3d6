package com.digitalspiral.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogTest {

    private final Catalog catalog = Catalog.load();

    @Test
    void holdsEveryMetricThatMetricsMdNames() {
        List<String> required = List.of("planned_sp", "completed_sp", "added_after_start_sp", "removed_sp", "issue_count",
                "bug_count", "reopened_count", "blocked_hours", "spillover_ratio", "scope_churn_ratio", "accuracy_abs",
                "velocity", "throughput_issues", "throughput_sp", "lead_time", "lead_time_median", "lead_time_p85",
                "cycle_time", "cycle_time_median", "cycle_time_p85", "bug_ratio", "reopen_rate", "wip", "assignee_load",
                "comment_count", "silent_issues", "sprint_problematic_score");
        assertThat(catalog.metricNames()).containsAll(required);
    }

    @Test
    void everyMetricHasTheFieldsUsersAndTheTranslatorNeed() {
        for (MetricDef m : catalog.metrics()) {
            assertThat(m.displayName()).as(m.name()).isNotBlank();
            assertThat(m.description()).as(m.name()).isNotBlank();
            assertThat(m.category()).as(m.name()).isIn("throughput", "lead_time", "quality", "capacity", "composite", "engagement");
            assertThat(m.unit()).as(m.name()).isNotBlank();
            assertThat(m.version()).as(m.name()).matches("\\d+\\.\\d+\\.\\d+");
            assertThat(m.synonyms()).as(m.name()).isNotEmpty();
            assertThat(m.name()).matches("[a-z][a-z0-9_]*");
        }
        catalog.dimensions().forEach(d -> assertThat(d.synonyms()).as(d.name()).isNotEmpty());
    }

    @Test
    void compositeWeightsAreTheSeedDefaultsInOrder() {
        MetricDef score = catalog.metric("sprint_problematic_score").orElseThrow();
        assertThat(score.weights()).containsExactly(
                org.assertj.core.api.Assertions.entry("spillover_ratio", 0.25),
                org.assertj.core.api.Assertions.entry("scope_churn_ratio", 0.20),
                org.assertj.core.api.Assertions.entry("reopened_count", 0.20),
                org.assertj.core.api.Assertions.entry("blocked_hours", 0.15),
                org.assertj.core.api.Assertions.entry("bug_count", 0.10),
                org.assertj.core.api.Assertions.entry("accuracy_abs", 0.10));
    }

    @Test
    void versionCarriesAFingerprintThatChangesWithTheFile() throws Exception {
        byte[] original = Catalog.class.getResourceAsStream(Catalog.RESOURCE).readAllBytes();
        String changed = new String(original, StandardCharsets.UTF_8).replace("\"Planned story points\"", "\"Planned points\"");
        Catalog other = Catalog.parse(changed.getBytes(StandardCharsets.UTF_8));
        assertThat(catalog.version()).startsWith("1.0.0+");
        assertThat(other.fingerprint()).isNotEqualTo(catalog.fingerprint());
    }

    @Test
    void refusesAnInconsistentCatalog() throws Exception {
        String text = new String(Catalog.class.getResourceAsStream(Catalog.RESOURCE).readAllBytes(), StandardCharsets.UTF_8);
        String broken = text.replace("\"dependencies\": [\"removed_sp\", \"planned_sp\"]", "\"dependencies\": [\"removed_points\"]");
        assertThatThrownBy(() -> Catalog.parse(broken.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("spillover_ratio: unknown dependency removed_points");
    }

    @Test
    void suggestsTheNearestNameForATypo() {
        assertThat(Suggest.nearest("spilover_ratio", catalog.metricNames())).contains("spillover_ratio");
        assertThat(Suggest.nearest("velcoity", catalog.metricNames())).contains("velocity");
        assertThat(Suggest.nearest("completely unrelated words", catalog.metricNames())).isEmpty();
    }
}
