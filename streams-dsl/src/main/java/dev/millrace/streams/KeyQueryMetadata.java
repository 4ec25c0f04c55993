package dev.millrace.streams;

import dev.millrace.streams.state.HostInfo;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;

/**
 * Where a key of a store lives: the instance running the active task of the key's partition, the instances keeping
 * standby replicas of it, and the partition. As Kafka Streams' class; {@link #NOT_AVAILABLE} before the first
 * assignment.
 */
public class KeyQueryMetadata {
    /** Before the first rebalance, or while no assignment is known. */
    public static final KeyQueryMetadata NOT_AVAILABLE = new KeyQueryMetadata(HostInfo.unavailable(), Collections.emptySet(), -1);

    private final HostInfo activeHost;
    private final Set<HostInfo> standbyHosts;
    private final int partition;

    public KeyQueryMetadata(HostInfo activeHost, Set<HostInfo> standbyHosts, int partition) {
        this.activeHost = activeHost;
        this.standbyHosts = standbyHosts;
        this.partition = partition;
    }

    public HostInfo activeHost() {
        return activeHost;
    }

    public Set<HostInfo> standbyHosts() {
        return standbyHosts;
    }

    public int partition() {
        return partition;
    }

    @Override
    public boolean equals(Object obj) {
        if (!(obj instanceof KeyQueryMetadata other)) return false;
        return Objects.equals(other.activeHost, activeHost) && Objects.equals(other.standbyHosts, standbyHosts)
                && other.partition == partition;
    }

    @Override
    public int hashCode() {
        return Objects.hash(activeHost, standbyHosts, partition);
    }

    @Override
    public String toString() {
        return "KeyQueryMetadata {activeHost=" + activeHost + ", standbyHosts=" + standbyHosts + ", partition=" + partition + '}';
    }
}
