package dev.millrace.streams.processor.internals;

import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.HostInfo;
import org.apache.kafka.common.TopicPartition;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the group leader tells each stream thread besides its partitions (its active tasks): the standby tasks it
 * keeps, and for every client with an {@code application.server} endpoint the source partitions of its active and
 * its standby tasks, from which each instance answers where a key lives.
 */
record AssignmentInfo(Set<TaskId> standbyTasks, Map<HostInfo, Set<TopicPartition>> activeByHost,
                      Map<HostInfo, Set<TopicPartition>> standbyByHost) {
    static final int VERSION = 1;

    ByteBuffer encode() {
        UserDataCodec.Writer w = new UserDataCodec.Writer();
        w.writeInt(VERSION);
        w.writeTasks(standbyTasks);
        writeHosts(w, activeByHost);
        writeHosts(w, standbyByHost);
        return w.toByteBuffer();
    }

    private static void writeHosts(UserDataCodec.Writer w, Map<HostInfo, Set<TopicPartition>> hosts) {
        w.writeInt(hosts.size());
        for (Map.Entry<HostInfo, Set<TopicPartition>> e : hosts.entrySet()) {
            w.writeString(e.getKey().host());
            w.writeInt(e.getKey().port());
            w.writePartitions(e.getValue());
        }
    }

    static AssignmentInfo decode(ByteBuffer data) {
        if (data == null || !data.hasRemaining()) return new AssignmentInfo(Set.of(), Map.of(), Map.of());
        UserDataCodec.Reader r = new UserDataCodec.Reader(data);
        int version = r.readInt();
        if (version != VERSION) throw new IllegalStateException("unknown streams assignment version " + version);
        return new AssignmentInfo(r.readTasks(), readHosts(r), readHosts(r));
    }

    private static Map<HostInfo, Set<TopicPartition>> readHosts(UserDataCodec.Reader r) {
        Map<HostInfo, Set<TopicPartition>> out = new HashMap<>();
        for (int i = 0, n = r.readInt(); i < n; i++) out.put(new HostInfo(r.readString(), r.readInt()), r.readPartitions());
        return out;
    }
}
