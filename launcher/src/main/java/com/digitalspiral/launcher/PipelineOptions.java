package com.digitalspiral.launcher;

import com.digitalspiral.pipeline.Checkpoints;
import com.digitalspiral.pipeline.PipelineSettings;
import com.digitalspiral.store.Database;
import com.digitalspiral.store.DbConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of the pipeline, shared by `pipeline` and `demo`. */
final class PipelineOptions {

    @Option(names = "--fresh", description = "forget checkpoints and the replication slot; start over from a snapshot")
    boolean fresh;

    @Option(names = "--fix-postgres", description = "on a local Debian cluster (as root), set wal_level = logical and restart Postgres")
    boolean fixPostgres;

    @Option(names = "--slot", description = "replication slot (default: spiral_<database>)")
    String slot;

    @Option(names = "--checkpoints", description = "checkpoint directory (default: .spiral/checkpoints/<database>)")
    Path checkpoints;

    @Option(names = "--web-port", defaultValue = "8081", description = "Flink web dashboard port (default: ${DEFAULT-VALUE})")
    int webPort;

    @Option(names = "--metrics-port", defaultValue = PipelineSettings.DEFAULT_METRICS_PORTS, description = "port, or range (the first "
            + "free one is taken), of the local job's Prometheus endpoint /metrics; \"\" for none (default: ${DEFAULT-VALUE})")
    String metricsPorts;

    @Option(names = "--parallelism", defaultValue = "2", description = "operator parallelism (default: ${DEFAULT-VALUE})")
    int parallelism;

    @Option(names = "--jobmanager", description = "host:port of a Flink cluster to submit to instead of running locally")
    String jobManager;

    @Option(names = "--job-jar", defaultValue = "pipeline/target/spiral-pipeline-job.jar", description = "the job jar for --jobmanager (default: ${DEFAULT-VALUE})")
    Path jobJar;

    @Option(names = "--savepoint", description = "with --jobmanager: stop the running job with a savepoint (in --savepoint-dir) "
            + "and print its path, for an upgrade or a change of parallelism")
    boolean savepoint;

    @Option(names = "--savepoint-dir", defaultValue = ".spiral/cluster/savepoints", description = "where --savepoint writes (default: ${DEFAULT-VALUE})")
    Path savepointDir;

    @Option(names = "--from-savepoint", description = "start from this savepoint (the path --savepoint printed), at any --parallelism")
    String fromSavepoint;

    @Option(names = "--managed-memory", defaultValue = "1g", description = "RocksDB's memory on the local mini cluster: block cache and memtables (default: ${DEFAULT-VALUE})")
    String managedMemory;

    @Option(names = "--kafka", description = "read Debezium's change events from these Kafka brokers (host:port,…) instead of the WAL")
    String kafka;

    @Option(names = "--topic-prefix", defaultValue = "spiral", description = "with --kafka: Debezium's topic.prefix; topics are <prefix>.public.<table> (default: ${DEFAULT-VALUE})")
    String topicPrefix;

    @Option(names = "--kafka-group", description = "with --kafka: consumer group (default: spiral_<database>)")
    String kafkaGroup;

    @Option(names = "--embeddings", description = "keep issue_embeddings for search with minilm (in process), openai "
            + "(SPIRAL_EMBEDDINGS_URL …) or off (default: SPIRAL_EMBEDDINGS, else minilm)")
    String embeddings;

    /** Checks Postgres, applies --fresh, and returns the settings; null when Postgres is not ready. */
    PipelineSettings prepare(DbConfig config, PrintStream out) throws Exception {
        try {
            org.apache.flink.configuration.MemorySize.parse(managedMemory);
        } catch (IllegalArgumentException e) {
            out.println("--managed-memory: '" + managedMemory + "' is not a size such as 512m or 4g");
            return null;
        }
        if (kafka == null && !WalLevel.ensure(config, fixPostgres, out)) {
            return null;
        }
        String slotName = slot != null ? slot : PipelineSettings.defaultSlot(config);
        Path checkpointDir = checkpoints != null ? checkpoints : PipelineSettings.defaultCheckpointDir(config);
        if (fresh) {
            Database db = new Database(config);
            if (kafka == null) {
                db.dropSlot(slotName);
            }
            Checkpoints.deleteAll(checkpointDir);
            db.truncateMaintained();
            out.println("starting fresh: " + (kafka == null ? "dropped slot " + slotName + ", " : "") + "checkpoints and the maintained rows gone");
        }
        PipelineSettings settings = PipelineSettings.defaults(config).withSlot(slotName).withCheckpointDir(checkpointDir)
                .withWebPort(webPort).withParallelism(parallelism).withJobManager(jobManager, jobManager == null ? null : jobJar)
                .withManagedMemory(managedMemory).withMetricsPorts(metricsPorts);
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        if (embeddings != null) {
            env.put("SPIRAL_EMBEDDINGS", embeddings);
        }
        try {
            settings = settings.withEmbeddings(com.digitalspiral.store.embed.EmbeddingConfig.fromEnv(env));
        } catch (IllegalArgumentException e) {
            out.println("--embeddings: " + e.getMessage());
            return null;
        }
        return kafka == null ? settings : settings.withKafka(new PipelineSettings.KafkaInput(kafka, topicPrefix,
                kafkaGroup != null ? kafkaGroup : PipelineSettings.defaultSlot(config)));
    }
}
