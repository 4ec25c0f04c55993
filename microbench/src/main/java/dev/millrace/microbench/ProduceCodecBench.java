package dev.millrace.microbench;

import dev.millrace.broker.protocol.message.ProduceMessages;
import dev.millrace.broker.protocol.types.MessageSchema;
import dev.millrace.broker.protocol.types.Struct;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Produce request body decode and encode: our schema codec ({@link ProduceMessages#REQUEST}) against
 * kafka-clients' generated {@link ProduceRequestData} on the same bytes. One topic, {@code partitions}
 * partitions, each an uncompressed batch of 100 records with 100-byte values (about 11 KiB). Both decoders
 * leave the records as a view of the input (no copy); both encoders copy them into the output.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class ProduceCodecBench {
    /** The highest Produce version Millrace advertises. */
    private static final short VERSION = 12;
    private static final MessageSchema SCHEMA = ProduceMessages.REQUEST;

    @Param({"8"})
    public int partitions;

    private ByteBuffer kafkaBytes;
    private ByteBuf ourBytes;
    private ProduceRequestData kafkaData;
    private Struct ourStruct;
    private ByteBuf ourOut;
    private ByteBuffer kafkaOut;

    @Setup(Level.Trial)
    public void setup() {
        List<ProduceRequestData.PartitionProduceData> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            parts.add(new ProduceRequestData.PartitionProduceData().setIndex(p)
                    .setRecords(Batches.kafkaBatch("none", 100, 100, System.currentTimeMillis())));
        }
        ProduceRequestData.TopicProduceDataCollection topics = new ProduceRequestData.TopicProduceDataCollection();
        topics.add(new ProduceRequestData.TopicProduceData().setName("bench-topic").setPartitionData(parts));
        kafkaData = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(30_000).setTopicData(topics);

        ObjectSerializationCache cache = new ObjectSerializationCache();
        int size = kafkaData.size(cache, VERSION);
        kafkaBytes = ByteBuffer.allocate(size);
        kafkaData.write(new ByteBufferAccessor(kafkaBytes), cache, VERSION);
        kafkaBytes.flip();
        ourBytes = Unpooled.wrappedBuffer(kafkaBytes.duplicate());

        ourStruct = SCHEMA.read(ourBytes, VERSION);
        ourBytes.readerIndex(0);
        if (SCHEMA.sizeOf(ourStruct, VERSION) != size) {
            throw new IllegalStateException("our size " + SCHEMA.sizeOf(ourStruct, VERSION) + " != Kafka's " + size);
        }
        ourOut = Unpooled.buffer(size);
        kafkaOut = ByteBuffer.allocate(size);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ourOut.release();
    }

    @Benchmark
    public Struct decodeMillrace() {
        ourBytes.readerIndex(0);
        return SCHEMA.read(ourBytes, VERSION);
    }

    @Benchmark
    public ProduceRequestData decodeKafka() {
        return new ProduceRequestData(new ByteBufferAccessor(kafkaBytes.duplicate()), VERSION);
    }

    /** sizeOf then write, as a response path does to frame the message. */
    @Benchmark
    public ByteBuf encodeMillrace() {
        int size = SCHEMA.sizeOf(ourStruct, VERSION);
        ourOut.clear();
        ourOut.ensureWritable(size);
        SCHEMA.write(ourStruct, VERSION, ourOut);
        return ourOut;
    }

    @Benchmark
    public ByteBuffer encodeKafka() {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        kafkaData.size(cache, VERSION);
        kafkaOut.clear();
        kafkaData.write(new ByteBufferAccessor(kafkaOut), cache, VERSION);
        return kafkaOut;
    }
}
