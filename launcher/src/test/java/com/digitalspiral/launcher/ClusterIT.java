package com.digitalspiral.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.digitalspiral.pipeline.ClusterJobs;
import com.digitalspiral.pipeline.MetricsScrape;
import com.digitalspiral.pipeline.PipelineRunner;
import com.digitalspiral.pipeline.PipelineSettings;
import com.digitalspiral.store.ScratchDatabase;
import com.digitalspiral.store.demo.ChangeMaker;
import com.digitalspiral.store.demo.DemoGenerator;
import com.digitalspiral.store.embed.EmbeddingConfig;
import com.digitalspiral.store.verify.Verifier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;

/**
 * The job on a Flink session cluster of separate processes (one JobManager, two TaskManagers, started as `spiral
 * cluster start` starts them): at parallelism 4 it is spread over both TaskManagers; kill -9 of one in the middle of a
 * stream of changes; `start` brings a TaskManager back; the job recovers from its last checkpoint by itself and the
 * tables equal the reference views. The JobManager killed and started again, the job submitted again from its
 * latest checkpoint: equal. Then an upgrade: stop with a savepoint, resume from it at parallelism 2, more changes,
 * equal again. Throughout, each process's Prometheus endpoint is read: the freshness lag rises with the TaskManager
 * down and falls after the recovery.
 */
class ClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The test's class path itself (java.class.path is only the test runner's manifest jar). */
    private static final String CLASSPATH = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** The JobManager's REST port for this test (a free one, so a cluster someone runs on :8081 is not touched). */
    private int rest;

    @Test
    void aJobOnTwoTaskManagersRecoversFromKilledProcessesAndResumesFromASavepointAtAnotherParallelism() throws Exception {
        Path home = Files.createTempDirectory("spiral-cluster");
        rest = freePort();
        int metrics = freePorts(3);
        LocalCluster cluster = new LocalCluster(Path.of("..", "deploy", "flink"), home, 2,
                Map.of("rest.port", Integer.toString(rest), "jobmanager.rpc.port", Integer.toString(freePort()),
                        "metrics.reporter.prom.port", metrics + "-" + (metrics + 2)), CLASSPATH);
        JobClient job = null;
        long killedAt = 0;
        LagWatch lag = new LagWatch(cluster);
        try (ScratchDatabase db = new ScratchDatabase("cluster")) {
            new DemoGenerator(db.config()).generate(
                    new DemoGenerator.Options(8, 2, 2000, Instant.parse("2026-11-16T00:00:00Z")), n -> {});
            assertThat(cluster.start()).containsExactly("jobmanager", "taskmanager-1", "taskmanager-2");
            assertThat(cluster.awaitReady(2, Duration.ofSeconds(90))).as("two TaskManagers registered").isPresent();
            assertThat(cluster.start()).as("start is idempotent").isEmpty();

            PipelineSettings settings = PipelineSettings.defaults(db.config()).withSlot("it_" + db.uniqueName())
                    .withCheckpointDir(home.resolve("job-checkpoints")).withCheckpointInterval(1000).withParallelism(4)
                    .withEmbeddings(EmbeddingConfig.OFF)
                    .withJobManager("localhost:" + rest, thinJobJar(home.resolve("job.jar")));
            try (JarFile jar = new JarFile(settings.jobJar().toFile())) {
                assertThat(jar.getEntry("com/digitalspiral/pipeline/SprintMetricsJob.class")).as("the job's classes are in its jar").isNotNull();
            }
            assertThat(LocalCluster.flinkClasspath(CLASSPATH)).as("and not on the cluster's class path").doesNotContain("spiral-pipeline")
                    .doesNotContain("pipeline/target/classes");
            job = PipelineRunner.start(settings);
            String id = job.getJobID().toHexString();
            assertThat(awaitEqual(db, Duration.ofSeconds(180)).shown()).as("after the snapshot").isEmpty();
            for (JsonNode tm : get("/taskmanagers").path("taskmanagers")) {
                assertThat(tm.path("freeSlots").asInt()).as("the job's subtasks are on both TaskManagers").isZero();
            }

            lag.start();
            try (ChangeMaker changes = new ChangeMaker(db.config(), 31)) {
                for (int i = 0; i < 400; i++) {
                    changes.next();
                }
                long completed = completedCheckpoints(id);
                awaitCheckpointAfter(id, completed);
                assertEndpointsShowTheJob(cluster, db);
                for (int i = 0; i < 300; i++) {
                    changes.next(); // mid-stream: the job is still working through these when the TaskManager dies
                }
                long pid = cluster.parts().get(1).pid().orElseThrow();
                killedAt = System.nanoTime();
                ProcessHandle.of(pid).orElseThrow().destroyForcibly();
                ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
                assertThat(cluster.parts().get(1).running()).isFalse();
                for (int i = 0; i < 400; i++) {
                    changes.next();
                }
            }
            long restartedAt = System.nanoTime();
            assertThat(cluster.start()).containsExactly("taskmanager-1");
            Verifier.Report after = awaitEqual(db, Duration.ofSeconds(180));
            System.out.printf("ClusterIT: TaskManager killed; started again %.1f s later; equal %.1f s after the restart "
                    + "(the changes made meanwhile included)%n", (restartedAt - killedAt) / 1e9, (System.nanoTime() - restartedAt) / 1e9);
            assertThat(after.shown()).as("after the TaskManager came back").isEmpty();
            // what Prometheus sees: the rows written after the recovery carry the outage in their lag; a few seconds of
            // ordinary changes later (past the lag's 10 s window) it is back under a second or two
            double peak = lag.maxSince(killedAt);
            try (ChangeMaker changes = new ChangeMaker(db.config(), 34)) {
                long until = System.nanoTime() + Duration.ofSeconds(13).toNanos();
                while (System.nanoTime() < until) {
                    changes.next();
                    Thread.sleep(40);
                }
            }
            double settled = lag.maxSince(System.nanoTime() - Duration.ofSeconds(2).toNanos());
            System.out.printf("ClusterIT: freshness lag on the Prometheus endpoints: %.0f ms at its peak after the kill, "
                    + "%.0f ms once recovered (before the kill: %.0f ms)%n", peak, settled, lag.maxBetween(0, killedAt));
            assertThat(peak).as("the lag rose with the TaskManager down (ms)").isGreaterThanOrEqualTo(5_000);
            assertThat(settled).as("and fell after the recovery (ms; -1: no endpoint answered)").isBetween(0.0, 3_000.0).isLessThan(peak / 2);
            JsonNode restored = get("/jobs/" + id + "/checkpoints").path("latest").path("restored");
            assertThat(restored.path("is_savepoint").asBoolean(true)).as("recovered from a checkpoint: " + restored).isFalse();
            assertThat(get("/jobs/" + id).path("state").asText()).isEqualTo("RUNNING");

            // the JobManager killed: the job dies with it (no high availability); started again, the TaskManagers
            // register with it, and the job is submitted again from its latest checkpoint
            long jm = cluster.parts().get(0).pid().orElseThrow();
            ProcessHandle.of(jm).orElseThrow().destroyForcibly();
            ProcessHandle.of(jm).ifPresent(h -> h.onExit().join());
            try (ChangeMaker changes = new ChangeMaker(db.config(), 33)) {
                for (int i = 0; i < 300; i++) {
                    changes.next();
                }
            }
            assertThat(cluster.start()).containsExactly("jobmanager");
            assertThat(cluster.awaitReady(2, Duration.ofSeconds(90))).as("both TaskManagers registered again").isPresent();
            var latest = PipelineRunner.plan(settings);
            assertThat(latest).as("a checkpoint to resume from").isPresent();
            job = PipelineRunner.start(settings, latest);
            id = job.getJobID().toHexString();
            assertThat(awaitEqual(db, Duration.ofSeconds(180)).shown()).as("resubmitted after the JobManager's restart").isEmpty();
            // the old JobManager's tasks hold the slot until the TaskManagers notice it died; the job submitted again
            // restarts until then, and has taken over once it completes a checkpoint
            awaitCheckpointAfter(id, 0);
            assertThat(get("/jobs/" + id + "/checkpoints").path("latest").path("restored").path("external_path").asText())
                    .as("restored from the checkpoint found").endsWith(latest.get().getParent().getFileName() + "/" + latest.get().getFileName());

            // an upgrade: stop with a savepoint, resume at parallelism 2 from it (rescaling), more changes
            String savepoint = ClusterJobs.stopWithSavepoint("localhost:" + rest, home.resolve("savepoints"), Duration.ofMinutes(2));
            assertThat(awaitState(id, "FINISHED", Duration.ofSeconds(30))).as("the job stopped after its savepoint").isEqualTo("FINISHED");
            PipelineSettings two = settings.withParallelism(2);
            job = PipelineRunner.start(two, PipelineRunner.planFromSavepoint(two, PipelineCommand.savepointPath(savepoint)));
            String rescaled = job.getJobID().toHexString();
            try (ChangeMaker changes = new ChangeMaker(db.config(), 32)) {
                for (int i = 0; i < 500; i++) {
                    changes.next();
                }
            }
            assertThat(awaitEqual(db, Duration.ofSeconds(180)).shown()).as("resumed from the savepoint at parallelism 2").isEmpty();
            JsonNode resumed = get("/jobs/" + rescaled);
            int widest = 0;
            for (JsonNode v : resumed.path("vertices")) {
                widest = Math.max(widest, v.path("parallelism").asInt());
            }
            assertThat(widest).as("the resumed job's parallelism").isEqualTo(2);
            assertThat(get("/jobs/" + rescaled + "/checkpoints").path("latest").path("restored").path("is_savepoint").asBoolean())
                    .as("restored from the savepoint").isTrue();
        } finally {
            if (job != null) {
                try {
                    job.cancel().get();
                } catch (Exception alreadyGone) {
                    // the cluster is stopped below either way
                }
            }
            lag.close();
            cluster.stop(Duration.ofSeconds(20));
        }
    }

    /**
     * Every process serves its metrics on its own port: each TaskManager the freshness lag and batches of its two sink
     * subtasks and the dead letters counted (none, as in the table), the JobManager Flink's checkpoint figures.
     */
    private static void assertEndpointsShowTheJob(LocalCluster cluster, ScratchDatabase db) throws Exception {
        int lagSeries = 0;
        double deadLetters = 0;
        for (LocalCluster.Part p : cluster.parts()) {
            List<MetricsScrape.Sample> samples = MetricsScrape.scrape("localhost", p.metricsPort());
            if (p.name().equals("jobmanager")) {
                assertThat(MetricsScrape.named(samples, "flink_jobmanager_job_lastCheckpointDuration")).as("checkpoint duration").isNotEmpty();
                continue;
            }
            List<MetricsScrape.Sample> lags = MetricsScrape.named(samples, "_sink_freshnessLagMs").stream()
                    .filter(x -> x.label("sink").endsWith("_stats")).toList();
            assertThat(lags).as(p.name() + ": the freshness lag of its sprint_stats and issue_stats subtasks").hasSize(4);
            lagSeries += lags.size();
            assertThat(MetricsScrape.named(samples, "_sink_batches")).as(p.name() + ": sink batches").isNotEmpty();
            List<MetricsScrape.Sample> dead = MetricsScrape.named(samples, "_deadLetters");
            assertThat(dead).as(p.name() + ": dead letters, one per decoder subtask").isNotEmpty();
            deadLetters += dead.stream().mapToDouble(MetricsScrape.Sample::value).sum();
        }
        assertThat(lagSeries).as("one lag per sink subtask at parallelism 4").isEqualTo(8);
        try (java.sql.Connection c = db.config().connect(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM pipeline_dead_letters")) {
            rs.next();
            assertThat(deadLetters).as("dead letters counted = rows in pipeline_dead_letters").isEqualTo(rs.getLong(1));
        }
    }

    /** Scrapes every process of the cluster twice a second and keeps the largest freshness lag of the stats sinks. */
    private static final class LagWatch implements AutoCloseable {

        private final LocalCluster cluster;
        private final List<long[]> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        private final Thread thread;
        private volatile boolean stop;

        LagWatch(LocalCluster cluster) {
            this.cluster = cluster;
            this.thread = new Thread(this::run, "lag-watch");
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void run() {
            while (!stop) {
                long max = -1;
                try {
                    for (LocalCluster.Part p : cluster.parts()) {
                        try {
                            for (MetricsScrape.Sample x : MetricsScrape.named(MetricsScrape.scrape("localhost", p.metricsPort()), "_sink_freshnessLagMs")) {
                                if (x.label("sink").endsWith("_stats")) {
                                    max = Math.max(max, (long) x.value());
                                }
                            }
                        } catch (IOException down) {
                            // a killed process answers nothing
                        }
                    }
                    if (max >= 0) {
                        seen.add(new long[] {System.nanoTime(), max});
                    }
                    Thread.sleep(500);
                } catch (InterruptedException | IOException e) {
                    return;
                }
            }
        }

        double maxSince(long nanos) {
            return maxBetween(nanos, Long.MAX_VALUE);
        }

        double maxBetween(long from, long to) {
            synchronized (seen) {
                return seen.stream().filter(x -> x[0] >= from && x[0] < to).mapToLong(x -> x[1]).max().orElse(-1);
            }
        }

        @Override
        public void close() {
            stop = true;
        }
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + rest + path))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private String awaitState(String id, String wanted, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        String state = get("/jobs/" + id).path("state").asText();
        while (!state.equals(wanted) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            state = get("/jobs/" + id).path("state").asText();
        }
        return state;
    }

    private long completedCheckpoints(String id) throws Exception {
        return get("/jobs/" + id + "/checkpoints").path("counts").path("completed").asLong();
    }

    private void awaitCheckpointAfter(String id, long completed) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (completedCheckpoints(id) <= completed && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(completedCheckpoints(id)).as("a checkpoint after the first changes").isGreaterThan(completed);
    }

    private static Verifier.Report awaitEqual(ScratchDatabase db, Duration within) throws Exception {
        return new Verifier(db.config()).awaitEqual(within);
    }

    /** The first of {@code n} consecutive ports that are free now. */
    private static int freePorts(int n) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = 20_000 + new java.util.Random().nextInt(20_000);
            boolean free = true;
            for (int p = first; p < first + n && free; p++) {
                try (ServerSocket s = new ServerSocket(p)) {
                    s.setReuseAddress(true);
                } catch (IOException taken) {
                    free = false;
                }
            }
            if (free) {
                return first;
            }
        }
        throw new IOException("no " + n + " consecutive free ports");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * The job's own classes (pipeline and store) in one jar: the local cluster already has Flink and the connectors
     * on its classpath, as flink/lib would, so the 240 MB jar of `-Pcluster` is not needed to run the job here.
     */
    static Path thinJobJar(Path out) throws IOException {
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(out))) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String entry : CLASSPATH.split(File.pathSeparator)) {
                boolean ours = entry.contains("spiral-pipeline") || entry.contains("spiral-store")
                        || entry.endsWith("pipeline/target/classes") || entry.endsWith("store/target/classes");
                if (!ours || entry.contains("tests") || entry.endsWith("test-classes")) {
                    continue;
                }
                Path p = Path.of(entry);
                if (Files.isDirectory(p)) {
                    try (var walk = Files.walk(p)) {
                        for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                            String name = p.relativize(f).toString().replace(File.separatorChar, '/');
                            if (seen.add(name)) {
                                jar.putNextEntry(new JarEntry(name));
                                Files.copy(f, jar);
                                jar.closeEntry();
                            }
                        }
                    }
                } else if (Files.isRegularFile(p)) {
                    try (JarFile in = new JarFile(p.toFile())) {
                        for (JarEntry e : java.util.Collections.list(in.entries())) {
                            if (!e.isDirectory() && !e.getName().startsWith("META-INF/") && seen.add(e.getName())) {
                                jar.putNextEntry(new JarEntry(e.getName()));
                                try (var is = in.getInputStream(e)) {
                                    is.transferTo(jar);
                                }
                                jar.closeEntry();
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
