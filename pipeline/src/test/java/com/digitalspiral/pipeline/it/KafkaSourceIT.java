package com.digitalspiral.pipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.digitalspiral.pipeline.MetricsScrape;
import com.digitalspiral.pipeline.PipelineRunner;
import com.digitalspiral.pipeline.PipelineSettings;
import com.digitalspiral.pipeline.source.KafkaChangeSource;
import com.digitalspiral.pipeline.source.PostgresCdcSource;
import com.digitalspiral.store.demo.ChangeMaker;
import com.digitalspiral.store.demo.DemoGenerator;
import com.digitalspiral.store.verify.Verifier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The job fed from Kafka instead of the WAL: Debezium's JSON events of the demo data (with Kafka Connect's schema
 * envelope on some topics, and a tombstone after every delete, as a Kafka Connect deployment writes them) go
 * into topics of a real in-process broker, the production job reads them with {@link KafkaChangeSource}, and the
 * maintained tables must equal the batch reference, before and after random changes, some made while the job was
 * down (it resumes from the offsets in its checkpoint).
 */
class KafkaSourceIT {

    private static final String PREFIX = "jira";
    private static final int CHANGES = 1500;

    @Test
    void theJobReadingDebeziumTopicsFromKafkaMaintainsTheSameFigures() throws Exception {
        try (TestDatabase db = new TestDatabase("kafka"); KafkaBroker kafka = new KafkaBroker()) {
            new DemoGenerator(db.config).generate(
                    new DemoGenerator.Options(7, 2, 1500, Instant.parse("2026-11-16T00:00:00Z")), n -> {});
            KafkaChangeSource source = new KafkaChangeSource(kafka.bootstrapServers(), PREFIX, "spiral-it", new Properties());
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                // two partitions a table: Debezium keys by primary key, so one row's events stay in order
                admin.createTopics(source.topics().stream().map(t -> new NewTopic(t, 2, (short) 1)).toList()).all().get();
            }

            // what a misconfigured producer might leave in a topic: it must become a dead letter, not stop the job
            try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(Map.of(
                    "bootstrap.servers", kafka.bootstrapServers(),
                    "key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer",
                    "value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer"))) {
                producer.send(new ProducerRecord<>(PREFIX + ".public.issues", "x".getBytes(StandardCharsets.UTF_8),
                        "{\"payload\": {\"op\": \"u\", \"after\": ".getBytes(StandardCharsets.UTF_8))).get();
            }

            JobClient feeder = startFeeder(db, kafka.bootstrapServers());
            Path checkpoints = Files.createTempDirectory("spiral-kafka-chk");
            PipelineSettings settings = PipelineSettings.defaults(db.config).withCheckpointDir(checkpoints).withWebPort(0)
                    .withParallelism(2).withCheckpointInterval(2000)
                    .withKafka(new PipelineSettings.KafkaInput(kafka.bootstrapServers(), PREFIX, "spiral-it"))
                    .withMetricsPorts(Integer.toString(freePort()));
            JobClient job = PipelineRunner.start(settings);
            try (ChangeMaker changes = new ChangeMaker(db.config, 7)) {
                Verifier.Report bootstrapped = db.awaitEqual(Duration.ofSeconds(120));
                assertThat(bootstrapped.shown()).as("after the topics' backlog").isEmpty();
                assertThat(bootstrapped.issueRows()).isGreaterThanOrEqualTo(1500);
                try (java.sql.Connection c = db.config.connect(); java.sql.Statement st = c.createStatement();
                     java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM pipeline_dead_letters "
                             + "WHERE payload LIKE '{\"payload\": {\"op\": \"u\"%'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("the broken event, kept as a dead letter").isEqualTo(1);
                }
                assertMetricsShowWhatWasRead(Integer.parseInt(settings.metricsPorts()));
                int progress = 0;
                for (int i = 0; i < 100 && progress == 0; i++) {
                    try (java.sql.Connection c = db.config.connect(); java.sql.Statement st = c.createStatement();
                         java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM pipeline_progress")) {
                        rs.next();
                        progress = rs.getInt(1);
                    }
                    Thread.sleep(progress == 0 ? 100 : 0);
                }
                assertThat(progress).as("the freshness probe's beat came through Kafka too").isEqualTo(1);

                for (int i = 0; i < CHANGES / 2; i++) {
                    changes.next();
                }
                Thread.sleep(3000); // at least one checkpoint with offsets in the topics' middle
                job.cancel().get();
                for (int i = 0; i < CHANGES / 2; i++) {
                    changes.next(); // while the job is down: they wait in Kafka
                }
                assertThat(com.digitalspiral.pipeline.Checkpoints.latest(checkpoints)).as("a checkpoint to resume from").isPresent();
                job = PipelineRunner.start(settings);

                Verifier.Report after = db.awaitEqual(Duration.ofSeconds(120));
                assertThat(after.shown()).as("after %d random changes through Kafka and a restart", CHANGES).isEmpty();
                assertThat(after.equal()).isTrue();

                // the figures came through the topics: the job's consumer group has read (and committed) them
                try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                    long committed = 0;
                    for (int i = 0; i < 40 && committed == 0; i++) {
                        Thread.sleep(250);
                        committed = admin.listConsumerGroupOffsets("spiral-it").partitionsToOffsetAndMetadata().get()
                                .values().stream().mapToLong(o -> o.offset()).sum();
                    }
                    assertThat(committed).as("offsets committed by the job's consumer group").isGreaterThan(CHANGES);
                }
            } finally {
                job.cancel().get();
                feeder.cancel().get();
            }
        }
    }

    /**
     * The mini cluster's Prometheus endpoint: the events read per table, the one dead letter, the sinks' batches and
     * freshness, and Flink's own checkpoint figures.
     */
    private static void assertMetricsShowWhatWasRead(int port) throws Exception {
        java.util.List<MetricsScrape.Sample> samples = MetricsScrape.scrape("localhost", port);
        java.util.function.BiFunction<String, String, Double> sum = (suffix, table) -> MetricsScrape.named(samples, suffix)
                .stream().filter(x -> table == null || x.label("table").equals(table) || x.label("sink").equals(table))
                .mapToDouble(MetricsScrape.Sample::value).sum();
        assertThat(sum.apply("_changeEventsIn", "issues")).as("issue events read").isGreaterThanOrEqualTo(1500);
        assertThat(sum.apply("_changeEventsIn", "sprints")).as("sprint events read").isPositive();
        assertThat(sum.apply("_deadLetters", null)).as("dead letters counted").isEqualTo(1);
        for (String sink : java.util.List.of("sprint_stats", "issue_stats")) {
            assertThat(sum.apply("_sink_batches", sink)).as(sink + " batches").isPositive();
            assertThat(MetricsScrape.named(samples, "_sink_batchSize").stream().filter(x -> x.label("sink").equals(sink))
                    .filter(x -> x.label("quantile").equals("0.5")).mapToDouble(MetricsScrape.Sample::value).max().orElse(0))
                    .as(sink + " median batch size").isPositive();
            assertThat(MetricsScrape.named(samples, "_sink_freshnessLagMs").stream().filter(x -> x.label("sink").equals(sink)))
                    .as(sink + " freshness lag, one per subtask").hasSize(2);
            assertThat(MetricsScrape.named(samples, "_sink_batchLatencyMs").stream().filter(x -> x.label("sink").equals(sink)))
                    .as(sink + " batch latency").isNotEmpty();
        }
        assertThat(MetricsScrape.named(samples, "flink_jobmanager_job_lastCheckpointDuration")).as("checkpoint duration").isNotEmpty();
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Stands in for Kafka Connect running Debezium's Postgres connector: the same Debezium (inside Flink CDC)
     * reads the WAL, and every event goes to its table's topic, keyed by the row's primary key.
     */
    private static JobClient startFeeder(TestDatabase db, String bootstrap) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, new Configuration());
        env.enableCheckpointing(1000);
        KafkaSink<Tuple2<String, String>> sink = KafkaSink.<Tuple2<String, String>>builder()
                .setBootstrapServers(bootstrap)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer((KafkaRecordSerializationSchema<Tuple2<String, String>>) (e, ctx, ts) ->
                        new ProducerRecord<>(topicOf(e.f0), e.f0.getBytes(StandardCharsets.UTF_8),
                                e.f1.isEmpty() ? null : e.f1.getBytes(StandardCharsets.UTF_8)))
                .build();
        new PostgresCdcSource(db.config, db.slot).open(env)
                .flatMap(new AsConnectWritesIt())
                .returns(TypeInformation.of(new TypeHint<Tuple2<String, String>>() {}))
                .setParallelism(1)
                .sinkTo(sink).setParallelism(1);
        return env.executeAsync("debezium-to-kafka");
    }

    /** Key is "table|primary key" until the sink splits it into topic and key. */
    private static String topicOf(String key) {
        return PREFIX + ".public." + key.substring(0, key.indexOf('|'));
    }

    /** Debezium's event as Kafka Connect writes it: envelope on two tables, a tombstone after each delete. */
    static final class AsConnectWritesIt implements FlatMapFunction<String, Tuple2<String, String>> {

        private static final ObjectMapper JSON = new ObjectMapper();
        private static final java.util.Set<String> TABLES = java.util.Set.of(
                "projects", "issues", "sprints", "sprint_issues", "comments", "changelogs", "pipeline_heartbeat");

        @Override
        public void flatMap(String event, Collector<Tuple2<String, String>> out) throws Exception {
            JsonNode e = JSON.readTree(event);
            String table = e.path("source").path("table").asText();
            if (!TABLES.contains(table)) {
                return;
            }
            JsonNode row = e.path("after").isObject() ? e.get("after") : e.get("before");
            String key = table + "|" + row.path("id").asText(); // every Jira table's primary key is its id
            boolean envelope = table.equals("comments") || table.equals("changelogs");
            out.collect(Tuple2.of(key, envelope
                    ? "{\"schema\": {\"type\": \"struct\", \"optional\": false}, \"payload\": " + event + "}" : event));
            if ("d".equals(e.path("op").asText())) {
                out.collect(Tuple2.of(key, "")); // Flink tuples hold no null: "" becomes the tombstone
            }
        }
    }
}
