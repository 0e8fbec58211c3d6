package com.digitalspiral.pipeline;

import com.digitalspiral.store.DbConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;

/**
 * Runs the pipeline with production parts until it is stopped. Database from SPIRAL_* variables; options
 * {@code --slot NAME --checkpoints DIR --web-port N --parallelism N --checkpoint-interval-ms N}.
 * `./spiral pipeline` is the friendlier way in; this entry point is what a separate process (or a
 * restart test) runs.
 */
public final class PipelineMain {

    private PipelineMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        PipelineSettings s = PipelineSettings.defaults(DbConfig.fromEnv());
        if (opts.containsKey("slot")) {
            s = s.withSlot(opts.get("slot"));
        }
        if (opts.containsKey("checkpoints")) {
            s = s.withCheckpointDir(Path.of(opts.get("checkpoints")));
        }
        if (opts.containsKey("web-port")) {
            s = s.withWebPort(Integer.parseInt(opts.get("web-port")));
        }
        if (opts.containsKey("parallelism")) {
            s = s.withParallelism(Integer.parseInt(opts.get("parallelism")));
        }
        if (opts.containsKey("checkpoint-interval-ms")) {
            s = s.withCheckpointInterval(Long.parseLong(opts.get("checkpoint-interval-ms")));
        }
        var resume = PipelineRunner.plan(s);
        System.out.println(resume.map(p -> "resuming from " + p).orElse("no checkpoint: starting with a snapshot"));
        JobClient job = PipelineRunner.start(s, resume);
        System.out.println("job " + job.getJobID() + " running");
        job.getJobExecutionResult().get();
    }
}
