package com.digitalspiral.pipeline.operators;

import static org.assertj.core.api.Assertions.assertThat;

import com.digitalspiral.pipeline.model.EmbedRequest;
import com.digitalspiral.pipeline.model.EmbeddingWrite.Kind;
import com.digitalspiral.pipeline.model.IssueText;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmbeddingGateTest {

    private KeyedOneInputStreamOperatorTestHarness<String, IssueText, EmbedRequest> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new EmbeddingGate("model-a")), IssueText::issueId, Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private List<Kind> send(IssueText... changes) throws Exception {
        for (IssueText t : changes) {
            harness.processElement(t, 0);
        }
        List<Kind> kinds = harness.extractOutputValues().stream().map(EmbedRequest::kind).toList();
        harness.getOutput().clear();
        return kinds;
    }

    private static IssueText text(String summary, String description) {
        return new IssueText("i1", "t1", summary, description, false, 1, false);
    }

    @Test
    void newTextIsEmbeddedAndTheSameTextAgainIsOnlyATouch() throws Exception {
        assertThat(send(text("Login times out", "on Safari"))).containsExactly(Kind.UPSERT);
        // a status or assignee change arrives with the same words
        assertThat(send(text("Login times out", "on Safari"))).containsExactly(Kind.TOUCH);
        assertThat(send(text("Login times out on Safari 17", "on Safari"))).containsExactly(Kind.UPSERT);
    }

    @Test
    void aPlaceholderForUnchangedTextIsATouchNotNewWords() throws Exception {
        send(text("Login times out", "long description"));
        assertThat(send(new IssueText("i1", "t1", "Login times out", null, false, 2, true))).containsExactly(Kind.TOUCH);
        assertThat(send(text("Login times out", "long description"))).containsExactly(Kind.TOUCH);
    }

    @Test
    void theEmbeddedTextPutsTheSummaryFirst() throws Exception {
        harness.processElement(text("  Checkout 500 ", " Steps: click pay "), 0);
        assertThat(harness.extractOutputValues().get(0).text()).isEqualTo("Checkout 500\n\nSteps: click pay");
    }

    @Test
    void aDeleteGoesOutAndLeavesNoStateBehind() throws Exception {
        send(text("Login times out", null));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(send(new IssueText("i1", "t1", "Login times out", null, true, 3, false))).containsExactly(Kind.DELETE);
        assertThat(harness.numKeyedStateEntries()).isZero();
        // the same words after a delete are new again
        assertThat(send(text("Login times out", null))).containsExactly(Kind.UPSERT);
    }

    @Test
    void anotherModelHashesTheSameTextDifferently() throws Exception {
        assertThat(EmbeddingGate.hash("model-a", "x")).isNotEqualTo(EmbeddingGate.hash("model-b", "x"));
    }
}
