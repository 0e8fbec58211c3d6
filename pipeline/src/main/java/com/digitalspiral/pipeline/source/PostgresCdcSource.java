package com.digitalspiral.pipeline.source;

import com.digitalspiral.store.DbConfig;
import java.time.Duration;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.cdc.connectors.base.options.StartupOptions;
import org.apache.flink.cdc.connectors.postgres.source.PostgresSourceBuilder;
import org.apache.flink.cdc.debezium.JsonDebeziumDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Flink CDC's incremental Postgres source over the Jira tables, as Debezium JSON (snapshot, then the WAL). */
public final class PostgresCdcSource implements ChangeStreamSource {

    /** The tables the figures depend on (tenants and jira_instances are not needed), and the freshness probe's. */
    public static final String[] TABLES = {
        "public.projects", "public.issues", "public.sprints", "public.sprint_issues", "public.comments", "public.changelogs",
        "public.pipeline_heartbeat"};
    /** Created by migration V1; Debezium must not try to create or alter it. */
    public static final String PUBLICATION = "spiral_pub";

    /** Rows per snapshot chunk; fewer, larger chunks start faster. */
    static final int SPLIT_ROWS = 32_768;

    private final DbConfig db;
    private final String slotName;

    /**
     * @param db the source database
     * @param slotName the replication slot; one per job, it keeps the WAL the job has not confirmed
     */
    public PostgresCdcSource(DbConfig db, String slotName) {
        this.db = db;
        this.slotName = slotName;
    }

    @Override
    public DataStream<String> open(StreamExecutionEnvironment env) {
        Properties debezium = new Properties();
        debezium.setProperty("publication.name", PUBLICATION);
        debezium.setProperty("publication.autocreate.mode", "disabled");
        debezium.setProperty("decimal.handling.mode", "double");
        // Debezium waits this long for a batch to fill before handing it over: the floor of our latency
        debezium.setProperty("poll.interval.ms", "50");
        var source = PostgresSourceBuilder.PostgresIncrementalSource.<String>builder()
                .hostname(db.host())
                .port(db.port())
                .database(db.database())
                .schemaList("public")
                .tableList(TABLES)
                .username(db.user())
                .password(db.password())
                .slotName(slotName)
                // the builder's default is decoderbufs, which a stock Postgres does not have
                .decodingPluginName("pgoutput")
                .startupOptions(StartupOptions.initial())
                // idle captured tables in a busy database would otherwise pin WAL
                .heartbeatInterval(Duration.ofSeconds(10))
                // Each chunk's backfill opens and drops a temporary slot (about a second each). Without it a
                // row read by the snapshot may see older changes replayed by the stream afterwards; every
                // event carries the full row (REPLICA IDENTITY FULL) and the operators keep full rows, so
                // replaying them in order ends at the same state.
                .skipSnapshotBackfill(true)
                .splitSize(SPLIT_ROWS)
                .debeziumProperties(debezium)
                .deserializer(new JsonDebeziumDeserializationSchema(false))
                .build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "postgres-cdc")
                .uid("postgres-cdc");
    }
}
