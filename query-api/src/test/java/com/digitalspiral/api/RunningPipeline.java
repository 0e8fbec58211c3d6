package com.digitalspiral.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.digitalspiral.pipeline.PipelineRunner;
import com.digitalspiral.pipeline.PipelineSettings;
import com.digitalspiral.store.DbConfig;
import com.digitalspiral.store.ScratchDatabase;
import com.digitalspiral.store.demo.DemoGenerator;
import com.digitalspiral.store.verify.Verifier;
import java.nio.file.Files;
import org.apache.flink.core.execution.JobClient;

/**
 * A scratch database with demo data and the Flink job maintaining its figures, bootstrapped (the maintained
 * tables equal the reference views): for tests of the whole path from a source change to what a user sees.
 */
final class RunningPipeline implements AutoCloseable {

    private final ScratchDatabase db;
    private final PipelineSettings settings;
    private JobClient job;
    private boolean running = true;

    RunningPipeline(String name, long seed, int tenants, int issues) throws Exception {
        this(name, seed, tenants, issues, com.digitalspiral.store.embed.EmbeddingConfig.OFF);
    }

    /** With {@code embeddings} on, also waits until every issue has its vector. */
    RunningPipeline(String name, long seed, int tenants, int issues, com.digitalspiral.store.embed.EmbeddingConfig embeddings)
            throws Exception {
        this.db = new ScratchDatabase(name);
        new DemoGenerator(db.config()).generate(new DemoGenerator.Options(seed, tenants, issues), n -> { });
        this.settings = PipelineSettings.defaults(db.config()).withSlot("it_" + db.uniqueName())
                .withCheckpointDir(Files.createTempDirectory("spiral-" + name + "-chk")).withWebPort(0).withParallelism(2)
                .withCheckpointInterval(2000).withEmbeddings(embeddings).withMetricsPorts(Integer.toString(freePort()));
        this.job = PipelineRunner.start(settings);
        long deadline = System.currentTimeMillis() + 120_000;
        assertThat(new Verifier(db.config()).awaitEqual(java.time.Duration.ofSeconds(120)).equal()).as("pipeline bootstrapped").isTrue();
        while (embedded() < issues && System.currentTimeMillis() < deadline + 120_000) {
            Thread.sleep(500);
        }
        assertThat(embedded()).as("every issue has its row in issue_embeddings").isEqualTo(issues);
    }

    private long embedded() throws Exception {
        try (var c = db.config().connect(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM issue_embeddings WHERE NOT deleted")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    DbConfig config() {
        return db.config();
    }

    /** The port of the job's Prometheus endpoint (a free one, chosen at the start). */
    int metricsPort() {
        return Integer.parseInt(settings.metricsPorts());
    }

    /** Stops the job, as a pipeline that died or was stopped; {@link #start} resumes it from its checkpoint. */
    void stop() throws Exception {
        job.cancel().get();
        running = false;
        // the mini cluster closes its metrics endpoint after the job ended: until then a new one cannot take the port
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (!portFree(metricsPort()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private static boolean portFree(int port) {
        try (java.net.ServerSocket s = new java.net.ServerSocket(port)) {
            return true;
        } catch (java.io.IOException taken) {
            return false;
        }
    }

    void start() throws Exception {
        job = PipelineRunner.start(settings);
        running = true;
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (running) {
                job.cancel().get();
            }
        } finally {
            db.close();
            DemoData.forgetSearchIndex(db.config());
        }
    }
}
