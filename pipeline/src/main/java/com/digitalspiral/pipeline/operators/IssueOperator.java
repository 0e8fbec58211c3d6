package com.digitalspiral.pipeline.operators;

import com.digitalspiral.pipeline.compute.Blocking;
import com.digitalspiral.pipeline.compute.IssueFigures;
import com.digitalspiral.pipeline.model.IssueStats;
import com.digitalspiral.pipeline.model.MemberUpdate;
import com.digitalspiral.pipeline.model.Rows.ChangelogRow;
import com.digitalspiral.pipeline.model.Rows.IssueRow;
import com.digitalspiral.pipeline.model.Rows.SprintIssueRow;
import com.digitalspiral.pipeline.model.SourceChange;
import com.digitalspiral.pipeline.model.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by issue id. Keeps an issue, its comment times, its status/Flagged changelog entries and its
 * sprint_issues rows; emits the issue's row of issue_stats, and to each sprint holding the issue a
 * {@link MemberUpdate} (side output {@link #MEMBERS}).
 *
 * <p>Changes are applied to state at once and written out by a short processing-time timer, so a burst
 * (a snapshot, a transaction touching many rows of one issue) becomes one write. Deletes and removals go
 * out at once. A deleted issue leaves no state behind.
 */
public final class IssueOperator extends KeyedProcessFunction<String, SourceChange, IssueStats> {

    public static final OutputTag<MemberUpdate> MEMBERS = new OutputTag<>("sprint-members") {};

    private final long flushDelayMs;

    private transient ValueState<IssueRow> issue;
    /** Small per-issue bookkeeping in one state, read and written once per change. */
    private transient ValueState<Meta> meta;
    private transient SmallMapState<String, Long> comments;
    private transient SmallMapState<String, ChangelogRow> changelogs;
    private transient SmallMapState<String, SprintIssueRow> memberships;
    /** Membership rows changed since the last flush. */
    private transient SmallMapState<String, Boolean> pendingMembers;
    private transient ValueState<IssueStats> lastStats;
    /** What the sprints were last told about the issue: bug, reopened and blocked stretches. */
    private transient ValueState<MemberFacts> lastFacts;

    /**
     * @param sourceTs newest commit time seen (ms)
     * @param timer when the pending write fires, 0 when none is pending
     * @param issuePresent whether the issue row itself has arrived
     * @param figuresDirty whether the issue, its comments or its changelog changed since the last write
     *     (otherwise only sprint rows did, and the issue's figures and facts need not be read again)
     */
    public record Meta(long sourceTs, long timer, boolean issuePresent, boolean figuresDirty) {}

    /** The part of a member that comes from the issue rather than from its sprint_issues row. */
    public record MemberFacts(boolean bug, boolean reopened, long[] blocked) {
        boolean sameAs(MemberFacts o) {
            return o != null && bug == o.bug && reopened == o.reopened && Arrays.equals(blocked, o.blocked);
        }
    }

    public IssueOperator(long flushDelayMs) {
        this.flushDelayMs = flushDelayMs;
    }

    @Override
    public void open(OpenContext ctx) {
        issue = getRuntimeContext().getState(new ValueStateDescriptor<>("issue", IssueRow.class));
        meta = getRuntimeContext().getState(new ValueStateDescriptor<>("meta", Meta.class));
        comments = new SmallMapState<>(getRuntimeContext(), "comments-map", Types.STRING, Types.LONG);
        changelogs = new SmallMapState<>(getRuntimeContext(), "changelogs-map", Types.STRING,
                TypeInformation.of(ChangelogRow.class));
        memberships = new SmallMapState<>(getRuntimeContext(), "memberships-map", Types.STRING,
                TypeInformation.of(SprintIssueRow.class));
        pendingMembers = new SmallMapState<>(getRuntimeContext(), "pending-members-map", Types.STRING, Types.BOOLEAN);
        lastStats = getRuntimeContext().getState(new ValueStateDescriptor<>("last-stats", IssueStats.class));
        lastFacts = getRuntimeContext().getState(new ValueStateDescriptor<>("last-facts",
                TypeInformation.of(new TypeHint<MemberFacts>() {})));
    }

    @Override
    public void processElement(SourceChange change, Context ctx, Collector<IssueStats> out) throws Exception {
        switch (change.table()) {
            case ISSUES -> onIssue(change, ctx, out);
            case COMMENTS -> {
                if (change.delete()) {
                    if (comments.remove(change.comment().id())) {
                        touched(change, ctx);
                    }
                } else {
                    comments.put(change.comment().id(), change.comment().createdAt());
                    touched(change, ctx);
                }
            }
            case CHANGELOGS -> {
                ChangelogRow cl = change.changelog();
                if (!change.delete() && cl.isRelevant()) {
                    changelogs.put(cl.id(), cl);
                    touched(change, ctx);
                } else if (changelogs.remove(cl.id())) {
                    touched(change, ctx);
                }
            }
            case SPRINT_ISSUES -> onMembership(change, ctx);
            default -> throw new IllegalArgumentException("IssueOperator does not take " + change.table());
        }
    }

    private void onIssue(SourceChange change, Context ctx, Collector<IssueStats> out) throws Exception {
        if (!change.delete()) {
            issue.update(change.issue());
            touched(change, ctx);
            return;
        }
        Meta m = meta.value();
        if (m != null && m.issuePresent()) {
            out.collect(IssueStats.deletion(change.issue().id(), change.sourceTs()));
        }
        // the cascade will delete the sprint rows too; the sprints learn it now
        for (SprintIssueRow row : memberships.read().values()) {
            ctx.output(MEMBERS, MemberUpdate.removal(row.sprintId(), row.id(), row.issueId(), change.sourceTs()));
        }
        if (m != null && m.timer() != 0) {
            ctx.timerService().deleteProcessingTimeTimer(m.timer());
        }
        issue.clear();
        meta.clear();
        comments.clear();
        changelogs.clear();
        memberships.clear();
        pendingMembers.clear();
        lastStats.clear();
        lastFacts.clear();
    }

    private void onMembership(SourceChange change, Context ctx) throws Exception {
        SprintIssueRow row = change.sprintIssue();
        SprintIssueRow old = memberships.get(row.id());
        if (change.delete()) {
            if (old != null) {
                memberships.remove(row.id());
                pendingMembers.remove(row.id());
            }
            ctx.output(MEMBERS, MemberUpdate.removal(row.sprintId(), row.id(), row.issueId(), change.sourceTs()));
            if (old != null) {
                touched(change, ctx);
            }
            return;
        }
        if (old != null && !old.sprintId().equals(row.sprintId())) {
            // an update that moved the row without an old image to split it on
            ctx.output(MEMBERS, MemberUpdate.removal(old.sprintId(), old.id(), old.issueId(), change.sourceTs()));
        }
        memberships.put(row.id(), row);
        pendingMembers.put(row.id(), true);
        touched(change, ctx);
    }

    /** Records the change's time and schedules a write if the issue exists. */
    private void touched(SourceChange change, Context ctx) throws Exception {
        Meta m = meta.value();
        long ts = m == null ? change.sourceTs() : Math.max(m.sourceTs(), change.sourceTs());
        boolean present = change.table() == Table.ISSUES || (m != null && m.issuePresent());
        long timer = m == null ? 0 : m.timer();
        if (present && timer == 0) {
            timer = ctx.timerService().currentProcessingTime() + flushDelayMs;
            ctx.timerService().registerProcessingTimeTimer(timer);
        }
        boolean dirty = change.table() != Table.SPRINT_ISSUES || (m != null && m.figuresDirty());
        Meta next = new Meta(ts, timer, present, dirty);
        if (!next.equals(m)) {
            meta.update(next);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IssueStats> out) throws Exception {
        Meta m = meta.value();
        IssueRow row = issue.value();
        if (m == null || row == null) {
            return;
        }
        meta.update(new Meta(m.sourceTs(), 0, true, false));
        long ts = m.sourceTs();
        MemberFacts known = lastFacts.value();
        if (!m.figuresDirty() && known != null) {
            // only sprint rows changed: tell their sprints, with what the sprints already know of the issue
            Map<String, SprintIssueRow> rows = memberships.read();
            for (String rowId : pendingMembers.read().keySet()) {
                emitMember(ctx, rows.get(rowId), known, ts);
            }
            pendingMembers.clear();
            return;
        }
        List<ChangelogRow> entries = new ArrayList<>(changelogs.read().values());
        List<Long> commentTimes = new ArrayList<>(comments.read().values());
        long[] blocked = Blocking.intervals(entries);

        IssueStats stats = IssueFigures.compute(row, commentTimes, entries, blocked, ts);
        if (!stats.sameContent(lastStats.value())) {
            out.collect(stats);
            lastStats.update(stats);
        }

        MemberFacts facts = new MemberFacts("Bug".equals(row.issueType()), IssueFigures.everReopened(entries), blocked);
        boolean factsChanged = !facts.sameAs(lastFacts.value());
        Map<String, Boolean> pending = pendingMembers.read();
        for (Map.Entry<String, SprintIssueRow> e : memberships.read().entrySet()) {
            if (factsChanged || pending.containsKey(e.getKey())) {
                emitMember(ctx, e.getValue(), facts, ts);
            }
        }
        if (factsChanged) {
            lastFacts.update(facts);
        }
        pendingMembers.clear();
    }

    private static void emitMember(OnTimerContext ctx, SprintIssueRow r, MemberFacts facts, long ts) {
        if (r == null) {
            return;
        }
        ctx.output(MEMBERS, new MemberUpdate(r.sprintId(), r.id(), r.issueId(), false, r.storyPoints(),
                r.addedAt(), r.removedAt(), r.completed(), facts.bug(), facts.reopened(), facts.blocked(), ts));
    }
}
