package dev.millrace.broker.protocol.types;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;

/**
 * A 128-bit identifier (topic ids, directory ids) with Kafka's text form: the 16 big-endian bytes in
 * URL-safe base64 without padding, e.g. {@code bO24EajZRzCxDOkEa7Nojw}. All zeros means "no id".
 */
public record Uuid(long mostSignificantBits, long leastSignificantBits) {

    public static final Uuid ZERO = new Uuid(0L, 0L);

    /** Kafka reserves (0, 1) for the metadata topic; a random id never takes it. */
    public static final Uuid METADATA_TOPIC_ID = new Uuid(0L, 1L);

    /**
     * A random id that is never {@link #ZERO} or {@link #METADATA_TOPIC_ID} and whose text does not start
     * with '-', so command-line tools never mistake it for an option.
     */
    public static Uuid random() {
        while (true) {
            UUID u = UUID.randomUUID();
            Uuid id = new Uuid(u.getMostSignificantBits(), u.getLeastSignificantBits());
            if (!id.equals(ZERO) && !id.equals(METADATA_TOPIC_ID) && !id.toString().startsWith("-")) {
                return id;
            }
        }
    }

    /** Parses the 22-character base64 form written by {@link #toString()}. */
    public static Uuid fromString(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a base64 uuid: " + text, e);
        }
        if (bytes.length != 16) {
            throw new IllegalArgumentException("A uuid has 16 bytes, '" + text + "' has " + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new Uuid(b.getLong(), b.getLong());
    }

    @Override
    public String toString() {
        ByteBuffer b = ByteBuffer.allocate(16).putLong(mostSignificantBits).putLong(leastSignificantBits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }
}
