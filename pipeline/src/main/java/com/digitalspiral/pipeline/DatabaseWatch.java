package com.digitalspiral.pipeline;

import com.digitalspiral.store.DbConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * While the job restarts because its database does not answer, says so: which database, since when, and that
 * the job keeps trying by itself; then that it answers again. Checks every few seconds with short timeouts, on
 * a daemon thread that ends with the job.
 */
public final class DatabaseWatch {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseWatch.class);
    private static final long EVERY_MS = 5_000;
    private static final long REMIND_MS = 60_000;

    private final JobClient job;
    private final DbConfig db;
    private volatile long downSince = -1;

    private DatabaseWatch(JobClient job, DbConfig db) {
        this.job = job;
        this.db = db;
    }

    public static DatabaseWatch start(JobClient job, DbConfig db) {
        DatabaseWatch w = new DatabaseWatch(job, db);
        Thread t = new Thread(w::loop, "spiral-database-watch");
        t.setDaemon(true);
        t.start();
        return w;
    }

    /** True while the database does not answer. */
    public boolean waiting() {
        return downSince >= 0;
    }

    private void loop() {
        long reminded = 0;
        while (true) {
            try {
                if (job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
                    return;
                }
            } catch (Exception e) {
                return; // the cluster is gone with the job
            }
            String problem = problem();
            long now = System.currentTimeMillis();
            if (problem != null && downSince < 0) {
                downSince = now;
                reminded = now;
                LOG.warn("waiting for the database {} at {}:{} ({}): the job restarts by itself with growing delays, at most"
                        + " 30 s apart, and resumes from its last checkpoint when it answers", db.database(), db.host(), db.port(), problem);
            } else if (problem != null && now - reminded >= REMIND_MS) {
                reminded = now;
                LOG.warn("still waiting for the database {} at {}:{}, for {} s now ({})", db.database(), db.host(), db.port(),
                        (now - downSince) / 1000, problem);
            } else if (problem == null && downSince >= 0) {
                LOG.info("the database {} answers again after {} s; the job resumes from its last checkpoint", db.database(),
                        (now - downSince) / 1000);
                downSince = -1;
            }
            try {
                Thread.sleep(EVERY_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Null when the database answers, else why not. */
    private String problem() {
        Properties p = new Properties();
        p.setProperty("user", db.user());
        if (db.password() != null) {
            p.setProperty("password", db.password());
        }
        p.setProperty("connectTimeout", "3");
        p.setProperty("socketTimeout", "3");
        p.setProperty("loginTimeout", "3");
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), p)) {
            return c.isValid(3) ? null : "it does not answer a query";
        } catch (Exception e) {
            return e.getMessage();
        }
    }
}
