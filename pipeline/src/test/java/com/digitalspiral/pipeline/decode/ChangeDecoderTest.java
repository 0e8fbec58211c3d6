package com.digitalspiral.pipeline.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.digitalspiral.pipeline.model.DeadLetter;
import com.digitalspiral.pipeline.model.SourceChange;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class ChangeDecoderTest {

    @Test
    void brokenEventsGoToDeadLettersWithTheReasonAndTheRestFlowsOn() throws Exception {
        try (OneInputStreamOperatorTestHarness<String, SourceChange> harness =
                     ProcessFunctionTestHarnesses.forProcessFunction(new ChangeDecoder())) {
            harness.processElement("{\"op\":\"c\",\"source\":{\"table\":\"comments\",\"ts_ms\":5},"
                    + "\"after\":{\"id\":\"c1\",\"issue_id\":\"i1\",\"jira_created_at\":\"2026-01-01T00:00:00Z\"}}", 0);
            harness.processElement("{\"op\":\"c\",\"source\":{\"table\":\"comments\",\"ts_ms\":5},\"after\":{\"id\":\"c2\"}}", 0);
            harness.processElement("\u0000garbage", 0);

            assertThat(harness.extractOutputValues()).extracting(c -> c.comment().id()).containsExactly("c1");
            List<DeadLetter> dead = harness.getSideOutput(ChangeDecoder.DEAD_LETTERS).stream().map(StreamRecord::getValue).toList();
            assertThat(dead).extracting(DeadLetter::reason)
                    .containsExactly("comments after: 'issue_id' is missing", dead.get(1).reason());
            assertThat(dead.get(1).reason()).startsWith("not JSON");
            assertThat(dead.get(0).payload()).contains("\"id\":\"c2\"");
        }
    }
}
