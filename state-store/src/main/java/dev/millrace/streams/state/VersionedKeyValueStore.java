package dev.millrace.streams.state;

import dev.millrace.streams.processor.StateStore;

/**
 * A key-value store keeping the versions of each key's value by timestamp, as Kafka Streams'
 * {@code VersionedKeyValueStore}: one version per key and timestamp (a second put at the same timestamp replaces the
 * first), deletes are versions too (tombstones), and {@link #get(Object, long)} answers "what was the value at time t".
 *
 * <p>The store has a history retention, which doubles as its grace period. Observed stream time is the largest
 * timestamp put so far. Writes older than stream time minus the history retention are rejected
 * ({@link #PUT_RETURN_CODE_NOT_PUT}, or null from {@link #delete}); reads as of a timestamp older than that return
 * only the latest version, if it is old enough, and null otherwise. The latest version of a key never expires.
 */
public interface VersionedKeyValueStore<K, V> extends StateStore {
    /** {@link #put} made the record the latest version of its key, so it has no validTo. */
    long PUT_RETURN_CODE_VALID_TO_UNDEFINED = -1L;
    /** {@link #put} dropped the record: its timestamp is older than the grace period allows. */
    long PUT_RETURN_CODE_NOT_PUT = Long.MIN_VALUE;

    /**
     * Adds a version of {@code key}'s value valid from {@code timestamp}; a null value is a delete (a tombstone
     * version). Returns the new version's validTo (the timestamp of the next version), or one of the two codes.
     */
    long put(K key, V value, long timestamp);

    /**
     * Puts a tombstone at {@code timestamp} and returns the record that was valid at that timestamp (inclusive), or
     * null if none; null, and nothing deleted, if the timestamp is older than the grace period allows.
     */
    VersionedRecord<V> delete(K key, long timestamp);

    /** The latest version of {@code key}'s value, or null if there is none or it is a tombstone. */
    VersionedRecord<V> get(K key);

    /**
     * The version with the largest timestamp not above {@code asOfTimestamp}, with its validTo unless it is the
     * latest; null if there is none, it is a tombstone, or the timestamp is beyond the history retention (then only a
     * latest version old enough is returned).
     */
    VersionedRecord<V> get(K key, long asOfTimestamp);
}
