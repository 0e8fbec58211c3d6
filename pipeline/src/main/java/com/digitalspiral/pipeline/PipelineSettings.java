package com.digitalspiral.pipeline;

import com.digitalspiral.store.DbConfig;
import com.digitalspiral.store.embed.EmbeddingConfig;
import java.nio.file.Path;

/**
 * How to run the job.
 *
 * @param db the Jira source database, which also holds the maintained tables
 * @param slotName replication slot of this job; keeps unconfirmed WAL until a checkpoint confirms it
 * @param checkpointDir where checkpoints go; a restart resumes from the newest one found here
 * @param checkpointIntervalMs how often state is checkpointed (and the slot position confirmed)
 * @param webPort port of the Flink web dashboard on a local mini cluster
 * @param parallelism parallelism of the keyed operators and sinks
 * @param flushDelayMs how long a changed issue or sprint waits before it is written, to coalesce bursts
 * @param jobManager host:port of a Flink cluster's JobManager to submit to, or null for a local mini cluster
 * @param jobJar the job's shaded jar, needed only when submitting to a cluster
 * @param kafka read Debezium's change events from Kafka instead of Postgres's WAL, or null
 * @param managedMemory managed memory of the local mini cluster (RocksDB's block cache and memtables), e.g. "1g"
 * @param embeddings the model that keeps issue_embeddings for search, or {@link EmbeddingConfig#OFF}
 * @param metricsPorts port, or range of ports (the first free one is taken), of a local mini cluster's Prometheus
 *                     endpoint of the job's metrics; empty for none (a cluster's own config says where its are)
 */
public record PipelineSettings(DbConfig db, String slotName, Path checkpointDir, long checkpointIntervalMs,
                               int webPort, int parallelism, long flushDelayMs, String jobManager, Path jobJar,
                               KafkaInput kafka, String managedMemory, EmbeddingConfig embeddings,
                               String metricsPorts) {

    /**
     * Debezium topics in Kafka as the change stream (a Kafka Connect deployment of Debezium's Postgres
     * connector writes them); the maintained tables are still written to {@code db}.
     *
     * @param bootstrapServers host:port[,host:port…]
     * @param topicPrefix Debezium's topic.prefix: topics are {@code <prefix>.public.<table>}
     * @param groupId the consumer group
     */
    public record KafkaInput(String bootstrapServers, String topicPrefix, String groupId) {}

    /** Flink's own default port for its Prometheus reporter, and the next ten for a second pipeline on the machine. */
    public static final String DEFAULT_METRICS_PORTS = "9249-9259";

    /** Slot and checkpoints are named after the database, so pipelines of two databases never share them. */
    public static PipelineSettings defaults(DbConfig db) {
        return new PipelineSettings(db, defaultSlot(db), defaultCheckpointDir(db), 10_000, 8081, 2, 100, null, null, null, "1g",
                EmbeddingConfig.OFF, DEFAULT_METRICS_PORTS);
    }

    /** {@code spiral_<database>}, folded to what a replication slot name may hold. */
    public static String defaultSlot(DbConfig db) {
        String name = ("spiral_" + db.database()).toLowerCase().replaceAll("[^a-z0-9_]", "_");
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    public static Path defaultCheckpointDir(DbConfig db) {
        return Path.of(".spiral", "checkpoints", db.database().replaceAll("[^A-Za-z0-9_.-]", "_"));
    }

    public PipelineSettings withSlot(String slot) {
        return new PipelineSettings(db, slot, checkpointDir, checkpointIntervalMs, webPort, parallelism, flushDelayMs, jobManager, jobJar, kafka, managedMemory, embeddings, metricsPorts);
    }

    public PipelineSettings withCheckpointDir(Path dir) {
        return new PipelineSettings(db, slotName, dir, checkpointIntervalMs, webPort, parallelism, flushDelayMs, jobManager, jobJar, kafka, managedMemory, embeddings, metricsPorts);
    }

    public PipelineSettings withWebPort(int port) {
        return new PipelineSettings(db, slotName, checkpointDir, checkpointIntervalMs, port, parallelism, flushDelayMs, jobManager, jobJar, kafka, managedMemory, embeddings, metricsPorts);
    }

    public PipelineSettings withParallelism(int p) {
        return new PipelineSettings(db, slotName, checkpointDir, checkpointIntervalMs, webPort, p, flushDelayMs, jobManager, jobJar, kafka, managedMemory, embeddings, metricsPorts);
    }

    public PipelineSettings withCheckpointInterval(long ms) {
        return new PipelineSettings(db, slotName, checkpointDir, ms, webPort, parallelism, flushDelayMs, jobManager, jobJar, kafka, managedMemory, embeddings, metricsPorts);
    }

    public PipelineSettings withJobManager(String hostPort, Path jar) {
        return new PipelineSettings(db, slotName, checkpointDir, checkpointIntervalMs, webPort, parallelism, flushDelayMs, hostPort, jar, kafka, managedMemory, embeddings, metricsPorts);
    }

    public PipelineSettings withKafka(KafkaInput input) {
        return new PipelineSettings(db, slotName, checkpointDir, checkpointIntervalMs, webPort, parallelism, flushDelayMs, jobManager, jobJar, input, managedMemory, embeddings, metricsPorts);
    }

    public PipelineSettings withManagedMemory(String size) {
        return new PipelineSettings(db, slotName, checkpointDir, checkpointIntervalMs, webPort, parallelism, flushDelayMs, jobManager, jobJar, kafka, size, embeddings, metricsPorts);
    }

    public PipelineSettings withEmbeddings(EmbeddingConfig config) {
        return new PipelineSettings(db, slotName, checkpointDir, checkpointIntervalMs, webPort, parallelism, flushDelayMs, jobManager, jobJar, kafka, managedMemory, config, metricsPorts);
    }

    public PipelineSettings withMetricsPorts(String ports) {
        return new PipelineSettings(db, slotName, checkpointDir, checkpointIntervalMs, webPort, parallelism, flushDelayMs, jobManager, jobJar, kafka, managedMemory, embeddings, ports);
    }
}
