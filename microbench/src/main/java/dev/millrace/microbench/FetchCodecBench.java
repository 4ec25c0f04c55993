package dev.millrace.microbench;

import dev.millrace.broker.protocol.ApiKey;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.ResponseHeader;
import dev.millrace.broker.protocol.message.FetchMessages;
import dev.millrace.broker.protocol.types.FileRecords;
import dev.millrace.broker.protocol.types.MessageOutput;
import dev.millrace.broker.protocol.types.MessageSchema;
import dev.millrace.broker.protocol.types.Struct;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
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
 * Fetch: request decode (ours against kafka-clients' {@link FetchRequestData}) and the response encode
 * the broker does, with each partition's records a {@link FileRecords} range of a segment file that becomes
 * a file-region part ({@link MessageOutput}, Netty's default allocator, as {@code RequestDispatcher#respond} does:
 * frame length, response header, body; the parts are then released, standing in for the channel write).
 * {@code assembleAndEncodeResponse} also builds the response struct, as {@code FetchHandler.FetchReader} does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class FetchCodecBench {
    /** The highest Fetch version Millrace advertises. */
    private static final short VERSION = 12;
    private static final MessageSchema REQUEST = FetchMessages.REQUEST;
    private static final MessageSchema RESPONSE = FetchMessages.RESPONSE;
    private static final int BATCH_BYTES = 16 * 1024;

    @Param({"8"})
    public int partitions;

    private ByteBuf requestBytes;
    private ByteBuffer kafkaRequestBytes;
    private Path dir;
    private FileChannel channel;
    private Struct response;
    /** What {@code ctx.alloc()} gives the broker: Netty's default allocator, default leak detection. */
    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        Struct request = REQUEST.newStruct()
                .set("ReplicaId", -1).set("MaxWaitMs", 500).set("MinBytes", 1).set("MaxBytes", 52_428_800)
                .set("IsolationLevel", (byte) 0).set("SessionId", 0).set("SessionEpoch", -1).set("RackId", "");
        Struct topic = request.addStruct("Topics").set("Topic", "bench-topic");
        for (int p = 0; p < partitions; p++) {
            topic.addStruct("Partitions").set("Partition", p).set("CurrentLeaderEpoch", 0)
                    .set("FetchOffset", 1_000_000L + p).set("LastFetchedEpoch", 0).set("LogStartOffset", -1L)
                    .set("PartitionMaxBytes", 1_048_576);
        }
        requestBytes = Unpooled.buffer(REQUEST.sizeOf(request, VERSION));
        REQUEST.write(request, VERSION, requestBytes);
        kafkaRequestBytes = requestBytes.nioBuffer();
        new FetchRequestData(new ByteBufferAccessor(kafkaRequestBytes.duplicate()), VERSION); // Kafka can read it

        dir = Batches.tempDir("millrace-fetch-encode");
        channel = FileChannel.open(dir.resolve("00000000000000000000.log"), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        ByteBuffer zeros = ByteBuffer.allocate(BATCH_BYTES * partitions);
        while (zeros.hasRemaining()) {
            channel.write(zeros);
        }
        response = assemble();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        requestBytes.release();
        channel.close();
        Batches.deleteRecursively(dir);
    }

    private Struct assemble() {
        Struct r = RESPONSE.newStruct().set("ThrottleTimeMs", 0).set("ErrorCode", Errors.NONE.code()).set("SessionId", 0);
        Struct topicOut = r.addStruct("Responses").set("Topic", "bench-topic");
        for (int p = 0; p < partitions; p++) {
            topicOut.addStruct("Partitions")
                    .set("PartitionIndex", p)
                    .set("ErrorCode", Errors.NONE.code())
                    .set("HighWatermark", 2_000_000L)
                    .set("LastStableOffset", 2_000_000L)
                    .set("LogStartOffset", 0L)
                    .set("AbortedTransactions", null)
                    .set("PreferredReadReplica", -1)
                    .set("Records", new FileRecords(channel, (long) p * BATCH_BYTES, BATCH_BYTES));
        }
        return r;
    }

    private int encode(Struct body) {
        short headerVersion = ApiKey.FETCH.responseHeaderVersion(VERSION);
        int size = ResponseHeader.size(headerVersion) + RESPONSE.sizeOf(body, VERSION);
        MessageOutput out = new MessageOutput(alloc);
        out.current().writeInt(size);
        ResponseHeader.write(out.current(), 42, headerVersion);
        RESPONSE.write(body, VERSION, out);
        List<Object> parts = out.parts();
        int n = parts.size();
        for (Object part : parts) {
            ReferenceCountUtil.release(part);
        }
        return n;
    }

    @Benchmark
    public Struct decodeRequestMillrace() {
        requestBytes.readerIndex(0);
        return REQUEST.read(requestBytes, VERSION);
    }

    @Benchmark
    public FetchRequestData decodeRequestKafka() {
        return new FetchRequestData(new ByteBufferAccessor(kafkaRequestBytes.duplicate()), VERSION);
    }

    @Benchmark
    public int encodeResponse() {
        return encode(response);
    }

    @Benchmark
    public int assembleAndEncodeResponse() {
        return encode(assemble());
    }
}
