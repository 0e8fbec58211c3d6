package com.digitalspiral.pipeline;

import com.digitalspiral.pipeline.sink.StatsSinks;
import com.digitalspiral.pipeline.source.ChangeStreamSource;
import com.digitalspiral.pipeline.source.KafkaChangeSource;
import com.digitalspiral.pipeline.source.PostgresCdcSource;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link SprintMetricsJob} with production parts on a local mini cluster or a Flink cluster. */
public final class PipelineRunner {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);
    /** Flink's Prometheus reporter (flink-metrics-prometheus), as the cluster's config file names it too. */
    static final String PROMETHEUS_REPORTER = "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";

    private PipelineRunner() {}

    /**
     * The checkpoint a start would resume from, empty for a start from a snapshot; throws when the newest checkpoint
     * must not be resumed (see {@link #checkSource}).
     */
    public static Optional<java.nio.file.Path> plan(PipelineSettings s) throws Exception {
        Optional<java.nio.file.Path> resume = Checkpoints.latest(s.checkpointDir());
        return resume.isPresent() && s.kafka() == null ? checkSource(s, resume.get()) : resume;
    }

    /**
     * A start from a savepoint ({@code --from-savepoint}, after an upgrade or to change the parallelism), checked as
     * a checkpoint is: it must be a savepoint, of this database, whose replication slot still exists.
     */
    public static Optional<java.nio.file.Path> planFromSavepoint(PipelineSettings s, java.nio.file.Path savepoint) throws Exception {
        if (!java.nio.file.Files.isRegularFile(savepoint.resolve("_metadata"))) {
            throw new IllegalStateException(savepoint + " is not a savepoint (it has no _metadata file)");
        }
        Optional<java.nio.file.Path> checked = s.kafka() == null ? checkSource(s, savepoint) : Optional.of(savepoint);
        if (checked.isEmpty()) {
            throw new IllegalStateException("the replication slot " + s.slotName() + " is gone, so the changes made since the"
                    + " savepoint cannot be read: start over from a snapshot with --fresh");
        }
        return checked;
    }

    /**
     * The checkpoint to resume from, if it belongs to this database: one taken against another database (dropped
     * and re-created, or restored from a backup, under the same name) is refused with what to do; one whose slot
     * is gone cannot be resumed without losing the changes made since, so the run starts over from a snapshot.
     */
    static Optional<java.nio.file.Path> checkSource(PipelineSettings s, java.nio.file.Path checkpoint) throws Exception {
        SourceIdentity now = SourceIdentity.of(s.db(), s.slotName());
        Optional<SourceIdentity> then = SourceIdentity.recorded(s.checkpointDir());
        if (then.isPresent() && !then.get().sameDatabase(now)) {
            throw new IllegalStateException("the checkpoints in " + s.checkpointDir() + " were taken against " + then.get()
                    + ", but the database now is " + now + ": it was replaced or restored, and resuming would leave the"
                    + " figures wrong. Start over from a snapshot of the new data with --fresh");
        }
        if (!SourceIdentity.slotExists(s.db(), s.slotName())) {
            LOG.warn("the replication slot {} of checkpoint {} is gone: the changes since cannot be read, so this run starts"
                    + " over from a snapshot", s.slotName(), checkpoint);
            Checkpoints.deleteAll(s.checkpointDir());
            return Optional.empty();
        }
        if (then.isEmpty()) {
            now.record(s.checkpointDir()); // checkpoints of a version that did not record it
        }
        return Optional.of(checkpoint);
    }

    /** Starts the job and returns at once; the returned client watches or cancels it. */
    public static JobClient start(PipelineSettings s) throws Exception {
        return start(s, plan(s));
    }

    /** As {@link #start(PipelineSettings)}, with what {@link #plan} said (for callers that show it first). */
    public static JobClient start(PipelineSettings s, Optional<java.nio.file.Path> resume) throws Exception {
        Configuration conf = configuration(s);
        if (resume.isPresent()) {
            Checkpoints.checkFormat(s.checkpointDir(), resume.get());
            LOG.info("resuming from checkpoint {}", resume.get());
            Checkpoints.pruneOlderRuns(s.checkpointDir(), resume.get());
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, resume.get().toUri().toString());
        } else {
            LOG.info("no checkpoint in {}: starting with a snapshot of the source tables", s.checkpointDir());
            if (s.kafka() == null) {
                com.digitalspiral.store.Database database = new com.digitalspiral.store.Database(s.db());
                int orphans = database.removeOrphanStats();
                if (orphans > 0) {
                    LOG.info("{} rows of issues and sprints deleted before this snapshot were removed", orphans);
                }
                int retired = database.retireOrphanEmbeddings();
                if (retired > 0) {
                    LOG.info("{} vectors of issues deleted before this snapshot became tombstones", retired);
                }
                SourceIdentity.of(s.db(), s.slotName()).record(s.checkpointDir());
            }
            Checkpoints.markFormat(s.checkpointDir());
        }
        StreamExecutionEnvironment env = environment(s, conf);
        env.setParallelism(s.parallelism());
        // records are immutable Java records, so chained operators may pass them on without copying
        env.getConfig().enableObjectReuse();
        env.enableCheckpointing(s.checkpointIntervalMs());
        env.getCheckpointConfig().setExternalizedCheckpointRetention(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        env.getCheckpointConfig().setMinPauseBetweenCheckpoints(Math.min(1_000, s.checkpointIntervalMs() / 2));

        StatsSinks sinks = new StatsSinks(s.db().jdbcUrl(), s.db().user(), s.db().password(), 100);
        SprintMetricsJob job = new SprintMetricsJob(source(s),
                sinks.sprintStats(), sinks.issueStats(), sinks.deadLetters(), s.flushDelayMs());
        // always on: with embeddings off it keeps rows without vectors, which keyword search follows
        job.withEmbeddings(new IssueEmbeddings(s.embeddings(), s.db(), sinks.issueEmbeddings()));
        job.withProgress(sinks.progress());
        job.build(env);
        JobClient client = env.executeAsync(SprintMetricsJob.NAME);
        if (s.kafka() == null) {
            DatabaseWatch.start(client, s.db());
        }
        return client;
    }

    /** Postgres's WAL through Flink CDC, or Debezium's topics in Kafka when the settings name a broker. */
    static ChangeStreamSource source(PipelineSettings s) {
        if (s.kafka() == null) {
            return new PostgresCdcSource(s.db(), s.slotName());
        }
        return new KafkaChangeSource(s.kafka().bootstrapServers(), s.kafka().topicPrefix(), s.kafka().groupId(),
                new java.util.Properties());
    }

    static Configuration configuration(PipelineSettings s) {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, s.checkpointDir().toAbsolutePath().toUri().toString());
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3);
        // RocksDB with incremental checkpoints: a checkpoint uploads only what changed and a restart
        // restores files, where the heap backend rewrites (and re-reads) all state every time
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        // timers are many and short-lived (one per changed key, ~100 ms): keep them on the heap
        conf.setString("state.backend.rocksdb.timer-service.factory", "HEAP");
        // a local mini cluster gives RocksDB 128 MB by default; tiny memtables stall every write
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse(s.managedMemory()));
        // an outage of the database (minutes, a restart, a failover) must be ridden out without a person: restart
        // with growing delays (1 s doubling to at most 30 s), never giving up; the log and Flink's numRestarts say
        // it is waiting, and DatabaseWatch names the database while it does not answer
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofSeconds(30));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, 2.0);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD, Duration.ofMinutes(10));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR, 0.1);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        conf.set(RestOptions.PORT, s.webPort());
        if (s.jobManager() == null && !s.metricsPorts().isBlank()) {
            // the mini cluster's metrics (the job's own and Flink's: checkpoints, restarts, back pressure) for Prometheus;
            // a cluster's processes report as its config file says (deploy/flink/config.yaml)
            conf.setString("metrics.reporter.prom.factory.class", PROMETHEUS_REPORTER);
            conf.setString("metrics.reporter.prom.port", s.metricsPorts());
        }
        return conf;
    }

    private static StreamExecutionEnvironment environment(PipelineSettings s, Configuration conf) {
        if (s.jobManager() == null) {
            return StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        }
        String[] hostPort = s.jobManager().split(":");
        if (hostPort.length != 2) {
            throw new IllegalArgumentException("--jobmanager must be host:port, got " + s.jobManager());
        }
        if (s.jobJar() == null || !s.jobJar().toFile().isFile()) {
            throw new IllegalArgumentException("submitting to a cluster needs the job jar; build it with "
                    + "`mvn -q -pl pipeline -am package -Pcluster -DskipTests` (missing: " + s.jobJar() + ")");
        }
        return StreamExecutionEnvironment.createRemoteEnvironment(hostPort[0], Integer.parseInt(hostPort[1]), conf,
                s.jobJar().toString());
    }
}
