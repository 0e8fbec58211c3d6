package com.digitalspiral.api.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchIntentTest {

    private static final Set<String> PROJECTS = Set.of("ALPHA", "BETA");

    @Test
    void issuesAboutSomethingInAProjectAreASearchWithTheProjectAsAFilter() {
        SearchIntent.Found f = SearchIntent.read("find issues about login timeouts in ALPHA", PROJECTS).orElseThrow();
        assertThat(f.request().query()).isEqualTo("login timeouts");
        assertThat(f.request().filters().projects()).containsExactly("ALPHA");
    }

    @Test
    void theNounAndOpenOrClosedBecomeFilters() {
        SearchIntent.Found f = SearchIntent.read("Any open bugs mentioning CSV export?", PROJECTS).orElseThrow();
        assertThat(f.request().query()).isEqualTo("CSV export");
        assertThat(f.request().filters().issueTypes()).containsExactly("Bug");
        assertThat(f.request().filters().statuses()).contains("To Do", "In Progress").doesNotContain("Done");
        assertThat(SearchIntent.read("show me closed stories related to dark mode", PROJECTS).orElseThrow()
                .request().filters().statuses()).containsExactly("Done");
    }

    @Test
    void aWordAfterInThatIsNoProjectStaysPartOfTheQuery() {
        SearchIntent.Found f = SearchIntent.read("search for tickets about crashes in production", PROJECTS).orElseThrow();
        assertThat(f.request().query()).isEqualTo("crashes in production");
        assertThat(f.request().filters().projects()).isEmpty();
    }

    @Test
    void similarToAnIssueKeyAsksForSimilarIssues() {
        assertThat(SearchIntent.read("tickets similar to alpha-14", PROJECTS).orElseThrow().similarTo()).isEqualTo("ALPHA-14");
        assertThat(SearchIntent.read("are there duplicates of BETA-7?", PROJECTS).orElseThrow().similarTo()).isEqualTo("BETA-7");
    }

    @Test
    void questionsAboutFiguresAndPlainListsAreNotSearches() {
        for (String q : List.of("how many bugs are open in ALPHA", "list the issues that are blocked",
                "which sprint had the most blocked hours", "velocity per team", "what is the lead time of bugs",
                "find the sprint with the worst spillover")) {
            assertThat(SearchIntent.read(q, PROJECTS)).as(q).isEmpty();
        }
    }
}
