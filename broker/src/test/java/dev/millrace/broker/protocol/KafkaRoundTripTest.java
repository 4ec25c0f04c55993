package dev.millrace.broker.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.millrace.broker.protocol.message.AlterConfigsMessages;
import dev.millrace.broker.protocol.message.ApiVersionsMessages;
import dev.millrace.broker.protocol.message.CreatePartitionsMessages;
import dev.millrace.broker.protocol.message.CreateTopicsMessages;
import dev.millrace.broker.protocol.message.DeleteGroupsMessages;
import dev.millrace.broker.protocol.message.DeleteRecordsMessages;
import dev.millrace.broker.protocol.message.DeleteTopicsMessages;
import dev.millrace.broker.protocol.message.DescribeClusterMessages;
import dev.millrace.broker.protocol.message.DescribeConfigsMessages;
import dev.millrace.broker.protocol.message.DescribeGroupsMessages;
import dev.millrace.broker.protocol.message.FetchMessages;
import dev.millrace.broker.protocol.message.FindCoordinatorMessages;
import dev.millrace.broker.protocol.message.HeartbeatMessages;
import dev.millrace.broker.protocol.message.IncrementalAlterConfigsMessages;
import dev.millrace.broker.protocol.message.InitProducerIdMessages;
import dev.millrace.broker.protocol.message.JoinGroupMessages;
import dev.millrace.broker.protocol.message.LeaveGroupMessages;
import dev.millrace.broker.protocol.message.ListGroupsMessages;
import dev.millrace.broker.protocol.message.ListOffsetsMessages;
import dev.millrace.broker.protocol.message.MetadataMessages;
import dev.millrace.broker.protocol.message.OffsetCommitMessages;
import dev.millrace.broker.protocol.message.OffsetDeleteMessages;
import dev.millrace.broker.protocol.message.OffsetFetchMessages;
import dev.millrace.broker.protocol.message.OffsetForLeaderEpochMessages;
import dev.millrace.broker.protocol.message.ProduceMessages;
import dev.millrace.broker.protocol.message.SyncGroupMessages;
import dev.millrace.broker.protocol.types.MessageSchema;
import dev.millrace.broker.protocol.types.Struct;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.apache.kafka.common.message.*;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.protocol.Readable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DESIGN.md decision 2: every declared message, request and response, at every declared version, encodes to
 * exactly the bytes kafka-clients' generated classes produce, and decodes what they write.
 */
public class KafkaRoundTripTest {

    /** Several random fillings per case, so optional, null and tagged branches are all taken. */
    private static final int FILLINGS = 12;

    /** Our schema, and the kafka-clients class that parses the same message. */
    public static final Map<MessageSchema, BiFunction<Readable, Short, ApiMessage>> REFERENCE = Map.ofEntries(
            Map.entry(ApiVersionsMessages.REQUEST, ApiVersionsRequestData::new),
            Map.entry(ApiVersionsMessages.RESPONSE, ApiVersionsResponseData::new),
            Map.entry(MetadataMessages.REQUEST, MetadataRequestData::new),
            Map.entry(MetadataMessages.RESPONSE, MetadataResponseData::new),
            Map.entry(ProduceMessages.REQUEST, ProduceRequestData::new),
            Map.entry(ProduceMessages.RESPONSE, ProduceResponseData::new),
            Map.entry(FetchMessages.REQUEST, FetchRequestData::new),
            Map.entry(FetchMessages.RESPONSE, FetchResponseData::new),
            Map.entry(ListOffsetsMessages.REQUEST, ListOffsetsRequestData::new),
            Map.entry(ListOffsetsMessages.RESPONSE, ListOffsetsResponseData::new),
            Map.entry(OffsetForLeaderEpochMessages.REQUEST, OffsetForLeaderEpochRequestData::new),
            Map.entry(OffsetForLeaderEpochMessages.RESPONSE, OffsetForLeaderEpochResponseData::new),
            Map.entry(CreateTopicsMessages.REQUEST, CreateTopicsRequestData::new),
            Map.entry(CreateTopicsMessages.RESPONSE, CreateTopicsResponseData::new),
            Map.entry(DeleteTopicsMessages.REQUEST, DeleteTopicsRequestData::new),
            Map.entry(DeleteTopicsMessages.RESPONSE, DeleteTopicsResponseData::new),
            Map.entry(CreatePartitionsMessages.REQUEST, CreatePartitionsRequestData::new),
            Map.entry(CreatePartitionsMessages.RESPONSE, CreatePartitionsResponseData::new),
            Map.entry(DeleteRecordsMessages.REQUEST, DeleteRecordsRequestData::new),
            Map.entry(DeleteRecordsMessages.RESPONSE, DeleteRecordsResponseData::new),
            Map.entry(DescribeConfigsMessages.REQUEST, DescribeConfigsRequestData::new),
            Map.entry(DescribeConfigsMessages.RESPONSE, DescribeConfigsResponseData::new),
            Map.entry(AlterConfigsMessages.REQUEST, AlterConfigsRequestData::new),
            Map.entry(AlterConfigsMessages.RESPONSE, AlterConfigsResponseData::new),
            Map.entry(IncrementalAlterConfigsMessages.REQUEST, IncrementalAlterConfigsRequestData::new),
            Map.entry(IncrementalAlterConfigsMessages.RESPONSE, IncrementalAlterConfigsResponseData::new),
            Map.entry(DescribeClusterMessages.REQUEST, DescribeClusterRequestData::new),
            Map.entry(DescribeClusterMessages.RESPONSE, DescribeClusterResponseData::new),
            Map.entry(InitProducerIdMessages.REQUEST, InitProducerIdRequestData::new),
            Map.entry(InitProducerIdMessages.RESPONSE, InitProducerIdResponseData::new),
            // Classic consumer groups and committed offsets (PROTOCOL.md 3b)
            Map.entry(FindCoordinatorMessages.REQUEST, FindCoordinatorRequestData::new),
            Map.entry(FindCoordinatorMessages.RESPONSE, FindCoordinatorResponseData::new),
            Map.entry(JoinGroupMessages.REQUEST, JoinGroupRequestData::new),
            Map.entry(JoinGroupMessages.RESPONSE, JoinGroupResponseData::new),
            Map.entry(SyncGroupMessages.REQUEST, SyncGroupRequestData::new),
            Map.entry(SyncGroupMessages.RESPONSE, SyncGroupResponseData::new),
            Map.entry(HeartbeatMessages.REQUEST, HeartbeatRequestData::new),
            Map.entry(HeartbeatMessages.RESPONSE, HeartbeatResponseData::new),
            Map.entry(LeaveGroupMessages.REQUEST, LeaveGroupRequestData::new),
            Map.entry(LeaveGroupMessages.RESPONSE, LeaveGroupResponseData::new),
            Map.entry(OffsetCommitMessages.REQUEST, OffsetCommitRequestData::new),
            Map.entry(OffsetCommitMessages.RESPONSE, OffsetCommitResponseData::new),
            Map.entry(OffsetFetchMessages.REQUEST, OffsetFetchRequestData::new),
            Map.entry(OffsetFetchMessages.RESPONSE, OffsetFetchResponseData::new),
            Map.entry(DescribeGroupsMessages.REQUEST, DescribeGroupsRequestData::new),
            Map.entry(DescribeGroupsMessages.RESPONSE, DescribeGroupsResponseData::new),
            Map.entry(ListGroupsMessages.REQUEST, ListGroupsRequestData::new),
            Map.entry(ListGroupsMessages.RESPONSE, ListGroupsResponseData::new),
            Map.entry(DeleteGroupsMessages.REQUEST, DeleteGroupsRequestData::new),
            Map.entry(DeleteGroupsMessages.RESPONSE, DeleteGroupsResponseData::new),
            Map.entry(OffsetDeleteMessages.REQUEST, OffsetDeleteRequestData::new),
            Map.entry(OffsetDeleteMessages.RESPONSE, OffsetDeleteResponseData::new));

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        REFERENCE.keySet().stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(schema -> {
            for (short v = schema.versions().lowest(); v <= schema.versions().highest(); v++) {
                cases.add(Arguments.of(schema.name() + " v" + v, schema, v));
            }
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void roundTripsWithKafkaClients(String name, MessageSchema schema, short version) {
        RandomStructs random = new RandomStructs(name.hashCode());
        for (int i = 0; i < FILLINGS; i++) {
            Struct struct = schema.newStruct();
            if (i > 0) { // the first filling keeps every default
                random.fill(struct, version);
            }
            byte[] ours = encode(schema, struct, version);
            assertEquals(ours.length, schema.sizeOf(struct, version), "sizeOf");

            ByteBuffer in = ByteBuffer.wrap(ours);
            ApiMessage theirs = REFERENCE.get(schema).apply(new ByteBufferAccessor(in), version);
            assertEquals(0, in.remaining(), "kafka-clients left bytes unread");
            byte[] theirBytes = kafkaEncode(theirs, version);
            assertArrayEquals(ours, theirBytes, "kafka-clients re-encodes differently: " + struct);

            ByteBuf buf = Unpooled.wrappedBuffer(theirBytes);
            Struct decoded = schema.read(buf, version);
            assertEquals(0, buf.readableBytes(), "we left bytes unread");
            assertEquals(struct, decoded);
            assertArrayEquals(theirBytes, encode(schema, decoded, version));
        }
    }

    static byte[] encode(MessageSchema schema, Struct struct, short version) {
        ByteBuf out = Unpooled.buffer();
        try {
            schema.write(struct, version, out);
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            return bytes;
        } finally {
            out.release();
        }
    }

    static byte[] kafkaEncode(ApiMessage message, short version) {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        int size = message.size(cache, version);
        ByteBuffer buffer = ByteBuffer.allocate(size);
        message.write(new ByteBufferAccessor(buffer), cache, version);
        assertEquals(size, buffer.position(), "kafka-clients size");
        return buffer.array();
    }
}
