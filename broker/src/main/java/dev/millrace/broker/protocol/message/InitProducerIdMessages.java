package dev.millrace.broker.protocol.message;

import static dev.millrace.broker.protocol.types.Schema.field;
import static dev.millrace.broker.protocol.types.Schema.message;
import static dev.millrace.broker.protocol.types.Type.*;

import dev.millrace.broker.protocol.types.MessageSchema;

/**
 * InitProducerId (key 22): a producer id and epoch for idempotent and transactional producers. Declared 0-6;
 * v6 (2PC, KIP-939) is unstable in Kafka 4.4.
 */
public final class InitProducerIdMessages {

    public static final MessageSchema REQUEST = message("InitProducerIdRequest", "0-6", "2+",
            field("TransactionalId", STRING, "0+").nullable("0+"),
            field("TransactionTimeoutMs", INT32, "0+"),
            field("ProducerId", INT64, "3+").defaultValue(-1),
            field("ProducerEpoch", INT16, "3+").defaultValue(-1),
            field("Enable2Pc", BOOL, "6+"),
            field("KeepPreparedTxn", BOOL, "6+"));

    public static final MessageSchema RESPONSE = message("InitProducerIdResponse", "0-6", "2+",
            field("ThrottleTimeMs", INT32, "0+"),
            field("ErrorCode", INT16, "0+"),
            field("ProducerId", INT64, "0+").defaultValue(-1),
            field("ProducerEpoch", INT16, "0+"),
            field("OngoingTxnProducerId", INT64, "6+").defaultValue(-1),
            field("OngoingTxnProducerEpoch", INT16, "6+").defaultValue(-1));

    private InitProducerIdMessages() {
    }
}
