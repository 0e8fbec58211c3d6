package com.digitalspiral.pipeline.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.digitalspiral.pipeline.model.MemberUpdate;
import com.digitalspiral.pipeline.model.Rows.SprintRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SprintTotalsTest {

    private static final long H = 3_600_000_000L;
    private static final SprintRow SPRINT = new SprintRow("s", "t", "i", "p", "S", "active", 10 * H, 30 * H, null);

    private static MemberUpdate random(Random r, String key) {
        Double sp = r.nextInt(5) == 0 ? null : new double[] {0.5, 1, 2, 3, 5, 8, 13}[r.nextInt(7)];
        long from = r.nextInt(40) * H;
        return new MemberUpdate("s", key, "i" + key, false, sp, (long) r.nextInt(20) * H,
                r.nextBoolean() ? null : 15 * H, r.nextInt(3) == 0 ? null : r.nextBoolean(), r.nextBoolean(), r.nextBoolean(),
                new long[] {from, from + r.nextInt(10) * H}, 0);
    }

    @Test
    void incrementalUpdatesEqualARecomputeFromScratch() {
        Random r = new Random(3);
        Map<String, MemberUpdate> members = new LinkedHashMap<>();
        SprintTotals running = SprintTotals.EMPTY;
        for (int step = 0; step < 5000; step++) {
            String key = "m" + r.nextInt(40);
            MemberUpdate old = members.get(key);
            if (r.nextInt(4) == 0) {
                members.remove(key);
                running = running.minus(SPRINT, old);
            } else {
                MemberUpdate m = random(r, key);
                members.put(key, m);
                running = running.minus(SPRINT, old).plus(SPRINT, m);
            }
            if (step % 97 == 0) {
                assertSame(running, SprintTotals.of(SPRINT, new ArrayList<>(members.values())));
            }
        }
        List<MemberUpdate> all = new ArrayList<>(members.values());
        for (MemberUpdate m : all) {
            running = running.minus(SPRINT, m);
        }
        assertThat(running).isEqualTo(SprintTotals.EMPTY);
        assertThat(running.toStats(SPRINT, null, 0).plannedSp()).isNull();
    }

    private static void assertSame(SprintTotals a, SprintTotals b) {
        assertThat(a.toStats(SPRINT, "K", 0)).usingRecursiveComparison()
                .withComparatorForType((x, y) -> Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x)) ? 0 : Double.compare(x, y), Double.class)
                .isEqualTo(b.toStats(SPRINT, "K", 0));
    }
}
