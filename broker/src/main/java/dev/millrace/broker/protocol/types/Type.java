package dev.millrace.broker.protocol.types;

import dev.millrace.broker.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * The primitive wire types of the Kafka protocol and their Java value types. Each knows its classic and
 * flexible (compact) encodings; nullable types write their null marker when given {@code null} (whether null
 * is legal in a version is the field's business, checked before the type is asked).
 *
 * <p>Numeric types accept any {@link Number} on write, so callers may be lenient about boxing.
 */
public enum Type {

    INT8("int8") {
        @Override Object read(ByteBuf in, boolean flexible, boolean nullable, Field f) {
            return in.readByte();
        }
        @Override void write(ByteBuf out, Object v, boolean flexible) {
            out.writeByte(((Number) v).byteValue());
        }
        @Override int size(Object v, boolean flexible) {
            return 1;
        }
        @Override Object coerce(Object v) {
            return ((Number) v).byteValue();
        }
        @Override Object zero() {
            return (byte) 0;
        }
    },
    INT16("int16") {
        @Override Object read(ByteBuf in, boolean flexible, boolean nullable, Field f) {
            return in.readShort();
        }
        @Override void write(ByteBuf out, Object v, boolean flexible) {
            out.writeShort(((Number) v).shortValue());
        }
        @Override int size(Object v, boolean flexible) {
            return 2;
        }
        @Override Object coerce(Object v) {
            return ((Number) v).shortValue();
        }
        @Override Object zero() {
            return (short) 0;
        }
    },
    INT32("int32") {
        @Override Object read(ByteBuf in, boolean flexible, boolean nullable, Field f) {
            return in.readInt();
        }
        @Override void write(ByteBuf out, Object v, boolean flexible) {
            out.writeInt(((Number) v).intValue());
        }
        @Override int size(Object v, boolean flexible) {
            return 4;
        }
        @Override Object coerce(Object v) {
            return ((Number) v).intValue();
        }
        @Override Object zero() {
            return 0;
        }
    },
    INT64("int64") {
        @Override Object read(ByteBuf in, boolean flexible, boolean nullable, Field f) {
            return in.readLong();
        }
        @Override void write(ByteBuf out, Object v, boolean flexible) {
            out.writeLong(((Number) v).longValue());
        }
        @Override int size(Object v, boolean flexible) {
            return 8;
        }
        @Override Object coerce(Object v) {
            return ((Number) v).longValue();
        }
        @Override Object zero() {
            return 0L;
        }
    },
    /** Unsigned 16 bits held in an Integer. */
    UINT16("uint16") {
        @Override Object read(ByteBuf in, boolean flexible, boolean nullable, Field f) {
            return in.readUnsignedShort();
        }
        @Override void write(ByteBuf out, Object v, boolean flexible) {
            out.writeShort(((Number) v).intValue());
        }
        @Override int size(Object v, boolean flexible) {
            return 2;
        }
        @Override Object coerce(Object v) {
            int i = ((Number) v).intValue();
            if (i < 0 || i > 0xffff) {
                throw new IllegalArgumentException(i + " is not a uint16");
            }
            return i;
        }
        @Override Object zero() {
            return 0;
        }
    },
    /** Unsigned 32 bits held in a Long. */
    UINT32("uint32") {
        @Override Object read(ByteBuf in, boolean flexible, boolean nullable, Field f) {
            return in.readUnsignedInt();
        }
        @Override void write(ByteBuf out, Object v, boolean flexible) {
            out.writeInt((int) ((Number) v).longValue());
        }
        @Override int size(Object v, boolean flexible) {
            return 4;
        }
        @Override Object coerce(Object v) {
            long l = ((Number) v).longValue();
            if (l < 0 || l > 0xffffffffL) {
                throw new IllegalArgumentException(l + " is not a uint32");
            }
            return l;
        }
        @Override Object zero() {
            return 0L;
        }
    },
    FLOAT64("float64") {
        @Override Object read(ByteBuf in, boolean flexible, boolean nullable, Field f) {
            return in.readDouble();
        }
        @Override void write(ByteBuf out, Object v, boolean flexible) {
            out.writeDouble(((Number) v).doubleValue());
        }
        @Override int size(Object v, boolean flexible) {
            return 8;
        }
        @Override Object coerce(Object v) {
            return ((Number) v).doubleValue();
        }
        @Override Object zero() {
            return 0.0d;
        }
    },
    BOOL("bool") {
        @Override Object read(ByteBuf in, boolean flexible, boolean nullable, Field f) {
            return in.readByte() != 0;
        }
        @Override void write(ByteBuf out, Object v, boolean flexible) {
            out.writeByte((Boolean) v ? 1 : 0);
        }
        @Override int size(Object v, boolean flexible) {
            return 1;
        }
        @Override Object coerce(Object v) {
            return (Boolean) v;
        }
        @Override Object zero() {
            return Boolean.FALSE;
        }
    },
    UUID("uuid") {
        @Override Object read(ByteBuf in, boolean flexible, boolean nullable, Field f) {
            long msb = in.readLong();
            long lsb = in.readLong();
            return msb == 0 && lsb == 0 ? Uuid.ZERO : new Uuid(msb, lsb);
        }
        @Override void write(ByteBuf out, Object v, boolean flexible) {
            Uuid u = (Uuid) v;
            out.writeLong(u.mostSignificantBits());
            out.writeLong(u.leastSignificantBits());
        }
        @Override int size(Object v, boolean flexible) {
            return 16;
        }
        @Override Object coerce(Object v) {
            return (Uuid) v;
        }
        @Override Object zero() {
            return Uuid.ZERO;
        }
    },
    /** UTF-8 text: int16 length (classic) or unsigned varint length + 1 (compact); null is -1 / 0. */
    STRING("string") {
        @Override Object read(ByteBuf in, boolean flexible, boolean nullable, Field f) {
            int len = flexible ? Varints.readUnsignedVarint(in) - 1 : in.readShort();
            if (len < 0) {
                checkNull(len, nullable, f);
                return null;
            }
            checkReadable(in, len, f);
            String s = in.toString(in.readerIndex(), len, StandardCharsets.UTF_8);
            in.skipBytes(len);
            return s;
        }
        @Override void write(ByteBuf out, Object v, boolean flexible) {
            if (v == null) {
                writeNullLength(out, flexible, true);
                return;
            }
            CharSequence s = (CharSequence) v;
            int len = ByteBufUtil.utf8Bytes(s);
            if (flexible) {
                Varints.writeUnsignedVarint(out, len + 1);
            } else {
                if (len > Short.MAX_VALUE) {
                    throw new IllegalStateException("String of " + len + " bytes is too long for an int16 length");
                }
                out.writeShort(len);
            }
            ByteBufUtil.reserveAndWriteUtf8(out, s, len);
        }
        @Override int size(Object v, boolean flexible) {
            if (v == null) {
                return flexible ? 1 : 2;
            }
            int len = ByteBufUtil.utf8Bytes((CharSequence) v);
            return len + (flexible ? Varints.sizeOfUnsignedVarint(len + 1) : 2);
        }
        @Override Object coerce(Object v) {
            return (String) v;
        }
        @Override Object zero() {
            return "";
        }
    },
    /** Opaque bytes: int32 length (classic) or unsigned varint length + 1 (compact). */
    BYTES("bytes") {
        @Override Object read(ByteBuf in, boolean flexible, boolean nullable, Field f) {
            int len = readBytesLength(in, flexible, nullable, f);
            if (len < 0) {
                return null;
            }
            byte[] bytes = new byte[len];
            in.readBytes(bytes);
            return bytes;
        }
        @Override void write(ByteBuf out, Object v, boolean flexible) {
            if (v == null) {
                writeNullLength(out, flexible, false);
                return;
            }
            byte[] bytes = (byte[]) v;
            writeBytesLength(out, bytes.length, flexible);
            out.writeBytes(bytes);
        }
        @Override int size(Object v, boolean flexible) {
            return v == null ? (flexible ? 1 : 4) : bytesLengthSize(((byte[]) v).length, flexible) + ((byte[]) v).length;
        }
        @Override Object coerce(Object v) {
            return (byte[]) v;
        }
        @Override Object zero() {
            return EMPTY_BYTES;
        }
    },
    /**
     * Raw record batches, encoded like nullable bytes. Reading yields a {@link ByteBufRecords} slice of the
     * input (no copy); writing is done by {@link MessageOutput#writeRecords} so file ranges stay uncopied.
     */
    RECORDS("records") {
        @Override Object read(ByteBuf in, boolean flexible, boolean nullable, Field f) {
            int len = readBytesLength(in, flexible, nullable, f);
            return len < 0 ? null : new ByteBufRecords(in.readSlice(len));
        }
        @Override void write(ByteBuf out, Object v, boolean flexible) {
            throw new IllegalStateException("records are written through MessageOutput");
        }
        @Override int size(Object v, boolean flexible) {
            if (v == null) {
                return flexible ? 1 : 4;
            }
            int len = ((Records) v).sizeInBytes();
            return bytesLengthSize(len, flexible) + len;
        }
        @Override Object coerce(Object v) {
            return (Records) v;
        }
        @Override Object zero() {
            return null;
        }
    };

    static final byte[] EMPTY_BYTES = new byte[0];

    private final String kafkaName;

    Type(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    /** The type's name in Kafka's message declarations, e.g. {@code int32}. */
    public String kafkaName() {
        return kafkaName;
    }

    abstract Object read(ByteBuf in, boolean flexible, boolean nullable, Field f);

    /** Writes a non-null value, or the null marker for nullable types. */
    abstract void write(ByteBuf out, Object v, boolean flexible);

    abstract int size(Object v, boolean flexible);

    /** Converts a value given to {@link Struct#set} to this type's Java type; ClassCastException if it cannot. */
    abstract Object coerce(Object v);

    /** The implicit default when a declaration gives none: 0, false, "", empty bytes, ZERO, null records. */
    abstract Object zero();

    boolean isNumeric() {
        return this == INT8 || this == INT16 || this == INT32 || this == INT64 || this == UINT16
                || this == UINT32 || this == FLOAT64;
    }

    /**
     * Whether a field of this type is stored unboxed in a {@link Struct}'s {@code long} slots: the numbers
     * and bool. The bits are the value sign- or zero-extended as its Java type is (uint16 and uint32 are
     * never negative), a double's raw bits, and 1 or 0 for bool.
     */
    boolean isPrimitive() {
        return isNumeric() || this == BOOL;
    }

    // The methods below switch on the constant rather than override per constant: the read and write loops
    // call them for every field, and a switch keeps those call sites from going megamorphic.

    /** Reads a primitive value as its bits (see {@link #isPrimitive()}). */
    long readBits(ByteBuf in) {
        return switch (this) {
            case INT8 -> in.readByte();
            case INT16 -> in.readShort();
            case INT32 -> in.readInt();
            case INT64, FLOAT64 -> in.readLong();
            case UINT16 -> in.readUnsignedShort();
            case UINT32 -> in.readUnsignedInt();
            case BOOL -> in.readByte() != 0 ? 1 : 0;
            default -> throw new IllegalStateException(kafkaName + " is not a primitive type");
        };
    }

    /** Writes a primitive value given as its bits. */
    void writeBits(ByteBuf out, long bits) {
        switch (this) {
            case INT8, BOOL -> out.writeByte((int) bits);
            case INT16, UINT16 -> out.writeShort((int) bits);
            case INT32, UINT32 -> out.writeInt((int) bits);
            case INT64, FLOAT64 -> out.writeLong(bits);
            default -> throw new IllegalStateException(kafkaName + " is not a primitive type");
        }
    }

    /** The wire size of a primitive value. */
    int primitiveSize() {
        return switch (this) {
            case INT8, BOOL -> 1;
            case INT16, UINT16 -> 2;
            case INT32, UINT32 -> 4;
            case INT64, FLOAT64 -> 8;
            default -> throw new IllegalStateException(kafkaName + " is not a primitive type");
        };
    }

    /** The bits of a value already {@link #coerce coerced} to this primitive type. */
    long toBits(Object coerced) {
        return switch (this) {
            case FLOAT64 -> Double.doubleToRawLongBits((Double) coerced);
            case BOOL -> (Boolean) coerced ? 1 : 0;
            default -> ((Number) coerced).longValue();
        };
    }

    /**
     * The bits of any value {@link #coerce} accepts, converted as it converts (same truncation, same range
     * checks) but without boxing the result. ClassCastException if the value is of the wrong kind.
     */
    long bitsOf(Object v) {
        if (this == BOOL) {
            return (Boolean) v ? 1 : 0;
        }
        Number n = (Number) v;
        return switch (this) {
            case INT8 -> n.byteValue();
            case INT16 -> n.shortValue();
            case INT32 -> n.intValue();
            case INT64 -> n.longValue();
            case FLOAT64 -> Double.doubleToRawLongBits(n.doubleValue());
            case UINT16, UINT32 -> toBits(coerce(n)); // the range check; unsigned fields are rare
            default -> throw new IllegalStateException(kafkaName + " is not a primitive type");
        };
    }

    /** The boxed Java value of primitive bits, for the by-name {@link Struct#get} and equality. */
    Object box(long bits) {
        return switch (this) {
            case INT8 -> (byte) bits;
            case INT16 -> (short) bits;
            case INT32, UINT16 -> (int) bits;
            case INT64, UINT32 -> bits;
            case FLOAT64 -> Double.longBitsToDouble(bits);
            case BOOL -> bits != 0;
            default -> throw new IllegalStateException(kafkaName + " is not a primitive type");
        };
    }

    static void checkNull(int len, boolean nullable, Field f) {
        if (len != -1) {
            throw new ProtocolException("Negative length " + len + " for " + f.path());
        }
        if (!nullable) {
            throw new ProtocolException("Non-nullable field " + f.path() + " was serialized as null");
        }
    }

    static void checkReadable(ByteBuf in, int len, Field f) {
        if (len > in.readableBytes()) {
            throw new ProtocolException("Length " + len + " of " + f.path() + " exceeds the "
                    + in.readableBytes() + " bytes left");
        }
    }

    static int readBytesLength(ByteBuf in, boolean flexible, boolean nullable, Field f) {
        int len = flexible ? Varints.readUnsignedVarint(in) - 1 : in.readInt();
        if (len < 0) {
            checkNull(len, nullable, f);
            return -1;
        }
        checkReadable(in, len, f);
        return len;
    }

    static void writeBytesLength(ByteBuf out, int len, boolean flexible) {
        if (flexible) {
            Varints.writeUnsignedVarint(out, len + 1);
        } else {
            out.writeInt(len);
        }
    }

    static int bytesLengthSize(int len, boolean flexible) {
        return flexible ? Varints.sizeOfUnsignedVarint(len + 1) : 4;
    }

    static void writeNullLength(ByteBuf out, boolean flexible, boolean int16) {
        if (flexible) {
            out.writeByte(0);
        } else if (int16) {
            out.writeShort(-1);
        } else {
            out.writeInt(-1);
        }
    }
}
