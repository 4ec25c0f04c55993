package dev.millrace.streams.kstream.internals.foreignkeyjoin;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hash a subscription carries of the left row's serialized value, returned with the answer, so an answer to an
 * older version of the row is recognised and dropped (Kafka Streams uses a 128-bit Murmur3; any stable 128-bit hash
 * does, as only this application compares them).
 */
final class ValueHash {
    private ValueHash() {
    }

    static byte[] of(byte[] serializedValue) {
        if (serializedValue == null) return null;
        try {
            return MessageDigest.getInstance("MD5").digest(serializedValue);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JDK algorithm", e);
        }
    }
}
