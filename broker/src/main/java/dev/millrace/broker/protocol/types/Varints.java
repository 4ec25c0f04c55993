package dev.millrace.broker.protocol.types;

import dev.millrace.broker.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;

/**
 * Variable-length integers, 7 bits per byte, low group first, high bit set on every byte but the last.
 * Two families that must not be mixed up:
 * <ul>
 *   <li><b>unsigned</b> varints: the lengths, counts and tags of flexible protocol versions;</li>
 *   <li><b>zig-zag</b> varints/varlongs (signed, protobuf style): only inside record batches.</li>
 * </ul>
 * Readers throw {@link ProtocolException} on a value longer than 5 (int) or 10 (long) bytes; running out of
 * bytes surfaces as Netty's {@link IndexOutOfBoundsException}, which message readers turn into a
 * {@link ProtocolException}.
 */
public final class Varints {

    private Varints() {
    }

    public static int readUnsignedVarint(ByteBuf in) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = in.readByte();
            value |= (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new ProtocolException("Unsigned varint is longer than 5 bytes");
    }

    public static void writeUnsignedVarint(ByteBuf out, int value) {
        while ((value & 0xffffff80) != 0) {
            out.writeByte((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }

    public static int sizeOfUnsignedVarint(int value) {
        // one byte per started group of 7 bits; 0 still takes one byte
        int bits = 32 - Integer.numberOfLeadingZeros(value | 1);
        return (bits + 6) / 7;
    }

    public static long readUnsignedVarlong(ByteBuf in) {
        long value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            byte b = in.readByte();
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new ProtocolException("Unsigned varlong is longer than 10 bytes");
    }

    public static void writeUnsignedVarlong(ByteBuf out, long value) {
        while ((value & 0xffffffffffffff80L) != 0L) {
            out.writeByte(((int) value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.writeByte((int) value);
    }

    public static int sizeOfUnsignedVarlong(long value) {
        int bits = 64 - Long.numberOfLeadingZeros(value | 1);
        return (bits + 6) / 7;
    }

    /** Zig-zag signed int (record batches only). */
    public static int readVarint(ByteBuf in) {
        int raw = readUnsignedVarint(in);
        return (raw >>> 1) ^ -(raw & 1);
    }

    public static void writeVarint(ByteBuf out, int value) {
        writeUnsignedVarint(out, (value << 1) ^ (value >> 31));
    }

    public static int sizeOfVarint(int value) {
        return sizeOfUnsignedVarint((value << 1) ^ (value >> 31));
    }

    /** Zig-zag signed long (record batches only). */
    public static long readVarlong(ByteBuf in) {
        long raw = readUnsignedVarlong(in);
        return (raw >>> 1) ^ -(raw & 1);
    }

    public static void writeVarlong(ByteBuf out, long value) {
        writeUnsignedVarlong(out, (value << 1) ^ (value >> 63));
    }

    public static int sizeOfVarlong(long value) {
        return sizeOfUnsignedVarlong((value << 1) ^ (value >> 63));
    }
}
