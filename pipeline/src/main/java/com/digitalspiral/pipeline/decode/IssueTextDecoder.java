package com.digitalspiral.pipeline.decode;

import com.digitalspiral.pipeline.model.IssueText;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * The issues' words from raw Debezium JSON. Events it cannot read are skipped here: {@link ChangeDecoder}
 * reads the same events and sends those to the dead letters, once.
 */
public final class IssueTextDecoder implements FlatMapFunction<String, IssueText> {

    @Override
    public void flatMap(String event, Collector<IssueText> out) {
        if (event == null || !event.contains("issues")) {
            return; // most events are of other tables: skip parsing them a second time
        }
        try {
            DebeziumJson.issueTexts(event, System.currentTimeMillis()).forEach(out::collect);
        } catch (DecodeException e) {
            // dead-lettered by ChangeDecoder
        }
    }
}
