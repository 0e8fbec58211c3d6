package com.digitalspiral.launcher;

import com.digitalspiral.pipeline.PipelineRunner;
import com.digitalspiral.pipeline.PipelineSettings;
import java.util.concurrent.Callable;
import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "pipeline", description = "Run the Flink job that keeps sprint_stats and issue_stats up to date; resumes from its last checkpoint.")
final class PipelineCommand implements Callable<Integer> {

    @Mixin
    DbOptions db;

    @Mixin
    PipelineOptions options;

    @Override
    public Integer call() throws Exception {
        PipelineSettings settings = options.prepare(db.prepare(System.out), System.out);
        if (settings == null) {
            return 2;
        }
        if (options.savepoint) {
            if (settings.jobManager() == null) {
                System.out.println("--savepoint stops a job on a cluster: give its --jobmanager host:port");
                return 2;
            }
            String path = com.digitalspiral.pipeline.ClusterJobs.stopWithSavepoint(settings.jobManager(), options.savepointDir,
                    java.time.Duration.ofMinutes(10));
            System.out.println("stopped with a savepoint: " + path);
            System.out.println("resume with: ./spiral pipeline --jobmanager " + settings.jobManager() + " --from-savepoint " + path);
            return 0;
        }
        JobClient job;
        try {
            var resume = options.fromSavepoint != null
                    ? PipelineRunner.planFromSavepoint(settings, savepointPath(options.fromSavepoint))
                    : PipelineRunner.plan(settings);
            System.out.println(resume.map(p -> "resuming from " + p)
                    .orElse("no checkpoint yet: starting with a snapshot of the Jira tables"));
            job = PipelineRunner.start(settings, resume);
        } catch (IllegalStateException e) {
            // a checkpoint this run must not resume (another state format, another database): say what to do
            System.out.println("cannot start: " + e.getMessage());
            return 2;
        }
        System.out.println("job " + job.getJobID() + " submitted"
                + (settings.jobManager() == null ? "; Flink dashboard: http://localhost:" + settings.webPort() : " to " + settings.jobManager()));
        if (settings.jobManager() != null) {
            return 0;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> job.cancel()));
        job.getJobExecutionResult().get();
        return 0;
    }

    /** A savepoint as Flink prints it (file:/…) or as a plain path. */
    static java.nio.file.Path savepointPath(String s) {
        return s.startsWith("file:") ? java.nio.file.Path.of(java.net.URI.create(s)) : java.nio.file.Path.of(s);
    }
}
