package dev.millrace.streams.processor.internals;

import dev.millrace.streams.processor.TaskId;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.UUID;

/**
 * What a stream thread tells the group leader in its subscription's user data: the client (process) it belongs to,
 * that client's {@code application.server} endpoint (empty if none), the tasks it ran as active and as standby
 * before this rebalance, and the tasks whose state its client has on disk (a checkpoint in the task directory).
 */
record SubscriptionInfo(UUID processId, String endpoint, Set<TaskId> prevActive, Set<TaskId> prevStandby, Set<TaskId> tasksOnDisk) {
    static final int VERSION = 1;

    ByteBuffer encode() {
        UserDataCodec.Writer w = new UserDataCodec.Writer();
        w.writeInt(VERSION);
        w.writeLong(processId.getMostSignificantBits());
        w.writeLong(processId.getLeastSignificantBits());
        w.writeString(endpoint);
        w.writeTasks(prevActive);
        w.writeTasks(prevStandby);
        w.writeTasks(tasksOnDisk);
        return w.toByteBuffer();
    }

    static SubscriptionInfo decode(ByteBuffer data) {
        UserDataCodec.Reader r = new UserDataCodec.Reader(data);
        int version = r.readInt();
        if (version != VERSION) throw new IllegalStateException("unknown streams subscription version " + version);
        UUID process = new UUID(r.readLong(), r.readLong());
        return new SubscriptionInfo(process, r.readString(), r.readTasks(), r.readTasks(), r.readTasks());
    }
}
