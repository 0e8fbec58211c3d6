package com.digitalspiral.pipeline.operators;

import static com.digitalspiral.pipeline.operators.Fixtures.H;
import static com.digitalspiral.pipeline.operators.Fixtures.delete;
import static com.digitalspiral.pipeline.operators.Fixtures.project;
import static com.digitalspiral.pipeline.operators.Fixtures.sprint;
import static com.digitalspiral.pipeline.operators.Fixtures.upsert;
import static org.assertj.core.api.Assertions.assertThat;

import com.digitalspiral.pipeline.model.MemberUpdate;
import com.digitalspiral.pipeline.model.SourceChange;
import com.digitalspiral.pipeline.model.SprintInput;
import com.digitalspiral.pipeline.model.SprintStats;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SprintOperatorTest {

    private KeyedBroadcastOperatorTestHarness<String, SprintInput, SourceChange, SprintStats> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new SprintOperator(10), SprintInput::sprintId, Types.STRING, SprintOperator.PROJECT_KEYS);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(SprintInput in) throws Exception {
        harness.processElement(in, 0);
    }

    private void flush() throws Exception {
        harness.setProcessingTime(harness.getProcessingTime() + 10);
    }

    private static MemberUpdate member(String row, String issue, double points, boolean bug, long ts) {
        return new MemberUpdate("s1", row, issue, false, points, 0L, null, true, bug, false, new long[] {2 * H, 4 * H}, ts);
    }

    private SprintStats last() {
        List<SprintStats> out = harness.extractOutputValues();
        return out.get(out.size() - 1);
    }

    private int keyedStateEntries() {
        return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend()).numKeyValueStateEntries();
    }

    @Test
    void membersAddUpOnceTheSprintExists() throws Exception {
        send(SprintInput.of(member("r1", "a", 3, true, 5)));
        send(SprintInput.of(member("r2", "b", 5, false, 6)));
        flush();
        assertThat(harness.extractOutputValues()).isEmpty();
        send(SprintInput.of(upsert(sprint("s1", "p1"), 7)));
        flush();
        SprintStats s = last();
        assertThat(s.plannedSp()).isEqualTo(8.0);
        assertThat(s.completedSp()).isEqualTo(8.0);
        assertThat(s.bugCount()).isEqualTo(1);
        assertThat(s.blockedHours()).isEqualTo(4.0);
        assertThat(s.sourceTs()).isEqualTo(7);
        assertThat(s.projectKey()).isNull();
    }

    @Test
    void aRowMovedToAnotherIssueEndsUpOnceWhateverOrderTheTwoMessagesArriveIn() throws Exception {
        send(SprintInput.of(upsert(sprint("s1", "p1"), 1)));
        send(SprintInput.of(member("r1", "a", 3, false, 2)));
        // the move: added under the new issue before the old issue's removal arrives
        send(SprintInput.of(member("r1", "b", 3, false, 3)));
        send(SprintInput.of(MemberUpdate.removal("s1", "r1", "a", 3)));
        flush();
        assertThat(last().issueCount()).isEqualTo(1);
    }

    @Test
    void renamingAProjectRewritesItsSprints() throws Exception {
        harness.processBroadcastElement(upsert(project("p1", "ALPHA"), 1), 0);
        send(SprintInput.of(upsert(sprint("s1", "p1"), 2)));
        flush();
        assertThat(last().projectKey()).isEqualTo("ALPHA");
        harness.processBroadcastElement(upsert(project("p1", "OMEGA"), 3), 0);
        assertThat(last().projectKey()).isEqualTo("OMEGA");
        assertThat(last().sourceTs()).isEqualTo(3);
    }

    @Test
    void aDeletedSprintIsDeletedDownstreamAndLeavesNoState() throws Exception {
        send(SprintInput.of(upsert(sprint("s1", "p1"), 1)));
        send(SprintInput.of(member("r1", "a", 3, false, 2)));
        flush();
        assertThat(keyedStateEntries()).isGreaterThan(0);
        send(SprintInput.of(delete(sprint("s1", "p1"), 3)));
        // the cascade's row deletes come later, through the issue side
        send(SprintInput.of(MemberUpdate.removal("s1", "r1", "a", 3)));
        flush();
        assertThat(last().deleted()).isTrue();
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }
}
