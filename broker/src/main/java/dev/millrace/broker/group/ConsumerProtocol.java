package dev.millrace.broker.group;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Just enough of the consumer's embedded protocol (ConsumerProtocolSubscription, every version starts with
 * an int16 version then the subscribed topic names) to tell which topics a consumer group reads, which
 * OffsetDelete needs. The coordinator is otherwise blind to what the member metadata holds.
 */
final class ConsumerProtocol {
    static final String PROTOCOL_TYPE = "consumer";

    private ConsumerProtocol() {
    }

    /** The topics of a subscription, or null if the bytes are not a readable subscription. */
    static Set<String> subscribedTopics(byte[] subscription) {
        if (subscription == null) {
            return null;
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(subscription);
            short version = in.getShort();
            if (version < 0) {
                return null;
            }
            int count = in.getInt();
            if (count < 0 || count > in.remaining() / 2) {
                return null;
            }
            Set<String> topics = new HashSet<>();
            for (int i = 0; i < count; i++) {
                int len = in.getShort();
                if (len < 0 || len > in.remaining()) {
                    return null;
                }
                byte[] name = new byte[len];
                in.get(name);
                topics.add(new String(name, StandardCharsets.UTF_8));
            }
            return topics;
        } catch (BufferUnderflowException e) {
            return null;
        }
    }
}
