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

    /**
     * Parses {@code host:port}; null for a blank endpoint; Kafka Streams' {@link ConfigException} for a blank host, a
     * port that is not a number, or no port.
     */
    public static HostInfo buildFromEndpoint(String endPoint) {
        if (Utils.isBlank(endPoint)) return null;
        String host = Utils.getHost(endPoint);
        if (Utils.isBlank(host)) throw badEndpoint(endPoint);
        Integer port;
        try {
            port = Utils.getPort(endPoint);
        } catch (NumberFormatException e) {
            throw badEndpoint(endPoint);
        }
        if (port == null) throw badEndpoint(endPoint);
        return new HostInfo(host, port);
    }

    private static ConfigException badEndpoint(String endPoint) {
        return new ConfigException(String.format("Error parsing host address %s. Expected format host:port.", endPoint));
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
