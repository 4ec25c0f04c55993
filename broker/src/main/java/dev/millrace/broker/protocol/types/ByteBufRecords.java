package dev.millrace.broker.protocol.types;

import io.netty.buffer.ByteBuf;

/**
 * Record batches held in a buffer: its readable bytes. When produced by {@link MessageSchema#read}, {@code buf}
 * is a slice of the request buffer that shares its reference count (no copy, no retain): it is valid only
 * while the request buffer is; retain it (or copy) to keep it longer.
 */
public record ByteBufRecords(ByteBuf buf) implements Records {

    public ByteBufRecords {
        if (buf == null) {
            throw new IllegalArgumentException("buf must not be null; use a null Records value for null");
        }
    }

    @Override
    public int sizeInBytes() {
        return buf.readableBytes();
    }
}
