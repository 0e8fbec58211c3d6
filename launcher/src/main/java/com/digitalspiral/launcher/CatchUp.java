package com.digitalspiral.launcher;

import com.digitalspiral.store.DbConfig;
import com.digitalspiral.store.verify.Verifier;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

/** Waits until the maintained tables equal the reference views, checking cheap row counts first. */
final class CatchUp {

    private CatchUp() {}

    /** Returns the seconds it took, or -1 when the tables were not equal within {@code within}. */
    static double await(DbConfig config, Duration within) throws Exception {
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        Verifier verifier = new Verifier(config);
        while (System.nanoTime() < deadline) {
            if (countsMatch(config) && verifier.compare(0).equal()) {
                return (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(250);
        }
        return -1;
    }

    private static boolean countsMatch(DbConfig config) throws Exception {
        try (Connection c = config.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT (SELECT count(*) FROM issues) = (SELECT count(*) FROM issue_stats) "
                        + "AND (SELECT count(*) FROM sprints) = (SELECT count(*) FROM sprint_stats)")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
