package dev.millrace.broker.protocol.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.millrace.broker.protocol.KafkaRoundTripTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Message;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Byte round trips cannot see a wrong default (both sides write whatever value is set), yet defaults decide
 * which tagged fields are written and what a field absent from a version reads as. So: every struct of every
 * message, freshly constructed by kafka-clients, written by kafka-clients at each version where it exists,
 * must read back as our freshly constructed struct. Only versions and fields kafka-clients 4.4 still knows are
 * compared here; the KIP-896 versions are left to the {@code compat} module's kafka-clients 3.9.
 */
class DefaultsMatchKafkaTest {

    static Stream<Arguments> structs() {
        List<Arguments> cases = new ArrayList<>();
        for (MessageSchema schema : KafkaRoundTripTest.REFERENCE.keySet()) {
            String outer = "org.apache.kafka.common.message." + schema.name() + "Data";
            collect(schema, schema.body(), outer, outer, schema.versions(), cases);
        }
        return cases.stream();
    }

    private static void collect(MessageSchema message, StructSchema struct, String outer, String kafkaClass,
                                Versions versions, List<Arguments> cases) {
        for (short v = versions.lowest(); v <= versions.highest() && v <= message.versions().highest(); v++) {
            if (v >= message.versions().lowest() && KafkaRoundTripTest.kafkaKnows(message, v)) {
                cases.add(Arguments.of(struct.path() + " v" + v, message, struct, kafkaClass, v));
            }
        }
        for (Field f : struct.fields()) {
            if (f.structSchema() != null) {
                collect(message, f.structSchema(), outer, outer + "$" + f.structSchema().name(), f.versions(), cases);
            }
        }
    }

    /** Every struct of every message once, with its kafka-clients class. */
    static Stream<Arguments> structTypes() {
        return structs().filter(a -> {
            MessageSchema message = (MessageSchema) a.get()[1];
            short version = (short) a.get()[4];
            StructSchema struct = (StructSchema) a.get()[2];
            return version == firstVersion(message, struct);
        });
    }

    private static short firstVersion(MessageSchema message, StructSchema struct) {
        return structs().filter(a -> a.get()[2] == struct).map(a -> (short) a.get()[4]).findFirst().orElseThrow();
    }

    /**
     * Tagged fields are omitted when at their default, so a wrong default is invisible on the wire: compare
     * every field's default with kafka-clients' through its accessor (Kafka names it in lower camel case).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("structTypes")
    void declaredDefaultsMatchKafkaAccessors(String name, MessageSchema message, StructSchema struct,
                                             String kafkaClass, short version) throws ReflectiveOperationException {
        Object kafkaDefault = Class.forName(kafkaClass).getConstructor().newInstance();
        Struct ours = struct.newStruct();
        for (Field f : struct.fields()) {
            if (!knownToKafka(message, f)) {
                continue; // a field of removed versions only, e.g. ListOffsets v0's MaxNumOffsets
            }
            String accessor = Character.toLowerCase(f.name().charAt(0)) + f.name().substring(1);
            Object theirs = kafkaDefault.getClass().getMethod(accessor).invoke(kafkaDefault);
            Object mine = ours.get(f.name());
            String where = f.path();
            if (f.kind() == Field.Kind.VALUE) {
                assertEquals(text(theirs), text(mine), where);
            } else {
                assertEquals(theirs == null, mine == null, where + " null default");
            }
        }
    }

    private static boolean knownToKafka(MessageSchema message, Field f) {
        for (short v = f.versions().lowest(); v <= f.versions().highest() && v <= message.versions().highest(); v++) {
            if (KafkaRoundTripTest.kafkaKnows(message, v)) {
                return true;
            }
        }
        return false;
    }

    private static String text(Object v) {
        return v instanceof byte[] b ? java.util.Arrays.toString(b) : String.valueOf(v);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("structs")
    void defaultsMatch(String name, MessageSchema message, StructSchema struct, String kafkaClass, short version)
            throws ReflectiveOperationException {
        Message kafkaDefault = (Message) Class.forName(kafkaClass).getConstructor().newInstance();
        ObjectSerializationCache cache = new ObjectSerializationCache();
        ByteBuffer bytes = ByteBuffer.allocate(kafkaDefault.size(cache, version));
        kafkaDefault.write(new ByteBufferAccessor(bytes), cache, version);
        ByteBuf in = Unpooled.wrappedBuffer(bytes.array());
        assertEquals(struct.newStruct(), struct.read(in, version, message.isFlexible(version)));
        assertEquals(0, in.readableBytes());
    }
}
