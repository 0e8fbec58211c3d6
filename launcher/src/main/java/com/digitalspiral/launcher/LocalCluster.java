package com.digitalspiral.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * A Flink session cluster of separate JVMs on this machine: one JobManager and N TaskManagers started from Flink's
 * own entry points, as Flink's start scripts start them (flink-dist, which holds those scripts, is not served here).
 * Each process's memory flags come from Flink's own calculation over {@code deploy/flink/config.yaml}; pids and logs
 * live in {@code .spiral/cluster}. Starting is idempotent: only the parts not running are started.
 */
final class LocalCluster {

    /** Flink's entry points, as its scripts call them. */
    static final String JOB_MANAGER_MAIN = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASK_MANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";

    /**
     * One process of the cluster: its name (jobmanager, taskmanager-1, …), pid if running, where it logs, and the port
     * of its Prometheus endpoint.
     */
    record Part(String name, Optional<Long> pid, Path log, int metricsPort) {

        boolean running() {
            return pid.isPresent();
        }
    }

    private final Path configDir;
    private final Path home;
    private final int taskManagers;
    private final java.util.Map<String, String> overrides;
    private final String classpath;

    /**
     * @param configDir    the folder of Flink's config.yaml and log4j.properties
     * @param home         where pids, logs, checkpoints and savepoints go
     * @param taskManagers how many TaskManagers the cluster has
     */
    LocalCluster(Path configDir, Path home, int taskManagers) {
        this(configDir, home, taskManagers, java.util.Map.of(), System.getProperty("java.class.path"));
    }

    /**
     * @param overrides options set on every process over the config file's (ports for a test, for instance)
     * @param classpath the class path the cluster's is made from (this launcher's, or a test's)
     */
    LocalCluster(Path configDir, Path home, int taskManagers, java.util.Map<String, String> overrides, String classpath) {
        this.configDir = configDir.toAbsolutePath();
        this.home = home.toAbsolutePath();
        this.taskManagers = taskManagers;
        this.overrides = java.util.Map.copyOf(overrides);
        this.classpath = classpath;
    }

    Configuration configuration() {
        Configuration c = GlobalConfiguration.loadConfiguration(configDir.toString());
        overrides.forEach(c::setString);
        return c;
    }

    /** host:port of the JobManager's REST endpoint (what `spiral pipeline --jobmanager` takes). */
    String restAddress() {
        Configuration c = configuration();
        return c.get(RestOptions.ADDRESS, "localhost") + ":" + c.get(RestOptions.PORT);
    }

    Path checkpoints() {
        return home.resolve("checkpoints");
    }

    Path savepoints() {
        return home.resolve("savepoints");
    }

    List<String> names() {
        List<String> out = new ArrayList<>();
        out.add("jobmanager");
        for (int i = 1; i <= taskManagers; i++) {
            out.add("taskmanager-" + i);
        }
        return out;
    }

    /** Every part with its pid when its process is alive. */
    List<Part> parts() throws IOException {
        List<Part> out = new ArrayList<>();
        for (String name : names()) {
            out.add(new Part(name, alivePid(name), logOf(name), metricsPort(name)));
        }
        return out;
    }

    /**
     * The port of a part's Prometheus endpoint: the config file names a range (metrics.reporter.prom.port), and each
     * part takes its own place in it (the JobManager the first port, taskmanager-N the Nth after it), so a scrape
     * config can name them and `status` can show them.
     */
    int metricsPort(String name) {
        String range = configuration().getString("metrics.reporter.prom.port", "9249");
        int first = Integer.parseInt(range.split("-")[0].trim());
        return first + names().indexOf(name);
    }

    /** Starts the parts that are not running; returns the names started. */
    List<String> start() throws IOException {
        Files.createDirectories(home.resolve("logs"));
        Files.createDirectories(checkpoints());
        Files.createDirectories(savepoints());
        List<String> started = new ArrayList<>();
        for (Part p : parts()) {
            if (!p.running()) {
                spawn(p.name());
                started.add(p.name());
            }
        }
        return started;
    }

    /** Stops every running part: SIGTERM, and SIGKILL for one still alive after {@code grace}. */
    List<String> stop(Duration grace) throws IOException {
        List<String> stopped = new ArrayList<>();
        for (Part p : parts()) {
            if (p.pid().isPresent()) {
                ProcessHandle.of(p.pid().get()).ifPresent(h -> {
                    h.destroy();
                    try {
                        h.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                    } catch (Exception slow) {
                        h.destroyForcibly();
                    }
                });
                stopped.add(p.name());
            }
            Files.deleteIfExists(pidFile(p.name()));
        }
        return stopped;
    }

    /** The TaskManagers registered with the JobManager, and their slots. */
    record Registered(int taskManagers, int slots, int freeSlots) {}

    /**
     * Waits until the JobManager answers and at least {@code taskManagersExpected} TaskManagers have registered;
     * what it lists then, or empty when the deadline passed first.
     */
    Optional<Registered> awaitReady(int taskManagersExpected, Duration deadline) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long until = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < until) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + restAddress() + "/taskmanagers"))
                        .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    Registered now = registered(r.body());
                    if (now.taskManagers() >= taskManagersExpected) {
                        return Optional.of(now);
                    }
                }
            } catch (IOException notYet) {
                // the JobManager is still starting
            }
            Thread.sleep(500);
        }
        return Optional.empty();
    }

    private static Registered registered(String body) throws IOException {
        JsonNode tms = new ObjectMapper().readTree(body).path("taskmanagers");
        int slots = 0;
        int free = 0;
        for (JsonNode tm : tms) {
            slots += tm.path("slotsNumber").asInt();
            free += tm.path("freeSlots").asInt();
        }
        return new Registered(tms.size(), slots, free);
    }

    private void spawn(String name) throws IOException {
        Configuration conf = configuration();
        boolean jobManager = name.equals("jobmanager");
        List<String> jvm;
        List<String> dynamic;
        if (jobManager) {
            JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfigWithNewOptionToInterpretLegacyHeap(
                    conf, JobManagerOptions.JVM_HEAP_MEMORY);
            jvm = split(JobManagerProcessUtils.generateJvmParametersStr(spec, conf));
            dynamic = split(JobManagerProcessUtils.generateDynamicConfigsStr(spec));
        } else {
            Configuration tm = TaskExecutorProcessUtils.getConfigurationMapLegacyTaskManagerHeapSizeToConfigOption(
                    conf, TaskManagerOptions.TOTAL_FLINK_MEMORY);
            TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(tm);
            jvm = split(ProcessMemoryUtils.generateJvmParametersStr(spec));
            dynamic = split(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec));
        }
        List<String> cmd = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            cmd.add("/usr/bin/setsid"); // its own session: a Ctrl-C in the terminal that started it does not reach it
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.add("-Dlog.file=" + logOf(name));
        cmd.add("-Dlog4j.configurationFile=" + configDir.resolve("log4j.properties").toUri());
        cmd.add("-cp");
        cmd.add(flinkClasspath(classpath));
        cmd.add(jobManager ? JOB_MANAGER_MAIN : TASK_MANAGER_MAIN);
        cmd.add("--configDir");
        cmd.add(configDir.toString());
        if (jobManager) {
            cmd.add("--executionMode");
            cmd.add("cluster");
        }
        cmd.addAll(dynamic);
        List<String> options = new ArrayList<>(List.of("state.checkpoints.dir=" + checkpoints().toUri(),
                "state.savepoints.dir=" + savepoints().toUri()));
        overrides.forEach((k, v) -> options.add(k + "=" + v));
        options.add("metrics.reporter.prom.port=" + metricsPort(name));
        for (String option : options) {
            cmd.add("-D");
            cmd.add(option);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(home.resolve("logs").resolve(name + ".out").toFile()).start();
        Files.writeString(pidFile(name), Long.toString(p.pid()));
    }

    /**
     * Flink's runtime and the connectors the job reads with, as flink/lib would hold them: the given class path
     * without the project's classes, which arrive in the job jar.
     */
    static String flinkClasspath(String classpath) {
        return Arrays.stream(classpath.split(File.pathSeparator))
                .filter(e -> !e.endsWith("classes") && !e.contains("/com/digitalspiral/") && !e.contains("spiral-"))
                .reduce((a, b) -> a + File.pathSeparator + b).orElse("");
    }

    private static List<String> split(String flags) {
        List<String> out = new ArrayList<>();
        for (String f : flags.trim().split("\\s+")) {
            if (!f.isEmpty()) {
                out.add(f);
            }
        }
        return out;
    }

    private Optional<Long> alivePid(String name) throws IOException {
        Path file = pidFile(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(file).trim());
        } catch (NumberFormatException garbled) {
            return Optional.empty();
        }
        // a pid is reused after its process ended: only one running Flink's entry point counts
        String main = name.equals("jobmanager") ? JOB_MANAGER_MAIN : TASK_MANAGER_MAIN;
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> runs(h, main)).map(ProcessHandle::pid);
    }

    /** Whether the process runs {@code main}: its /proc command line (the JDK's ProcessHandle.Info gives up on long ones). */
    private static boolean runs(ProcessHandle h, String main) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(h.pid()), "cmdline"),
                    java.nio.charset.StandardCharsets.ISO_8859_1).contains(main);
        } catch (IOException | RuntimeException notLinux) {
            return h.info().commandLine().map(c -> c.contains(main)).orElse(false);
        }
    }

    private Path pidFile(String name) {
        return home.resolve(name + ".pid");
    }

    Path logOf(String name) {
        return home.resolve("logs").resolve(name + ".log");
    }
}
