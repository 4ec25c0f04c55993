package dev.millrace.streams.state;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Utils;

/**
 * An instance's {@code application.server} endpoint, as Kafka Streams' class: what the assignment tells every
 * instance about the others, so a query can be routed to the instance holding a key.
 */
public class HostInfo {
    private final String host;
    private final int port;

    public HostInfo(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Parses {@code host:port}; null for a blank endpoint; Kafka Streams' {@link ConfigException} otherwise. */
    public static HostInfo buildFromEndpoint(String endPoint) {
        if (endPoint == null || endPoint.isBlank()) return null;
        String host = Utils.getHost(endPoint);
        Integer port = Utils.getPort(endPoint);
        if (host == null || port == null) {
            throw new ConfigException(String.format("Error parsing host address %s. Expected format host:port.", endPoint));
        }
        return new HostInfo(host, port);
    }

    /** The sentinel for an unknown host (no assignment yet, or no instance configured an endpoint). */
    public static HostInfo unavailable() {
        return new HostInfo("unavailable", -1);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (o == null || getClass() != o.getClass()) return false;
        HostInfo other = (HostInfo) o;
        return port == other.port && host.equals(other.host);
    }

    @Override
    public int hashCode() {
        return 31 * host.hashCode() + port;
    }

    @Override
    public String toString() {
        return "HostInfo{host='" + host + "', port=" + port + '}';
    }
}
