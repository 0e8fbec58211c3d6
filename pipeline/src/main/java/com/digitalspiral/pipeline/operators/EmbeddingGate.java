package com.digitalspiral.pipeline.operators;

import com.digitalspiral.pipeline.model.EmbedRequest;
import com.digitalspiral.pipeline.model.EmbeddingWrite.Kind;
import com.digitalspiral.pipeline.model.IssueText;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by issue id. Decides whether an issue change needs the model: only when the hash of its summary and
 * description (with the model's name, so a new model re-embeds) differs from the last one embedded. A status
 * or assignee change is a touch; a delete forgets the issue's state.
 */
public final class EmbeddingGate extends KeyedProcessFunction<String, IssueText, EmbedRequest> {

    private final String model;
    private transient ValueState<String> lastHash;

    public EmbeddingGate(String model) {
        this.model = model;
    }

    @Override
    public void open(OpenContext ctx) {
        lastHash = getRuntimeContext().getState(new ValueStateDescriptor<>("text-hash", Types.STRING));
    }

    @Override
    public void processElement(IssueText t, Context ctx, Collector<EmbedRequest> out) throws Exception {
        if (t.delete()) {
            lastHash.clear();
            out.collect(new EmbedRequest(Kind.DELETE, t.issueId(), t.tenantId(), null, null, t.sourceTs()));
            return;
        }
        if (t.textUnavailable()) {
            out.collect(new EmbedRequest(Kind.TOUCH, t.issueId(), t.tenantId(), null, null, t.sourceTs()));
            return;
        }
        String text = t.embeddable();
        String hash = hash(model, text);
        if (hash.equals(lastHash.value())) {
            out.collect(new EmbedRequest(Kind.TOUCH, t.issueId(), t.tenantId(), null, null, t.sourceTs()));
            return;
        }
        lastHash.update(hash);
        out.collect(new EmbedRequest(Kind.UPSERT, t.issueId(), t.tenantId(), text, hash, t.sourceTs()));
    }

    static String hash(String model, String text) {
        return com.digitalspiral.store.embed.EmbeddableText.hash(model, text);
    }
}
