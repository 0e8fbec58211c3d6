package com.digitalspiral.pipeline.operators;

import com.digitalspiral.pipeline.compute.SprintTotals;
import com.digitalspiral.pipeline.model.MemberUpdate;
import com.digitalspiral.pipeline.model.Rows.ProjectRow;
import com.digitalspiral.pipeline.model.Rows.SprintRow;
import com.digitalspiral.pipeline.model.SourceChange;
import com.digitalspiral.pipeline.model.SprintInput;
import com.digitalspiral.pipeline.model.SprintStats;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by sprint id. Keeps a sprint, its members (sprint_issues rows joined to their issues' facts) and
 * their running {@link SprintTotals}, so a member's change costs O(1) whatever the sprint's size; only a
 * change of the sprint's window re-reads every member. Emits the sprint's row of sprint_stats. Project keys arrive on the broadcast side (projects are few); when a
 * project is renamed every sprint of it is rewritten. Writes are coalesced by a short timer as in
 * {@link IssueOperator}; a deleted sprint leaves no state behind.
 */
public final class SprintOperator extends KeyedBroadcastProcessFunction<String, SprintInput, SourceChange, SprintStats> {

    public static final MapStateDescriptor<String, String> PROJECT_KEYS =
            new MapStateDescriptor<>("project-keys", Types.STRING, Types.STRING);

    private static final ValueStateDescriptor<SprintRow> SPRINT = new ValueStateDescriptor<>("sprint", SprintRow.class);

    private final long flushDelayMs;

    private transient ValueState<SprintRow> sprint;
    private transient MapState<String, MemberUpdate> members;
    /** Totals of the members under the current sprint row; null until the sprint row has arrived. */
    private transient ValueState<SprintTotals> totals;
    private transient ValueState<Long> sourceTs;
    private transient ValueState<SprintStats> lastStats;
    private transient ValueState<Long> timer;

    public SprintOperator(long flushDelayMs) {
        this.flushDelayMs = flushDelayMs;
    }

    @Override
    public void open(OpenContext ctx) {
        sprint = getRuntimeContext().getState(SPRINT);
        members = getRuntimeContext().getMapState(new MapStateDescriptor<>("members", Types.STRING,
                TypeInformation.of(MemberUpdate.class)));
        totals = getRuntimeContext().getState(new ValueStateDescriptor<>("totals", SprintTotals.class));
        sourceTs = getRuntimeContext().getState(new ValueStateDescriptor<>("source-ts", Types.LONG));
        lastStats = getRuntimeContext().getState(new ValueStateDescriptor<>("last-stats", SprintStats.class));
        timer = getRuntimeContext().getState(new ValueStateDescriptor<>("timer", Types.LONG));
    }

    @Override
    public void processElement(SprintInput in, ReadOnlyContext ctx, Collector<SprintStats> out) throws Exception {
        if (in.member() != null) {
            MemberUpdate m = in.member();
            MemberUpdate old = members.get(m.memberKey());
            if (m.removed()) {
                if (old == null) {
                    return; // already gone, e.g. with its deleted sprint
                }
                members.remove(m.memberKey());
            } else {
                members.put(m.memberKey(), m);
            }
            SprintRow s = sprint.value();
            if (s != null) {
                SprintTotals t = totals.value();
                totals.update(t.minus(s, old).plus(s, m.removed() ? null : m));
            }
        } else if (in.sprintDeleted()) {
            if (sprint.value() != null) {
                out.collect(SprintStats.deletion(in.sprintId(), in.sourceTs()));
            }
            Long pending = timer.value();
            if (pending != null) {
                ctx.timerService().deleteProcessingTimeTimer(pending);
            }
            sprint.clear();
            members.clear();
            totals.clear();
            sourceTs.clear();
            lastStats.clear();
            timer.clear();
            return;
        } else {
            SprintRow before = sprint.value();
            sprint.update(in.sprint());
            if (SprintTotals.windowChanged(before, in.sprint())) {
                totals.update(SprintTotals.of(in.sprint(), members.values()));
            }
        }
        Long ts = sourceTs.value();
        if (ts == null || in.sourceTs() > ts) {
            sourceTs.update(in.sourceTs());
        }
        if (sprint.value() != null && timer.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + flushDelayMs;
            ctx.timerService().registerProcessingTimeTimer(at);
            timer.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SprintStats> out) throws Exception {
        timer.clear();
        emitIfChanged(ctx.getBroadcastState(PROJECT_KEYS), out);
    }

    @Override
    public void processBroadcastElement(SourceChange change, Context ctx, Collector<SprintStats> out) throws Exception {
        ProjectRow project = change.project();
        BroadcastState<String, String> keys = ctx.getBroadcastState(PROJECT_KEYS);
        String before = keys.get(project.id());
        if (change.delete()) {
            keys.remove(project.id());
        } else {
            keys.put(project.id(), project.projectKey());
        }
        String after = keys.get(project.id());
        if (java.util.Objects.equals(before, after)) {
            return;
        }
        ctx.applyToKeyedState(SPRINT, (sprintId, state) -> {
            SprintRow s = state.value();
            if (s != null && project.id().equals(s.projectId())) {
                Long ts = sourceTs.value();
                if (ts == null || change.sourceTs() > ts) {
                    sourceTs.update(change.sourceTs());
                }
                emitIfChanged(keys, out);
            }
        });
    }

    private void emitIfChanged(ReadOnlyBroadcastState<String, String> projectKeys, Collector<SprintStats> out) throws Exception {
        SprintRow s = sprint.value();
        if (s == null) {
            return;
        }
        String projectKey = s.projectId() == null ? null : projectKeys.get(s.projectId());
        long ts = sourceTs.value() == null ? 0 : sourceTs.value();
        SprintStats stats = totals.value().toStats(s, projectKey, ts);
        if (!stats.sameContent(lastStats.value())) {
            out.collect(stats);
            lastStats.update(stats);
        }
    }
}
