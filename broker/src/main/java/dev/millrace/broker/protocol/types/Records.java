package dev.millrace.broker.protocol.types;

/**
 * The value of a {@code records} field: raw record batches the codec moves without looking inside.
 * Either bytes in memory ({@link ByteBufRecords}) or a range of a log segment file ({@link FileRecords})
 * that a response sends with zero copy.
 */
public sealed interface Records permits ByteBufRecords, FileRecords {

    int sizeInBytes();
}
