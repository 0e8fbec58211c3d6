package com.digitalspiral.store.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.digitalspiral.store.Database;
import com.digitalspiral.store.DbConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The words of the demo data: Jira-like, with re-reports of one topic, and never touching a figure. */
class DemoTextIT {

    private static final Instant ANCHOR = Instant.parse("2026-11-16T00:00:00Z");
    /**
     * Digests of every column but the text, for seed 3 with 1,500 issues, taken from the generator before it wrote
     * text (commit 733b94c): writing words must leave every other value, and so every figure, as it was.
     */
    private static final String ISSUES_WITHOUT_TEXT = "9326a88cfdaac8271e177f8e9692bdd6";
    private static final String COMMENTS_WITHOUT_TEXT = "780424fa5251235cf13acdc942edb954";

    private static Database db;
    private static DbConfig config;

    @BeforeAll
    static void setUp() throws Exception {
        config = DbConfig.fromEnv().withDatabase("spiral_it_text_" + Long.toString(System.nanoTime(), 36));
        db = new Database(config);
        db.createIfMissing();
        db.migrate();
        new DemoGenerator(config).generate(new DemoGenerator.Options(3, 2, 1500, ANCHOR), n -> {});
    }

    @AfterAll
    static void tearDown() throws Exception {
        db.drop();
    }

    @Test
    void everyValueButTheWordsIsWhatTheSeedGaveBeforeTheTextWasWritten() throws Exception {
        try (Connection c = config.connect(); Statement st = c.createStatement()) {
            String issues = text(st, "SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM (SELECT id, tenant_id, project_id, issue_key, "
                    + "issue_type, status, priority, assignee, reporter, story_points, labels, jira_created_at, jira_updated_at, "
                    + "resolved_at FROM issues) t");
            String comments = text(st, "SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM (SELECT id, issue_id, author, "
                    + "jira_created_at, jira_updated_at FROM comments) t");
            assertThat(issues).isEqualTo(ISSUES_WITHOUT_TEXT);
            assertThat(comments).isEqualTo(COMMENTS_WITHOUT_TEXT);
        }
    }

    @Test
    void summariesAreSentencesAndEachIssueIsAboutTheTopicItsIdGives() throws Exception {
        try (Connection c = config.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, issue_type, summary, description FROM issues")) {
            int bugs = 0;
            int mentioned = 0;
            while (rs.next()) {
                UUID id = rs.getObject(1, UUID.class);
                String type = rs.getString(2);
                DemoText.Written w = DemoText.write(id, type, null);
                assertThat(DemoText.topicOf(id, type)).isEqualTo(w.topic());
                assertThat(rs.getString(3)).matches("[A-Z0-9].{4,}");
                if ("Bug".equals(type)) {
                    bugs++;
                    String all = rs.getString(3) + " " + (rs.getString(4) == null ? "" : rs.getString(4));
                    if (all.matches("(?s).*(Error|Exception|HTTP|[0-9]{3}|Steps to reproduce|Logs show|Seen).*")) {
                        mentioned++;
                    }
                }
            }
            assertThat(bugs).isGreaterThan(100);
            assertThat(mentioned).as("bugs that quote an error, steps or where they were seen").isGreaterThan(bugs / 2);
        }
    }

    @Test
    void issuesOfOneTopicAreWrittenInDifferentWords() throws Exception {
        try (Connection c = config.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, issue_type, summary FROM issues WHERE issue_type = 'Bug'")) {
            java.util.Map<String, java.util.Set<String>> byTopic = new java.util.HashMap<>();
            while (rs.next()) {
                String topic = DemoText.topicOf(rs.getObject(1, UUID.class), rs.getString(2)).id();
                byTopic.computeIfAbsent(topic, k -> new java.util.HashSet<>()).add(rs.getString(3));
            }
            long reReported = byTopic.values().stream().filter(s -> s.size() >= 2).count();
            assertThat(reReported).as("bug topics reported more than once, in other words").isGreaterThan(50);
        }
    }

    private static String text(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
