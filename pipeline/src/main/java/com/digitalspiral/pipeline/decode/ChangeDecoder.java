package com.digitalspiral.pipeline.decode;

import com.digitalspiral.pipeline.model.DeadLetter;
import com.digitalspiral.pipeline.model.SourceChange;
import com.digitalspiral.pipeline.model.Table;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes raw Debezium JSON; events it cannot read go to {@link #DEAD_LETTERS} with the reason, not lost. Counts
 * what it reads: {@code changeEventsIn} per captured table (label {@code table}) and {@code deadLetters}.
 */
public final class ChangeDecoder extends ProcessFunction<String, SourceChange> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};
    private static final int MAX_PAYLOAD = 64 * 1024;

    private transient Map<Table, Counter> eventsIn;
    private transient Counter deadLetters;

    @Override
    public void open(OpenContext openContext) {
        MetricGroup group = getRuntimeContext().getMetricGroup();
        eventsIn = new EnumMap<>(Table.class);
        for (Table t : Table.values()) {
            eventsIn.put(t, group.addGroup("table", t.name().toLowerCase(Locale.ROOT)).counter("changeEventsIn"));
        }
        deadLetters = group.counter("deadLetters");
    }

    @Override
    public void processElement(String event, Context ctx, Collector<SourceChange> out) {
        long now = System.currentTimeMillis();
        try {
            List<SourceChange> changes = DebeziumJson.decode(event, now);
            if (!changes.isEmpty()) {
                eventsIn.get(changes.get(0).table()).inc();
            }
            for (SourceChange change : changes) {
                out.collect(change);
            }
        } catch (DecodeException e) {
            String payload = event.length() > MAX_PAYLOAD ? event.substring(0, MAX_PAYLOAD) : event;
            deadLetters.inc();
            ctx.output(DEAD_LETTERS, new DeadLetter(e.getMessage(), payload, now));
        }
    }
}
