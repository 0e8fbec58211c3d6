package com.digitalspiral.pipeline.it;

import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;

/** A real Kafka broker in this JVM: Apache Kafka's own KRaft test kit, one combined broker and controller. */
final class KafkaBroker implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    KafkaBroker() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCoResident(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("auto.create.topics.enable", "false")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    String bootstrapServers() {
        return cluster.clientProperties().getProperty("bootstrap.servers");
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
