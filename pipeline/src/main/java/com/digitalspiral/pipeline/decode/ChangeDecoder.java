package com.digitalspiral.pipeline.decode;

import com.digitalspiral.pipeline.model.DeadLetter;
import com.digitalspiral.pipeline.model.SourceChange;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Decodes raw Debezium JSON; events it cannot read go to {@link #DEAD_LETTERS} with the reason, not lost. */
public final class ChangeDecoder extends ProcessFunction<String, SourceChange> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};
    private static final int MAX_PAYLOAD = 64 * 1024;

    @Override
    public void processElement(String event, Context ctx, Collector<SourceChange> out) {
        long now = System.currentTimeMillis();
        try {
            for (SourceChange change : DebeziumJson.decode(event, now)) {
                out.collect(change);
            }
        } catch (DecodeException e) {
            String payload = event.length() > MAX_PAYLOAD ? event.substring(0, MAX_PAYLOAD) : event;
            ctx.output(DEAD_LETTERS, new DeadLetter(e.getMessage(), payload, now));
        }
    }
}
