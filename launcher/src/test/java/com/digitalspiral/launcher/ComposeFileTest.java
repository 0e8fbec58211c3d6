package com.digitalspiral.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot be run here (no Docker engine), so what can be checked without one is: the Flink cluster
 * it starts is the one `spiral cluster` runs (same config file, same Flink version, the Prometheus reporter), and its
 * Kafka Connect runs the Debezium generation the job is built and tested with.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..");
    /** Read as Compose reads it, anchors and aliases resolved (snakeyaml; Jackson's YAML reader leaves aliases as names). */
    private final JsonNode services = new ObjectMapper().valueToTree(new org.yaml.snakeyaml.Yaml().load(
            java.nio.file.Files.readString(ROOT.resolve("docker-compose.yml")))).path("services");

    ComposeFileTest() throws java.io.IOException {}

    @Test
    void theFlinkServicesRunTheJobsFlinkVersionOnTheRepositorysConfigFile() {
        String version = EnvironmentInformation.getVersion();
        for (String name : List.of("jobmanager", "taskmanager")) {
            JsonNode svc = services.path(name);
            assertThat(svc.path("image").asText()).as(name + " image").startsWith("flink:" + version + "-");
            assertThat(svc.path("volumes").toString()).as(name + " mounts deploy/flink").contains("./deploy/flink:/spiral/flink:ro");
            assertThat(svc.path("entrypoint").toString()).as(name + " copies the config in").contains("cp /spiral/flink/config.yaml /opt/flink/conf/");
            assertThat(svc.path("environment").path("ENABLE_BUILT_IN_PLUGINS").asText())
                    .isEqualTo("flink-metrics-prometheus-" + version + ".jar");
        }
    }

    @Test
    void theClusterItStartsIsTheRepositorysConfigWithThisNetworksAddresses() {
        JsonNode env = services.path("jobmanager").path("environment");
        Configuration conf = GlobalConfiguration.loadConfiguration(ROOT.resolve("deploy/flink").toString());
        conf.setString("jobmanager.rpc.address", env.path("JOB_MANAGER_RPC_ADDRESS").asText()); // as Flink's entry script does
        for (String line : env.path("FLINK_PROPERTIES").asText().split("\n")) {
            if (!line.isBlank()) {
                String[] kv = line.split(":", 2);
                conf.setString(kv[0].trim(), kv[1].trim());
            }
        }
        assertThat(conf.getString("jobmanager.rpc.address", "")).isEqualTo("jobmanager");
        assertThat(conf.getString("rest.bind-address", "")).isEqualTo("0.0.0.0");
        assertThat(conf.getString("metrics.reporter.prom.factory.class", "")).endsWith("PrometheusReporterFactory");
        assertThat(conf.getString("state.checkpoints.dir", "")).isEqualTo("file:///checkpoints");
        assertThat(conf.getString("classloader.resolve-order", "")).isEqualTo("parent-first");

        int slots = conf.getInteger("taskmanager.numberOfTaskSlots", 1) * services.path("taskmanager").path("deploy").path("replicas").asInt(1);
        for (String pipeline : List.of("pipeline", "pipeline-kafka")) {
            List<String> command = new ArrayList<>();
            services.path(pipeline).path("command").forEach(c -> command.add(c.asText()));
            int parallelism = Integer.parseInt(command.get(command.indexOf("--parallelism") + 1));
            assertThat(parallelism).as(pipeline + "'s parallelism fits the cluster's " + slots + " slots").isLessThanOrEqualTo(slots);
        }
    }

    @Test
    void kafkaConnectRunsTheDebeziumGenerationTheJobIsTestedWith() throws Exception {
        String embedded = io.debezium.connector.postgresql.Module.version(); // inside Flink CDC, what KafkaSourceIT feeds
        String generation = embedded.substring(0, embedded.indexOf('.', embedded.indexOf('.') + 1));
        assertThat(services.path("connect").path("image").asText()).isEqualTo("quay.io/debezium/connect:" + generation);

        JsonNode connector = new ObjectMapper().readTree(ROOT.resolve("deploy/debezium-postgres-connector.json").toFile()).path("config");
        List<String> command = new ArrayList<>();
        services.path("pipeline-kafka").path("command").forEach(c -> command.add(c.asText()));
        // Debezium 1.x names the topics after database.server.name (2.x renamed it topic.prefix)
        assertThat(connector.path("database.server.name").asText()).isEqualTo(command.get(command.indexOf("--topic-prefix") + 1));
        assertThat(connector.has("topic.prefix")).as("a 2.x option 1.9 would ignore").isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesServicesThatExistAndGrafanaHasTheDataSourcesItsDashboardsUse() throws Exception {
        assertThat(services.path("prometheus").path("volumes").toString()).contains("./deploy/prometheus:/etc/prometheus:ro");
        assertThat(services.path("prometheus").path("command").toString()).contains("/etc/prometheus/compose.yml");
        java.util.Map<String, Object> prometheus = new org.yaml.snakeyaml.Yaml().load(
                java.nio.file.Files.readString(ROOT.resolve("deploy/prometheus/compose.yml")));
        List<String> hosts = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("targets=\\[([^\\]]*)]|names=\\[([^\\]]*)]").matcher(prometheus.toString());
        while (m.find()) {
            for (String t : (m.group(1) != null ? m.group(1) : m.group(2)).split(",")) {
                hosts.add(t.trim().split(":")[0]);
            }
        }
        assertThat(hosts).contains("api", "jobmanager", "taskmanager", "alertmanager");
        for (String host : hosts) {
            assertThat(services.has(host)).as("a compose service named " + host).isTrue();
        }

        assertThat(services.path("grafana").path("volumes").toString())
                .contains("./deploy/grafana/provisioning:/etc/grafana/provisioning:ro", "./deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro");
        String datasources = java.nio.file.Files.readString(ROOT.resolve("deploy/grafana/provisioning/datasources/spiral.yml"));
        try (var files = java.nio.file.Files.list(ROOT.resolve("deploy/grafana/dashboards"))) {
            for (Path file : files.toList()) {
                JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
                for (JsonNode uid : dashboard.findValues("uid")) {
                    if (!uid.asText().equals(dashboard.path("uid").asText())) {
                        assertThat(datasources).as(file.getFileName() + " uses data source " + uid.asText()).contains("uid: " + uid.asText());
                    }
                }
            }
        }
    }
}
