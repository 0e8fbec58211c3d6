package com.digitalspiral.pipeline.operators;

import static com.digitalspiral.pipeline.operators.Fixtures.changelog;
import static com.digitalspiral.pipeline.operators.Fixtures.comment;
import static com.digitalspiral.pipeline.operators.Fixtures.delete;
import static com.digitalspiral.pipeline.operators.Fixtures.issue;
import static com.digitalspiral.pipeline.operators.Fixtures.member;
import static com.digitalspiral.pipeline.operators.Fixtures.upsert;
import static org.assertj.core.api.Assertions.assertThat;

import com.digitalspiral.pipeline.model.IssueStats;
import com.digitalspiral.pipeline.model.MemberUpdate;
import com.digitalspiral.pipeline.model.SourceChange;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IssueOperatorTest {

    private KeyedOneInputStreamOperatorTestHarness<String, SourceChange, IssueStats> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new IssueOperator(10)), SourceChange::issueKey, Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(SourceChange c) throws Exception {
        harness.processElement(c, 0);
    }

    private void flush() throws Exception {
        harness.setProcessingTime(harness.getProcessingTime() + 10);
    }

    private List<MemberUpdate> members() {
        return harness.getSideOutput(IssueOperator.MEMBERS).stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void aBurstOfChangesBecomesOneWriteWithTheNewestCommitTime() throws Exception {
        send(upsert(issue("a", "Story", null), 100));
        send(upsert(comment("c1", "a", 5), 101));
        send(upsert(comment("c2", "a", 7), 102));
        assertThat(harness.extractOutputValues()).isEmpty();
        flush();
        List<IssueStats> out = harness.extractOutputValues();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).commentCount()).isEqualTo(2);
        assertThat(out.get(0).lastCommentAt()).isEqualTo(7 * Fixtures.H);
        assertThat(out.get(0).sourceTs()).isEqualTo(102);
    }

    @Test
    void childrenThatArriveBeforeTheirIssueCountOnceItArrives() throws Exception {
        send(upsert(comment("c1", "a", 5), 1));
        send(upsert(changelog("l1", "a", 2, "SReopened"), 2));
        flush();
        assertThat(harness.extractOutputValues()).isEmpty();
        send(upsert(issue("a", "Bug", null), 3));
        flush();
        IssueStats s = harness.extractOutputValues().get(0);
        assertThat(s.commentCount()).isEqualTo(1);
        assertThat(s.reopenCount()).isEqualTo(1);
    }

    @Test
    void aChangeThatAltersNoFigureWritesNothing() throws Exception {
        send(upsert(issue("a", "Story", null), 1));
        flush();
        send(upsert(changelog("l1", "a", 2 /* no status or flag item */), 2));
        send(upsert(issue("a", "Story", null), 3));
        flush();
        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    @Test
    void sprintsHearOfTheIssueFactsAndOfTheirRows() throws Exception {
        send(upsert(issue("a", "Bug", null), 1));
        send(upsert(member("r1", "s1", "a", 3.0), 2));
        send(upsert(changelog("l1", "a", 2, "SBlocked"), 3));
        flush();
        List<MemberUpdate> m = members();
        assertThat(m).hasSize(1);
        assertThat(m.get(0).sprintId()).isEqualTo("s1");
        assertThat(m.get(0).bug()).isTrue();
        assertThat(m.get(0).blocked()).containsExactly(2 * Fixtures.H, Long.MAX_VALUE);
        assertThat(m.get(0).storyPoints()).isEqualTo(3.0);
    }

    @Test
    void aRowDeletedIsRemovedFromItsSprintAtOnce() throws Exception {
        send(upsert(issue("a", "Story", null), 1));
        send(upsert(member("r1", "s1", "a", 3.0), 2));
        flush();
        send(delete(member("r1", "s1", "a", 3.0), 3));
        List<MemberUpdate> m = members();
        assertThat(m.get(m.size() - 1).removed()).isTrue();
        assertThat(m.get(m.size() - 1).memberKey()).isEqualTo("r1|a");
    }

    @Test
    void aDeletedIssueIsDeletedDownstreamAndLeavesNoState() throws Exception {
        send(upsert(issue("a", "Story", 50L), 1));
        send(upsert(comment("c1", "a", 5), 2));
        send(upsert(changelog("l1", "a", 2, "SBlocked", "FImpediment"), 3));
        send(upsert(member("r1", "s1", "a", 3.0), 4));
        send(upsert(member("r2", "s2", "a", 5.0), 4));
        flush();
        assertThat(harness.numKeyedStateEntries()).isGreaterThan(0);

        send(delete(issue("a", "Story", 50L), 9));
        // the cascade follows the issue's delete
        send(delete(comment("c1", "a", 5), 9));
        send(delete(changelog("l1", "a", 2, "SBlocked"), 9));
        send(delete(member("r1", "s1", "a", 3.0), 9));
        send(delete(member("r2", "s2", "a", 5.0), 9));
        flush();

        List<IssueStats> out = harness.extractOutputValues();
        assertThat(out.get(out.size() - 1).deleted()).isTrue();
        assertThat(members()).filteredOn(MemberUpdate::removed).extracting(MemberUpdate::sprintId).contains("s1", "s2");
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }
}
