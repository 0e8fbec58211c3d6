package com.digitalspiral.pipeline.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Debezium's JSON change events of the Jira tables from Kafka, one topic per table as Debezium's Postgres
 * connector names them ({@code <prefix>.public.issues}, …), with or without Kafka Connect's schema envelope.
 * Offsets live in Flink's checkpoints, so a restarted job reads on from where its state ends.
 * Cross-table order is not kept (a topic per table), and need not be: the operators keep each row's latest
 * version and recompute from them, so only each row's own order matters, which its key's partition keeps.
 */
public final class KafkaChangeSource implements ChangeStreamSource {

    private final String bootstrapServers;
    private final String topicPrefix;
    private final String groupId;
    private final Properties extra;

    /**
     * @param bootstrapServers the brokers, host:port[,host:port…]
     * @param topicPrefix Debezium's {@code topic.prefix} (formerly {@code database.server.name})
     * @param groupId the consumer group, under which offsets are committed at checkpoints (to watch the lag)
     * @param extra further consumer properties (security, timeouts), passed through as they are
     */
    public KafkaChangeSource(String bootstrapServers, String topicPrefix, String groupId, Properties extra) {
        this.bootstrapServers = bootstrapServers;
        this.topicPrefix = topicPrefix;
        this.groupId = groupId;
        this.extra = extra;
    }

    /** The topics read: one per table of {@link PostgresCdcSource#TABLES}. */
    public List<String> topics() {
        return Arrays.stream(PostgresCdcSource.TABLES).map(t -> topicPrefix + "." + t).toList();
    }

    @Override
    public DataStream<String> open(StreamExecutionEnvironment env) {
        KafkaSource<String> source = KafkaSource.<String>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topics())
                .setGroupId(groupId)
                // A job without a checkpoint has empty state, so it reads every topic from its start (a compacted
                // Debezium topic then holds each row's latest event: a snapshot). A restored job reads on from the
                // offsets in its checkpoint; the group's committed offsets are only for monitoring lag.
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new ValueText())
                .setProperties(extra)
                .build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka-debezium").uid("kafka-debezium");
    }

    /**
     * The record's value as text. A null value is a tombstone (Debezium's follow-up to a delete, for log
     * compaction): the delete event before it already said everything, so it is dropped here.
     */
    static final class ValueText implements KafkaRecordDeserializationSchema<String> {

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out) throws IOException {
            if (record.value() != null && record.value().length > 0) {
                out.collect(new String(record.value(), StandardCharsets.UTF_8));
            }
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }
}
