package dev.millrace.broker.protocol.message;

import static dev.millrace.broker.protocol.types.Schema.array;
import static dev.millrace.broker.protocol.types.Schema.arrayOf;
import static dev.millrace.broker.protocol.types.Schema.field;
import static dev.millrace.broker.protocol.types.Schema.message;
import static dev.millrace.broker.protocol.types.Type.*;

import dev.millrace.broker.protocol.types.MessageSchema;

/**
 * FindCoordinator (key 10): which broker coordinates a group or transactional id. Up to v3 one {@code Key}
 * per request and the answer in top-level fields ({@code NodeId}, {@code Host}, {@code Port}, {@code ErrorCode},
 * {@code ErrorMessage}); from v4 a batch of {@code CoordinatorKeys} answered per key in {@code Coordinators}.
 * {@code KeyType}: 0 group, 1 transaction, 2 share group.
 */
public final class FindCoordinatorMessages {

    public static final MessageSchema REQUEST = message("FindCoordinatorRequest", "0-6", "3+",
            field("Key", STRING, "0-3"),
            field("KeyType", INT8, "1+"),
            arrayOf("CoordinatorKeys", STRING, "4+"));

    public static final MessageSchema RESPONSE = message("FindCoordinatorResponse", "0-6", "3+",
            field("ThrottleTimeMs", INT32, "1+"),
            field("ErrorCode", INT16, "0-3"),
            field("ErrorMessage", STRING, "1-3").nullable("1-3"),
            field("NodeId", INT32, "0-3"),
            field("Host", STRING, "0-3"),
            field("Port", INT32, "0-3"),
            array("Coordinators", "Coordinator", "4+",
                field("Key", STRING, "4+"),
                field("NodeId", INT32, "4+"),
                field("Host", STRING, "4+"),
                field("Port", INT32, "4+"),
                field("ErrorCode", INT16, "4+"),
                field("ErrorMessage", STRING, "4+").nullable("4+")));

    private FindCoordinatorMessages() {
    }
}
