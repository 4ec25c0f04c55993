package dev.millrace.broker.log;

/**
 * An offset together with where its batch starts on disk: the segment's base offset and the byte
 * position in it. Lets readers bound a read at the high watermark without searching the segment.
 */
public record LogOffsetMetadata(long offset, long segmentBaseOffset, int position) {
}
