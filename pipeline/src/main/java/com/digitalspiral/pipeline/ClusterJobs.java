package com.digitalspiral.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.SavepointFormatType;

/** The pipeline's job on a Flink cluster, through the JobManager's REST API: find it, stop it with a savepoint. */
public final class ClusterJobs {

    private ClusterJobs() {}

    /** The pipeline's jobs running on the cluster at {@code jobManager} (host:port): normally one. */
    public static List<JobID> running(String jobManager) throws Exception {
        try (RestClusterClient<StandaloneClusterId> client = client(jobManager)) {
            return client.listJobs().get(10, TimeUnit.SECONDS).stream()
                    .filter(j -> j.getJobName().equals(SprintMetricsJob.NAME) && j.getJobState() == JobStatus.RUNNING)
                    .map(org.apache.flink.runtime.client.JobStatusMessage::getJobId).toList();
        }
    }

    /**
     * Stops the pipeline's running job with a savepoint in {@code dir} (a folder the cluster can write) and returns
     * the savepoint's path, for {@code --from-savepoint}: an upgrade or a change of parallelism resumes from it.
     */
    public static String stopWithSavepoint(String jobManager, Path dir, Duration within) throws Exception {
        List<JobID> jobs = running(jobManager);
        if (jobs.size() != 1) {
            throw new IllegalStateException(jobs.isEmpty() ? "no pipeline job is running on " + jobManager
                    : jobs.size() + " pipeline jobs run on " + jobManager + " (" + jobs + "): stop the extra ones on the dashboard first");
        }
        try (RestClusterClient<StandaloneClusterId> client = client(jobManager)) {
            return client.stopWithSavepoint(jobs.get(0), false, dir.toAbsolutePath().toUri().toString(),
                    SavepointFormatType.CANONICAL).get(within.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static RestClusterClient<StandaloneClusterId> client(String jobManager) throws Exception {
        String[] hostPort = jobManager.split(":");
        if (hostPort.length != 2) {
            throw new IllegalArgumentException("--jobmanager must be host:port, got " + jobManager);
        }
        Configuration conf = new Configuration();
        conf.set(RestOptions.ADDRESS, hostPort[0]);
        conf.set(RestOptions.PORT, Integer.parseInt(hostPort[1]));
        // a cluster that does not answer is said in seconds, not after the client's default retries
        conf.set(RestOptions.RETRY_MAX_ATTEMPTS, 2);
        conf.set(RestOptions.AWAIT_LEADER_TIMEOUT, Duration.ofSeconds(10));
        return new RestClusterClient<>(conf, StandaloneClusterId.getInstance());
    }
}
