package dev.millrace.broker.protocol;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.millrace.broker.protocol.message.ApiVersionsMessages;
import dev.millrace.broker.protocol.message.CreateTopicsMessages;
import dev.millrace.broker.protocol.message.FetchMessages;
import dev.millrace.broker.protocol.message.MetadataMessages;
import dev.millrace.broker.protocol.message.ProduceMessages;
import dev.millrace.broker.protocol.types.MessageSchema;
import dev.millrace.broker.protocol.types.Struct;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile or broken input must end in a ProtocolException: never another exception, never a huge allocation. */
class MalformedInputTest {

    static Stream<Arguments> encodings() {
        return Stream.of(
                Arguments.of(ProduceMessages.REQUEST, (short) 3), Arguments.of(ProduceMessages.REQUEST, (short) 9),
                Arguments.of(ProduceMessages.RESPONSE, (short) 13), Arguments.of(FetchMessages.REQUEST, (short) 11),
                Arguments.of(FetchMessages.REQUEST, (short) 18), Arguments.of(FetchMessages.RESPONSE, (short) 12),
                Arguments.of(MetadataMessages.RESPONSE, (short) 8), Arguments.of(MetadataMessages.RESPONSE, (short) 12),
                Arguments.of(CreateTopicsMessages.REQUEST, (short) 7),
                Arguments.of(ApiVersionsMessages.RESPONSE, (short) 3));
    }

    /** A random filling that is not tiny, so the cuts land in many different fields. */
    private static byte[] sample(MessageSchema schema, short version, long seed) {
        RandomStructs random = new RandomStructs(seed);
        byte[] best = new byte[0];
        for (int i = 0; i < 20; i++) {
            Struct s = schema.newStruct();
            random.fill(s, version);
            byte[] bytes = KafkaRoundTripTest.encode(schema, s, version);
            if (bytes.length > best.length) {
                best = bytes;
            }
        }
        return best;
    }

    @ParameterizedTest(name = "{0} v{1}")
    @MethodSource("encodings")
    void everyTruncationIsAProtocolException(MessageSchema schema, short version) {
        byte[] full = sample(schema, version, 17);
        assertTrue(full.length > 20, "sample too small: " + full.length);
        for (int len = 0; len < full.length; len++) {
            ByteBuf in = Unpooled.wrappedBuffer(full, 0, len);
            assertThrows(ProtocolException.class, () -> schema.read(in, version), "cut at " + len + "/" + full.length);
        }
    }

    @ParameterizedTest(name = "{0} v{1}")
    @MethodSource("encodings")
    void corruptedBytesFailCleanly(MessageSchema schema, short version) {
        byte[] full = sample(schema, version, 99);
        Random random = new Random(version);
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = full.clone();
            for (int j = random.nextInt(3); j >= 0; j--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt();
            }
            try {
                schema.read(Unpooled.wrappedBuffer(bytes), version);
            } catch (ProtocolException expected) {
                // fine: refused
            } catch (RuntimeException e) {
                fail("corruption #" + i + " raised " + e, e);
            }
        }
    }

    @Test
    void negativeLengthsOtherThanNullAreRefused() {
        // ProduceRequest v3: TransactionalId int16 length -2
        ByteBuf in = Unpooled.buffer().writeShort(-2);
        assertThrows(ProtocolException.class, () -> ProduceMessages.REQUEST.read(in, (short) 3));
    }

    @Test
    void nullWhereNotNullableIsRefused() {
        // MetadataRequest v0: Topics is not nullable, count -1
        ByteBuf in = Unpooled.buffer().writeInt(-1);
        assertThrows(ProtocolException.class, () -> MetadataMessages.REQUEST.read(in, (short) 0));
    }

    @Test
    void hugeCountsAreRefusedBeforeAllocating() {
        ByteBuf in = Unpooled.buffer().writeInt(Integer.MAX_VALUE).writeZero(8);
        assertThrows(ProtocolException.class, () -> MetadataMessages.REQUEST.read(in, (short) 1));
        ByteBuf compact = Unpooled.buffer().writeBytes(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f});
        assertThrows(ProtocolException.class, () -> MetadataMessages.REQUEST.read(compact, (short) 9));
        ByteBuf records = Unpooled.buffer().writeShort(-1).writeShort(1).writeInt(0).writeInt(1)
                .writeShort(1).writeByte('t').writeInt(1).writeInt(0).writeInt(1 << 30).writeZero(10);
        assertThrows(ProtocolException.class, () -> ProduceMessages.REQUEST.read(records, (short) 3));
    }

    @Test
    void tooLongVarintIsRefused() {
        ByteBuf in = Unpooled.wrappedBuffer(new byte[] {(byte) 0x81, (byte) 0x81, (byte) 0x81, (byte) 0x81,
                (byte) 0x81, (byte) 0x81, 0});
        assertThrows(ProtocolException.class, () -> MetadataMessages.REQUEST.read(in, (short) 9));
    }

    @Test
    void undeclaredVersionIsRefused() {
        assertThrows(ProtocolException.class, () -> ProduceMessages.REQUEST.read(Unpooled.buffer(), (short) 2));
        assertThrows(ProtocolException.class, () -> FetchMessages.REQUEST.read(Unpooled.buffer(), (short) 19));
    }
}
