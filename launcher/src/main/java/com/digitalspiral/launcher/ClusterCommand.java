package com.digitalspiral.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "cluster", description = "A Flink session cluster of separate processes on this machine: one JobManager "
        + "(dashboard on :8081) and two TaskManagers.", subcommands = {ClusterCommand.Start.class,
        ClusterCommand.Stop.class, ClusterCommand.Status.class})
final class ClusterCommand implements Runnable {

    /** Where the cluster is described, and where it keeps pids, logs, checkpoints and savepoints. */
    static final class Where {
        @Option(names = "--config", defaultValue = "deploy/flink", description = "Flink's config folder (default: ${DEFAULT-VALUE})")
        Path config;

        @Option(names = "--home", defaultValue = ".spiral/cluster", description = "pids, logs, checkpoints, savepoints (default: ${DEFAULT-VALUE})")
        Path home;

        @Option(names = "--taskmanagers", defaultValue = "2", description = "TaskManagers (default: ${DEFAULT-VALUE})")
        int taskManagers;

        LocalCluster cluster() {
            if (taskManagers < 1 || taskManagers > 16) {
                throw new IllegalArgumentException("--taskmanagers must be 1..16");
            }
            return new LocalCluster(config, home, taskManagers);
        }
    }

    @Override
    public void run() {
        System.out.println("usage: spiral cluster start|stop|status");
    }

    @Command(name = "start", description = "Start whatever part of the cluster is not running, and wait until its slots are registered.")
    static final class Start implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Where where = new Where();

        @Override
        public Integer call() throws Exception {
            LocalCluster cluster = where.cluster();
            List<String> started = cluster.start();
            System.out.println(started.isEmpty() ? "cluster: every part was already running" : "cluster: started " + String.join(", ", started));
            if (cluster.awaitReady(where.taskManagers, Duration.ofSeconds(90)).isEmpty()) {
                System.err.println("cluster: the JobManager did not list " + where.taskManagers + " TaskManagers within 90 s; "
                        + "see the logs in " + where.home.resolve("logs"));
                return 1;
            }
            status(cluster);
            System.out.println("submit the pipeline with: ./spiral pipeline --jobmanager " + cluster.restAddress());
            return 0;
        }
    }

    @Command(name = "stop", description = "Stop every process of the cluster (SIGTERM, then SIGKILL after 20 s).")
    static final class Stop implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Where where = new Where();

        @Override
        public Integer call() throws Exception {
            List<String> stopped = where.cluster().stop(Duration.ofSeconds(20));
            System.out.println(stopped.isEmpty() ? "cluster: nothing was running" : "cluster: stopped " + String.join(", ", stopped));
            return 0;
        }
    }

    @Command(name = "status", description = "Each process of the cluster with its pid, its Prometheus port, the dashboard's address and the registered slots.")
    static final class Status implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Where where = new Where();

        @Override
        public Integer call() throws Exception {
            return status(where.cluster()) ? 0 : 3;
        }
    }

    /** What a TaskManager's endpoint says of the job: its sinks' freshness lag and the dead letters counted. */
    static String jobFigures(LocalCluster.Part p) {
        if (p.name().equals("jobmanager")) {
            return "";
        }
        try {
            var samples = com.digitalspiral.pipeline.MetricsScrape.scrape("localhost", p.metricsPort());
            var lag = com.digitalspiral.pipeline.MetricsScrape.named(samples, "_sink_freshnessLagMs").stream()
                    .filter(x -> x.label("sink").endsWith("_stats")).mapToDouble(com.digitalspiral.pipeline.MetricsScrape.Sample::value).max();
            double dead = com.digitalspiral.pipeline.MetricsScrape.named(samples, "_deadLetters").stream()
                    .mapToDouble(com.digitalspiral.pipeline.MetricsScrape.Sample::value).sum();
            return lag.isPresent() ? String.format("lag %.0f ms, %.0f dead letters", lag.getAsDouble(), dead) : "no job tasks here";
        } catch (java.io.IOException e) {
            return "metrics not answering";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Prints the parts; true when all of them run. */
    static boolean status(LocalCluster cluster) throws Exception {
        boolean all = true;
        for (LocalCluster.Part p : cluster.parts()) {
            all &= p.running();
            System.out.printf("%-14s %-9s %-10s metrics :%-5d %-44s %s%n", p.name(), p.running() ? "running" : "stopped",
                    p.pid().map(pid -> "pid " + pid).orElse(""), p.metricsPort(), p.running() ? jobFigures(p) : "", p.log());
        }
        var registered = cluster.awaitReady(0, Duration.ofSeconds(2));
        if (registered.isEmpty()) {
            System.out.println("dashboard: http://" + cluster.restAddress() + " (not answering)");
            return false;
        }
        System.out.printf("dashboard: http://%s  TaskManagers registered: %d, slots: %d (%d free)%n", cluster.restAddress(),
                registered.get().taskManagers(), registered.get().slots(), registered.get().freeSlots());
        return all;
    }
}
