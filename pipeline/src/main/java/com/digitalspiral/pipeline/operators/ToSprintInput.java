package com.digitalspiral.pipeline.operators;

import com.digitalspiral.pipeline.model.MemberUpdate;
import com.digitalspiral.pipeline.model.SourceChange;
import com.digitalspiral.pipeline.model.SprintInput;
import org.apache.flink.api.common.functions.MapFunction;

/** Puts sprint rows and member updates into the one type the sprint side is keyed on. */
public final class ToSprintInput {

    public static final MapFunction<MemberUpdate, SprintInput> MEMBER = new Member();
    public static final MapFunction<SourceChange, SprintInput> SPRINT = new Sprint();

    private ToSprintInput() {}

    private static final class Member implements MapFunction<MemberUpdate, SprintInput> {
        @Override
        public SprintInput map(MemberUpdate m) {
            return SprintInput.of(m);
        }
    }

    private static final class Sprint implements MapFunction<SourceChange, SprintInput> {
        @Override
        public SprintInput map(SourceChange c) {
            return SprintInput.of(c);
        }
    }
}
