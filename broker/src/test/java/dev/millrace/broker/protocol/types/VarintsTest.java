package dev.millrace.broker.protocol.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.millrace.broker.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import org.apache.kafka.common.utils.internals.ByteUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VarintsTest {

    private static byte[] bytes(ByteBuf buf) {
        byte[] b = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), b);
        return b;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 63, 64, 127, 128, 255, 16383, 16384, 2097151, 2097152, Integer.MAX_VALUE, -1,
            Integer.MIN_VALUE, -64, -65})
    void unsignedAndZigZagIntsMatchKafka(int value) {
        ByteBuf buf = Unpooled.buffer();
        Varints.writeUnsignedVarint(buf, value);
        ByteBuffer kafka = ByteBuffer.allocate(10);
        ByteUtils.writeUnsignedVarint(value, kafka);
        assertArrayEquals(java.util.Arrays.copyOf(kafka.array(), kafka.position()), bytes(buf));
        assertEquals(ByteUtils.sizeOfUnsignedVarint(value), Varints.sizeOfUnsignedVarint(value));
        assertEquals(buf.readableBytes(), Varints.sizeOfUnsignedVarint(value));
        assertEquals(value, Varints.readUnsignedVarint(buf));

        buf.clear();
        Varints.writeVarint(buf, value);
        kafka.clear();
        ByteUtils.writeVarint(value, kafka);
        assertArrayEquals(java.util.Arrays.copyOf(kafka.array(), kafka.position()), bytes(buf));
        assertEquals(ByteUtils.sizeOfVarint(value), Varints.sizeOfVarint(value));
        assertEquals(value, Varints.readVarint(buf));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 127, 128, -1, -64, -65, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 35, -(1L << 50)})
    void zigZagLongsMatchKafka(long value) {
        ByteBuf buf = Unpooled.buffer();
        Varints.writeVarlong(buf, value);
        ByteBuffer kafka = ByteBuffer.allocate(10);
        ByteUtils.writeVarlong(value, kafka);
        assertArrayEquals(java.util.Arrays.copyOf(kafka.array(), kafka.position()), bytes(buf));
        assertEquals(ByteUtils.sizeOfVarlong(value), Varints.sizeOfVarlong(value));
        assertEquals(value, Varints.readVarlong(buf));
        buf.clear();
        Varints.writeUnsignedVarlong(buf, value);
        assertEquals(buf.readableBytes(), Varints.sizeOfUnsignedVarlong(value));
        assertEquals(value, Varints.readUnsignedVarlong(buf));
    }

    @Test
    void knownEncodings() {
        ByteBuf buf = Unpooled.buffer();
        Varints.writeUnsignedVarint(buf, 0);
        Varints.writeUnsignedVarint(buf, 127);
        Varints.writeUnsignedVarint(buf, 128);
        Varints.writeVarint(buf, -1);
        Varints.writeVarint(buf, 1);
        assertArrayEquals(new byte[] {0, 0x7f, (byte) 0x80, 1, 1, 2}, bytes(buf));
        assertEquals(5, Varints.sizeOfUnsignedVarint(Integer.MAX_VALUE));
        assertEquals(5, Varints.sizeOfUnsignedVarint(-1));
        assertEquals(10, Varints.sizeOfVarlong(Long.MIN_VALUE));
    }

    @Test
    void tooLongVarintsAreRejected() {
        byte[] six = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0};
        assertThrows(ProtocolException.class, () -> Varints.readUnsignedVarint(Unpooled.wrappedBuffer(six)));
        assertThrows(ProtocolException.class, () -> Varints.readVarint(Unpooled.wrappedBuffer(six)));
        byte[] eleven = new byte[11];
        java.util.Arrays.fill(eleven, 0, 10, (byte) 0xff);
        assertThrows(ProtocolException.class, () -> Varints.readVarlong(Unpooled.wrappedBuffer(eleven)));
    }

    @Test
    void truncatedVarintRunsOutOfBytes() {
        assertThrows(IndexOutOfBoundsException.class,
                () -> Varints.readUnsignedVarint(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80})));
    }
}
