package dev.millrace.streams.processor.internals;

import dev.millrace.streams.processor.TaskId;
import org.apache.kafka.common.TopicPartition;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/** The primitives the assignor's user data is written with: ints, longs, strings, task-id and partition sets. */
final class UserDataCodec {
    private UserDataCodec() {
    }

    static final class Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);

        void writeInt(int v) {
            try {
                out.writeInt(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void writeLong(long v) {
            try {
                out.writeLong(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void writeString(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            writeInt(b.length);
            bytes.write(b, 0, b.length);
        }

        void writeTasks(Set<TaskId> tasks) {
            writeInt(tasks.size());
            for (TaskId id : new TreeSet<>(tasks)) writeString(id.toString());
        }

        void writePartitions(Set<TopicPartition> partitions) {
            writeInt(partitions.size());
            for (TopicPartition tp : partitions) {
                writeString(tp.topic());
                writeInt(tp.partition());
            }
        }

        ByteBuffer toByteBuffer() {
            return ByteBuffer.wrap(bytes.toByteArray());
        }
    }

    static final class Reader {
        private final ByteBuffer in;

        Reader(ByteBuffer data) {
            this.in = data.duplicate();
        }

        int readInt() {
            return in.getInt();
        }

        long readLong() {
            return in.getLong();
        }

        String readString() {
            byte[] b = new byte[readInt()];
            in.get(b);
            return new String(b, StandardCharsets.UTF_8);
        }

        Set<TaskId> readTasks() {
            Set<TaskId> out = new TreeSet<>();
            for (int i = 0, n = readInt(); i < n; i++) out.add(TaskId.parse(readString()));
            return out;
        }

        Set<TopicPartition> readPartitions() {
            Set<TopicPartition> out = new LinkedHashSet<>();
            for (int i = 0, n = readInt(); i < n; i++) out.add(new TopicPartition(readString(), readInt()));
            return out;
        }
    }
}
