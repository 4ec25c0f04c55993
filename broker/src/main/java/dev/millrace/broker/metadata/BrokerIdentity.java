package dev.millrace.broker.metadata;

/** Who this broker is to clients: its node id, the address it advertises, and the cluster id. */
public record BrokerIdentity(int nodeId, String host, int port, String clusterId) {
}
