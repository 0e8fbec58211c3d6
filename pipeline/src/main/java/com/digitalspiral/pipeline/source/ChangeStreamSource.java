package com.digitalspiral.pipeline.source;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Where the job's Debezium JSON change events come from: Postgres CDC in production, anything in tests. */
@FunctionalInterface
public interface ChangeStreamSource {
    DataStream<String> open(StreamExecutionEnvironment env);
}
