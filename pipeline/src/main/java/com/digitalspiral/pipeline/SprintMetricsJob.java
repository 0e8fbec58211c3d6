package com.digitalspiral.pipeline;

import com.digitalspiral.pipeline.decode.ChangeDecoder;
import com.digitalspiral.pipeline.model.DeadLetter;
import com.digitalspiral.pipeline.model.IssueStats;
import com.digitalspiral.pipeline.model.SourceChange;
import com.digitalspiral.pipeline.model.SprintInput;
import com.digitalspiral.pipeline.model.SprintStats;
import com.digitalspiral.pipeline.model.Table;
import com.digitalspiral.pipeline.operators.IssueOperator;
import com.digitalspiral.pipeline.operators.SprintOperator;
import com.digitalspiral.pipeline.operators.TableFilter;
import com.digitalspiral.pipeline.operators.ToSprintInput;
import com.digitalspiral.pipeline.source.ChangeStreamSource;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The streaming core: Jira change events → per-issue state → per-sprint state → issue_stats and
 * sprint_stats. Source and sinks come from outside, so tests can feed and read it directly.
 *
 * <pre>
 * source → decode ─┬─ issues, comments, changelogs, sprint_issues → keyBy(issue) → IssueOperator → issue_stats
 *                  │                                                                └─ members ─┐
 *                  ├─ sprints ────────────────────────────────────────────────────── keyBy(sprint) → SprintOperator → sprint_stats
 *                  ├─ projects ─ broadcast ──────────────────────────────────────────────────────┘
 *                  ├─ heartbeats (the freshness probe) → pipeline_progress
 *                  └─ undecodable → pipeline_dead_letters
 * source ─ issue text ─ keyBy(issue) → EmbeddingGate → embed (async, batched, own chain) → issue_embeddings
 * </pre>
 */
public final class SprintMetricsJob {

    public static final String NAME = "digital-spiral-sprint-metrics";

    private final ChangeStreamSource source;
    private final Sink<SprintStats> sprintSink;
    private final Sink<IssueStats> issueSink;
    private final Sink<DeadLetter> deadLetterSink;
    private final long flushDelayMs;

    private IssueEmbeddings embeddings;
    private Sink<SourceChange> progressSink;

    /** Writes the freshness probe's beats to pipeline_progress (off unless called). */
    public SprintMetricsJob withProgress(Sink<SourceChange> sink) {
        this.progressSink = sink;
        return this;
    }

    /** Adds the branch that keeps issue_embeddings (off unless called). */
    public SprintMetricsJob withEmbeddings(IssueEmbeddings branch) {
        this.embeddings = branch;
        return this;
    }

    public SprintMetricsJob(ChangeStreamSource source, Sink<SprintStats> sprintSink, Sink<IssueStats> issueSink,
                            Sink<DeadLetter> deadLetterSink, long flushDelayMs) {
        this.source = source;
        this.sprintSink = sprintSink;
        this.issueSink = issueSink;
        this.deadLetterSink = deadLetterSink;
        this.flushDelayMs = flushDelayMs;
    }

    /** Adds the job's operators to {@code env}; run it with {@code env.execute(NAME)}. */
    public void build(StreamExecutionEnvironment env) {
        DataStream<String> raw = source.open(env);
        SingleOutputStreamOperator<SourceChange> changes = raw
                .process(new ChangeDecoder()).name("decode Debezium JSON").uid("decode");
        if (embeddings != null) {
            embeddings.attach(raw);
        }

        changes.getSideOutput(ChangeDecoder.DEAD_LETTERS)
                .sinkTo(deadLetterSink).name("pipeline_dead_letters").uid("dead-letter-sink");
        if (progressSink != null) {
            // behind the same decoder as the figures: a job that falls behind or stops carries the beats late or not at all
            changes.filter(new TableFilter(Table.HEARTBEAT)).name("heartbeats").uid("heartbeat-filter")
                    .sinkTo(progressSink).name("pipeline_progress").uid("progress-sink").setParallelism(1);
        }

        SingleOutputStreamOperator<IssueStats> issueStats = changes
                .filter(new TableFilter(Table.ISSUES, Table.COMMENTS, Table.CHANGELOGS, Table.SPRINT_ISSUES))
                .name("issue-side changes").uid("issue-filter")
                .keyBy(SourceChange::issueKey, Types.STRING)
                .process(new IssueOperator(flushDelayMs)).name("per-issue state").uid("issue-state");
        issueStats.sinkTo(issueSink).name("issue_stats").uid("issue-stats-sink");

        DataStream<SprintInput> members = issueStats.getSideOutput(IssueOperator.MEMBERS)
                .map(ToSprintInput.MEMBER).name("members to sprints").uid("member-input");
        DataStream<SprintInput> sprints = changes
                .filter(new TableFilter(Table.SPRINTS)).name("sprint changes").uid("sprint-filter")
                .map(ToSprintInput.SPRINT).name("sprint rows").uid("sprint-input");
        DataStream<SourceChange> projects = changes
                .filter(new TableFilter(Table.PROJECTS)).name("project changes").uid("project-filter");

        sprints.union(members)
                .keyBy(SprintInput::sprintId, Types.STRING)
                .connect(projects.broadcast(SprintOperator.PROJECT_KEYS))
                .process(new SprintOperator(flushDelayMs)).name("per-sprint state").uid("sprint-state")
                .sinkTo(sprintSink).name("sprint_stats").uid("sprint-stats-sink");
    }
}
