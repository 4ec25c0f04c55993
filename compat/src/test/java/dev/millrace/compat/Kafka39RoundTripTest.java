package dev.millrace.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.millrace.broker.protocol.ApiKey;
import dev.millrace.broker.protocol.types.Field;
import dev.millrace.broker.protocol.types.MessageSchema;
import dev.millrace.broker.protocol.types.Struct;
import dev.millrace.broker.protocol.types.StructSchema;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.reflect.Constructor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.protocol.Readable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DESIGN.md decision 2 for the old versions: every request and response of every API in {@link ApiKey}, at
 * every version that both our schema and kafka-clients 3.9 declare, encodes to exactly the bytes 3.9's
 * generated classes produce and decodes what they write. This is where ListOffsets v0, CreateTopics v0-1,
 * DeleteTopics v0, DescribeConfigs v0 and OffsetForLeaderEpoch v0-1 are proven; the broker module proves the
 * rest against kafka-clients 4.4.
 */
class Kafka39RoundTripTest {

    /** Several random fillings per case, so optional, null and tagged branches are all taken. */
    private static final int FILLINGS = 12;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (ApiKey api : ApiKey.values()) {
            for (MessageSchema schema : List.of(api.request(), api.response())) {
                ApiMessage empty = kafka39(schema);
                short from = (short) Math.max(schema.versions().lowest(), empty.lowestSupportedVersion());
                short to = (short) Math.min(schema.versions().highest(), empty.highestSupportedVersion());
                for (short v = from; v <= to; v++) {
                    cases.add(Arguments.of(schema.name() + " v" + v, schema, v));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void roundTripsWithKafkaClients39(String name, MessageSchema schema, short version) throws ReflectiveOperationException {
        Constructor<?> parser = kafka39(schema).getClass().getConstructor(Readable.class, short.class);
        RandomFill random = new RandomFill(name.hashCode());
        for (int i = 0; i < FILLINGS; i++) {
            Struct struct = schema.newStruct();
            if (i > 0) { // the first filling keeps every default
                random.fill(struct, version);
            }
            byte[] ours = encode(schema, struct, version);
            assertEquals(ours.length, schema.sizeOf(struct, version), "sizeOf");

            ByteBuffer in = ByteBuffer.wrap(ours);
            ApiMessage theirs = (ApiMessage) parser.newInstance(new ByteBufferAccessor(in), version);
            assertEquals(0, in.remaining(), "kafka-clients left bytes unread");
            byte[] theirBytes = kafkaEncode(theirs, version);
            assertArrayEquals(ours, theirBytes, "kafka-clients re-encodes differently: " + struct);

            ByteBuf buf = Unpooled.wrappedBuffer(theirBytes);
            Struct decoded = schema.read(buf, version);
            assertEquals(0, buf.readableBytes(), "we left bytes unread");
            assertEquals(struct, decoded);
        }
    }

    /** A fresh kafka-clients message, written at each version, reads back as our fresh struct. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void defaultsMatchKafkaClients39(String name, MessageSchema schema, short version) {
        ApiMessage empty = kafka39(schema);
        byte[] theirs = kafkaEncode(empty, version);
        ByteBuf in = Unpooled.wrappedBuffer(theirs);
        assertEquals(schema.newStruct(), schema.read(in, version));
    }

    /** Every struct of every message (nested ones too) with kafka-clients 3.9's class for it. */
    static Stream<Arguments> structs() {
        List<Arguments> structs = new ArrayList<>();
        for (ApiKey api : ApiKey.values()) {
            for (MessageSchema schema : List.of(api.request(), api.response())) {
                String outer = kafka39(schema).getClass().getName();
                collect(schema, schema.body(), outer, structs);
            }
        }
        return structs.stream();
    }

    private static void collect(MessageSchema message, StructSchema struct, String kafkaClass, List<Arguments> out) {
        out.add(Arguments.of(struct.path(), message, struct, kafkaClass));
        String outer = kafkaClass.contains("$") ? kafkaClass.substring(0, kafkaClass.indexOf('$')) : kafkaClass;
        for (Field f : struct.fields()) {
            if (f.structSchema() != null && knownTo39(message, f)) {
                collect(message, f.structSchema(), outer + "$" + f.structSchema().name(), out);
            }
        }
    }

    /**
     * A field absent from a version reads as its default, and a tagged field at its default is not written,
     * so defaults must agree although no byte shows them: compare each field's default, old-only fields
     * (MaxNumOffsets, IsDefault, OldStyleOffsets) included, with 3.9's accessor (lower camel case).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("structs")
    void defaultsMatchKafkaClients39Accessors(String path, MessageSchema message, StructSchema struct, String kafkaClass)
            throws ReflectiveOperationException {
        Object theirs = Class.forName(kafkaClass).getConstructor().newInstance();
        Struct ours = struct.newStruct();
        for (Field f : struct.fields()) {
            if (!knownTo39(message, f)) {
                continue; // newer than 3.9, e.g. ListOffsets v10's TimeoutMs: the broker module checks it
            }
            String accessor = Character.toLowerCase(f.name().charAt(0)) + f.name().substring(1);
            Object value = theirs.getClass().getMethod(accessor).invoke(theirs);
            if (f.kind() == Field.Kind.VALUE) {
                assertEquals(text(value), text(ours.get(f.name())), f.path());
            } else {
                assertEquals(value == null, ours.get(f.name()) == null, f.path() + " null default");
            }
        }
    }

    private static boolean knownTo39(MessageSchema message, Field f) {
        ApiMessage empty = kafka39(message);
        short from = (short) Math.max(f.versions().lowest(), empty.lowestSupportedVersion());
        short to = (short) Math.min(Math.min(f.versions().highest(), message.versions().highest()),
                empty.highestSupportedVersion());
        return from <= to;
    }

    private static String text(Object v) {
        return v instanceof byte[] b ? java.util.Arrays.toString(b) : String.valueOf(v);
    }

    /** The versions Kafka 4.0 removed and we serve: each must be among the cases above. */
    @Test
    void theKip896VersionsAreCovered() {
        List<String> names = cases().map(a -> (String) a.get()[0]).toList();
        for (String expected : List.of("ListOffsetsRequest v0", "ListOffsetsResponse v0",
                "CreateTopicsRequest v0", "CreateTopicsRequest v1", "CreateTopicsResponse v0", "CreateTopicsResponse v1",
                "DeleteTopicsRequest v0", "DeleteTopicsResponse v0",
                "DescribeConfigsRequest v0", "DescribeConfigsResponse v0",
                "OffsetForLeaderEpochRequest v0", "OffsetForLeaderEpochRequest v1",
                "OffsetForLeaderEpochResponse v0", "OffsetForLeaderEpochResponse v1")) {
            assertTrue(names.contains(expected), expected);
        }
    }

    /** kafka-clients 3.9's generated class for the message our schema declares, freshly constructed. */
    static ApiMessage kafka39(MessageSchema schema) {
        try {
            return (ApiMessage) Class.forName("org.apache.kafka.common.message." + schema.name() + "Data")
                    .getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("kafka-clients 3.9 has no class for " + schema.name(), e);
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
