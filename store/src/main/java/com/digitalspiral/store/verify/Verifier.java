package com.digitalspiral.store.verify;

import com.digitalspiral.store.DbConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Compares sprint_stats and issue_stats with the batch reference views (sql/migrations/V3). */
public final class Verifier {

    /** One row that differs: which table, which key, and which columns (or that it is missing/extra). */
    public record Difference(String table, String key, String differs) {
        @Override
        public String toString() {
            return table + " " + key + ": " + differs;
        }
    }

    /** What a comparison found; {@code total} counts every differing row, {@code shown} at most the limit. */
    public record Report(long sprintRows, long issueRows, long total, List<Difference> shown) {
        public boolean equal() {
            return total == 0;
        }
    }

    private final DbConfig config;

    public Verifier(DbConfig config) {
        this.config = config;
    }

    /**
     * Compares every half second until the tables are equal or the time is up; returns the last report (shows at
     * most 10 differences). For tests and benches that wait for a pipeline to catch up.
     */
    public Report awaitEqual(java.time.Duration within) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Report r = compare(10);
        while (!r.equal() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            r = compare(10);
        }
        return r;
    }

    public Report compare(int limit) throws SQLException {
        try (Connection c = config.connect()) {
            c.setReadOnly(true);
            // one snapshot for all reads, so a concurrent writer cannot make us compare two moments
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                List<Difference> shown = new ArrayList<>();
                long total = collect(c, "sprint_stats", "SELECT sprint_id, differs FROM verify_sprint_stats_diff ORDER BY sprint_id", limit, shown);
                total += collect(c, "issue_stats", "SELECT issue_id, differs FROM verify_issue_stats_diff ORDER BY issue_id", limit, shown);
                return new Report(count(c, "sprint_stats"), count(c, "issue_stats"), total, shown);
            } finally {
                c.rollback();
            }
        }
    }

    private static long collect(Connection c, String table, String sql, int limit, List<Difference> into) throws SQLException {
        long n = 0;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                if (into.size() < limit) {
                    into.add(new Difference(table, rs.getString(1), rs.getString(2)));
                }
                n++;
            }
        }
        return n;
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
