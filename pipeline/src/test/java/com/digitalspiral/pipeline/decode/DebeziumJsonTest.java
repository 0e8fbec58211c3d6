package com.digitalspiral.pipeline.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.digitalspiral.pipeline.model.SourceChange;
import com.digitalspiral.pipeline.model.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class DebeziumJsonTest {

    private static String event(String op, String table, String before, String after) {
        return "{\"before\":" + before + ",\"after\":" + after + ",\"op\":\"" + op + "\","
                + "\"source\":{\"table\":\"" + table + "\",\"ts_ms\":1700000000000,\"lsn\":1}}";
    }

    private static final String ROW = "{\"id\":\"r1\",\"tenant_id\":\"t\",\"sprint_id\":\"s1\",\"issue_id\":\"i1\","
            + "\"added_at\":\"2026-01-01T10:00:00.123456Z\",\"removed_at\":null,\"story_points\":5.0,\"completed\":true}";

    @Test
    void anInsertBecomesAnUpsertWithCommitTimeAndMicroseconds() throws Exception {
        List<SourceChange> out = DebeziumJson.decode(event("c", "sprint_issues", "null", ROW), 1);
        assertThat(out).hasSize(1);
        SourceChange c = out.get(0);
        assertThat(c.table()).isEqualTo(Table.SPRINT_ISSUES);
        assertThat(c.delete()).isFalse();
        assertThat(c.sourceTs()).isEqualTo(1_700_000_000_000L);
        assertThat(c.sprintIssue().addedAt()).isEqualTo(1_767_261_600_123_456L);
        assertThat(c.sprintIssue().storyPoints()).isEqualTo(5.0);
    }

    @Test
    void aBeatOfTheFreshnessProbeIsItsCommitTimeAndItsDeleteIsNothing() throws Exception {
        String beat = "{\"id\":1,\"beat_at\":\"2026-12-08T01:00:00.5Z\"}";
        SourceChange c = DebeziumJson.decode(event("u", "pipeline_heartbeat", beat, beat), 1).get(0);
        assertThat(c.table()).isEqualTo(Table.HEARTBEAT);
        assertThat(c.sourceTs()).isEqualTo(1_700_000_000_000L);
        assertThat(c.issueKey()).isNull();
        assertThat(DebeziumJson.decode(event("d", "pipeline_heartbeat", beat, "null"), 1)).isEmpty();
        assertThat(DebeziumJson.issueTexts(event("u", "pipeline_heartbeat", beat, beat), 1)).isEmpty();
    }

    @Test
    void snapshotReadsGetTheSnapshotTime() throws Exception {
        SourceChange c = DebeziumJson.decode(event("r", "sprint_issues", "null", ROW), 42).get(0);
        assertThat(c.sourceTs()).isEqualTo(42);
    }

    @Test
    void anUpdateThatMovesARowToAnotherIssueIsADeleteAndAnUpsert() throws Exception {
        String moved = ROW.replace("\"issue_id\":\"i1\"", "\"issue_id\":\"i2\"");
        List<SourceChange> out = DebeziumJson.decode(event("u", "sprint_issues", ROW, moved), 1);
        assertThat(out).extracting(SourceChange::delete).containsExactly(true, false);
        assertThat(out).extracting(SourceChange::issueKey).containsExactly("i1", "i2");
    }

    @Test
    void aDeleteCarriesTheOldImage() throws Exception {
        SourceChange c = DebeziumJson.decode(event("d", "sprint_issues", ROW, "null"), 1).get(0);
        assertThat(c.delete()).isTrue();
        assertThat(c.sprintIssue().sprintId()).isEqualTo("s1");
    }

    @Test
    void changelogItemsKeepOnlyStatusAndFlaggedInOrder() throws Exception {
        String after = "{\"id\":\"c1\",\"issue_id\":\"i1\",\"jira_created_at\":\"2026-01-01T00:00:00Z\",\"items\":"
                + "\"[{\\\"field\\\":\\\"assignee\\\",\\\"toString\\\":\\\"bob\\\"},{\\\"field\\\":\\\"status\\\",\\\"toString\\\":\\\"Blocked\\\"},"
                + "{\\\"field\\\":\\\"Flagged\\\",\\\"toString\\\":null},42]\"}";
        SourceChange c = DebeziumJson.decode(event("c", "changelogs", "null", after), 1).get(0);
        assertThat(c.changelog().items()).containsExactly("SBlocked", "F");
    }

    @Test
    void theKafkaSchemaEnvelopeIsUnwrapped() throws Exception {
        String wrapped = "{\"schema\":{},\"payload\":" + event("c", "sprint_issues", "null", ROW) + "}";
        assertThat(DebeziumJson.decode(wrapped, 1)).hasSize(1);
    }

    @Test
    void tombstonesAndTablesThePipelineDoesNotUseGiveNothing() throws Exception {
        assertThat(DebeziumJson.decode("null", 1)).isEmpty();
        assertThat(DebeziumJson.decode(event("c", "tenants", "null", "{\"id\":\"t\"}"), 1)).isEmpty();
    }

    private static final String ISSUE = "{\"id\":\"i1\",\"tenant_id\":\"t\",\"summary\":\"Login times out\","
            + "\"description\":\"%s\",\"issue_type\":\"Bug\",\"jira_created_at\":\"2026-01-01T10:00:00Z\"}";

    @Test
    void anIssueChangeCarriesItsWordsForTheEmbeddingBranch() throws Exception {
        var t = DebeziumJson.issueTexts(event("u", "issues", String.format(ISSUE, "old"), String.format(ISSUE, "on Safari")), 1).get(0);
        assertThat(t.summary()).isEqualTo("Login times out");
        assertThat(t.embeddable()).isEqualTo("Login times out\n\non Safari");
        assertThat(t.delete()).isFalse();
        assertThat(t.textUnavailable()).isFalse();
        var gone = DebeziumJson.issueTexts(event("d", "issues", String.format(ISSUE, "x"), "null"), 1).get(0);
        assertThat(gone.delete()).isTrue();
        assertThat(DebeziumJson.issueTexts(event("c", "comments", "null", ROW), 1)).isEmpty();
    }

    @Test
    void aTextDebeziumLeftOutIsUnknownNotEmpty() throws Exception {
        var t = DebeziumJson.issueTexts(event("u", "issues", "null",
                String.format(ISSUE, DebeziumJson.UNAVAILABLE)), 1).get(0);
        assertThat(t.textUnavailable()).isTrue();
    }

    @Test
    void brokenEventsNameTheProblem() {
        assertThatThrownBy(() -> DebeziumJson.decode("{not json", 1)).isInstanceOf(DecodeException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> DebeziumJson.decode(event("c", "sprint_issues", "null", "{\"id\":\"r1\"}"), 1))
                .hasMessageContaining("'sprint_id' is missing");
        assertThatThrownBy(() -> DebeziumJson.decode(event("x", "issues", "null", "{}"), 1))
                .hasMessageContaining("unknown op 'x'");
        assertThatThrownBy(() -> DebeziumJson.decode(event("c", "sprint_issues", "null",
                ROW.replace("\"2026-01-01T10:00:00.123456Z\"", "\"yesterday\"")), 1))
                .hasMessageContaining("'added_at' is not a timestamp: yesterday");
    }
}
