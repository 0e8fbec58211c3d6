package com.digitalspiral.pipeline.model;

import com.digitalspiral.pipeline.model.Rows.SprintRow;

/** What reaches the sprint side: a change of the sprint's own row, or of one of its members. */
public record SprintInput(String sprintId, SprintRow sprint, boolean sprintDeleted, MemberUpdate member, long sourceTs) {

    public static SprintInput of(SourceChange change) {
        return new SprintInput(change.sprint().id(), change.sprint(), change.delete(), null, change.sourceTs());
    }

    public static SprintInput of(MemberUpdate member) {
        return new SprintInput(member.sprintId(), null, false, member, member.sourceTs());
    }
}
