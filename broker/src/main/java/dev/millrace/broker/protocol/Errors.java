package dev.millrace.broker.protocol;

/**
 * Kafka's error codes, one table: the code on the wire, whether a client may retry, and a default message
 * for the {@code ErrorMessage} fields. Codes and retriability match kafka-clients exactly (a test checks);
 * the messages are ours.
 */
public enum Errors {

    UNKNOWN_SERVER_ERROR(-1, false, "The server hit an unexpected error while serving the request."),
    NONE(0, false, null),
    OFFSET_OUT_OF_RANGE(1, false, "The requested offset is outside the partition's range of offsets."),
    CORRUPT_MESSAGE(2, true, "A record batch failed its CRC check, is malformed, or is otherwise corrupt."),
    UNKNOWN_TOPIC_OR_PARTITION(3, true, "This server does not host the topic or partition."),
    INVALID_FETCH_SIZE(4, false, "The requested fetch size is invalid."),
    LEADER_NOT_AVAILABLE(5, true, "The partition has no leader right now, e.g. during an election or just after creation."),
    NOT_LEADER_OR_FOLLOWER(6, true, "This server is not the leader or a follower of the partition."),
    REQUEST_TIMED_OUT(7, true, "The request did not complete within its timeout."),
    BROKER_NOT_AVAILABLE(8, false, "The broker is not available."),
    REPLICA_NOT_AVAILABLE(9, true, "The replica is not available for the partition."),
    MESSAGE_TOO_LARGE(10, false, "The record batch is larger than the server accepts."),
    STALE_CONTROLLER_EPOCH(11, false, "The request came from a controller with an old epoch."),
    OFFSET_METADATA_TOO_LARGE(12, false, "The committed offset's metadata string is too long."),
    NETWORK_EXCEPTION(13, true, "The server disconnected before the response arrived."),
    COORDINATOR_LOAD_IN_PROGRESS(14, true, "The coordinator is still loading its state."),
    COORDINATOR_NOT_AVAILABLE(15, true, "The coordinator is not available."),
    NOT_COORDINATOR(16, true, "This server is not the coordinator for the group or transaction."),
    INVALID_TOPIC_EXCEPTION(17, false, "The topic name is invalid, or the operation is not allowed on this topic."),
    RECORD_LIST_TOO_LARGE(18, false, "The request holds more record data than the server accepts."),
    NOT_ENOUGH_REPLICAS(19, true, "Fewer in-sync replicas than min.insync.replicas; the records were not written."),
    NOT_ENOUGH_REPLICAS_AFTER_APPEND(20, true, "The records were written, but to fewer in-sync replicas than min.insync.replicas."),
    INVALID_REQUIRED_ACKS(21, false, "The acks value is not one of 0, 1 or -1."),
    ILLEGAL_GENERATION(22, false, "The group member's generation is not the group's current generation."),
    INCONSISTENT_GROUP_PROTOCOL(23, false, "The member's protocol type or protocols do not match the group's."),
    INVALID_GROUP_ID(24, false, "The group id is invalid."),
    UNKNOWN_MEMBER_ID(25, false, "The coordinator does not know this member id."),
    INVALID_SESSION_TIMEOUT(26, false, "The session timeout is outside the range the coordinator allows."),
    REBALANCE_IN_PROGRESS(27, false, "The group is rebalancing; the member must rejoin."),
    INVALID_COMMIT_OFFSET_SIZE(28, false, "The committed offset data is too large."),
    TOPIC_AUTHORIZATION_FAILED(29, false, "Not authorized to access the topic."),
    GROUP_AUTHORIZATION_FAILED(30, false, "Not authorized to access the group."),
    CLUSTER_AUTHORIZATION_FAILED(31, false, "Not authorized for this cluster operation."),
    INVALID_TIMESTAMP(32, false, "A record timestamp is outside the accepted range."),
    UNSUPPORTED_SASL_MECHANISM(33, false, "The server does not support the requested SASL mechanism."),
    ILLEGAL_SASL_STATE(34, false, "The request is not valid in the current SASL state."),
    UNSUPPORTED_VERSION(35, false, "The server does not support this version of the request."),
    TOPIC_ALREADY_EXISTS(36, false, "The topic already exists."),
    INVALID_PARTITIONS(37, false, "The number of partitions is invalid."),
    INVALID_REPLICATION_FACTOR(38, false, "The replication factor is invalid."),
    INVALID_REPLICA_ASSIGNMENT(39, false, "The replica assignment is invalid."),
    INVALID_CONFIG(40, false, "The configuration is invalid."),
    NOT_CONTROLLER(41, true, "This server is not the active controller."),
    INVALID_REQUEST(42, false, "The request is malformed or inconsistent; the server log has details."),
    UNSUPPORTED_FOR_MESSAGE_FORMAT(43, false, "The message format of the records does not support this request."),
    POLICY_VIOLATION(44, false, "The request violates a configured policy."),
    OUT_OF_ORDER_SEQUENCE_NUMBER(45, false, "The producer sent a sequence number the broker did not expect next."),
    DUPLICATE_SEQUENCE_NUMBER(46, false, "The producer sent a duplicate sequence number."),
    INVALID_PRODUCER_EPOCH(47, false, "The producer epoch is older than the current one; the producer is fenced."),
    INVALID_TXN_STATE(48, false, "The operation is not valid in the transaction's current state."),
    INVALID_PRODUCER_ID_MAPPING(49, false, "The producer id does not match the transactional id."),
    INVALID_TRANSACTION_TIMEOUT(50, false, "The transaction timeout is larger than the broker allows."),
    CONCURRENT_TRANSACTIONS(51, true, "Another operation on this transaction is still in progress."),
    TRANSACTION_COORDINATOR_FENCED(52, false, "A newer transaction coordinator has taken over."),
    TRANSACTIONAL_ID_AUTHORIZATION_FAILED(53, false, "Not authorized to use the transactional id."),
    SECURITY_DISABLED(54, false, "Security features are disabled."),
    OPERATION_NOT_ATTEMPTED(55, false, "The operation was not attempted because another part of the request failed."),
    KAFKA_STORAGE_ERROR(56, true, "The log directory holding the partition failed."),
    LOG_DIR_NOT_FOUND(57, false, "The log directory does not exist."),
    SASL_AUTHENTICATION_FAILED(58, false, "SASL authentication failed."),
    UNKNOWN_PRODUCER_ID(59, false, "The broker has no state for this producer id."),
    REASSIGNMENT_IN_PROGRESS(60, false, "A partition reassignment is in progress."),
    DELEGATION_TOKEN_AUTH_DISABLED(61, false, "Delegation token authentication is disabled."),
    DELEGATION_TOKEN_NOT_FOUND(62, false, "The delegation token does not exist."),
    DELEGATION_TOKEN_OWNER_MISMATCH(63, false, "The principal does not own the delegation token."),
    DELEGATION_TOKEN_REQUEST_NOT_ALLOWED(64, false, "Delegation token requests are not allowed on this connection."),
    DELEGATION_TOKEN_AUTHORIZATION_FAILED(65, false, "Not authorized for the delegation token operation."),
    DELEGATION_TOKEN_EXPIRED(66, false, "The delegation token has expired."),
    INVALID_PRINCIPAL_TYPE(67, false, "The principal type is not supported."),
    NON_EMPTY_GROUP(68, false, "The group is not empty."),
    GROUP_ID_NOT_FOUND(69, false, "The group does not exist."),
    FETCH_SESSION_ID_NOT_FOUND(70, true, "The fetch session does not exist."),
    INVALID_FETCH_SESSION_EPOCH(71, true, "The fetch session epoch is not the expected one."),
    LISTENER_NOT_FOUND(72, true, "The leader has no endpoint for the listener the request arrived on."),
    TOPIC_DELETION_DISABLED(73, false, "Topic deletion is disabled."),
    FENCED_LEADER_EPOCH(74, true, "The request's leader epoch is older than the broker's."),
    UNKNOWN_LEADER_EPOCH(75, true, "The request's leader epoch is newer than the broker's."),
    UNSUPPORTED_COMPRESSION_TYPE(76, false, "The compression type is not supported for this request version."),
    STALE_BROKER_EPOCH(77, false, "The broker epoch is stale."),
    OFFSET_NOT_AVAILABLE(78, true, "The leader's high watermark is not yet known; no offset is available yet."),
    MEMBER_ID_REQUIRED(79, false, "The group member must rejoin with the member id the coordinator gave it."),
    PREFERRED_LEADER_NOT_AVAILABLE(80, true, "The preferred leader is not available."),
    GROUP_MAX_SIZE_REACHED(81, false, "The group has reached its maximum size."),
    FENCED_INSTANCE_ID(82, false, "Another member with the same group.instance.id has replaced this one."),
    ELIGIBLE_LEADERS_NOT_AVAILABLE(83, true, "No eligible leader is available for the partition."),
    ELECTION_NOT_NEEDED(84, true, "The partition already has the leader the election would choose."),
    NO_REASSIGNMENT_IN_PROGRESS(85, false, "No partition reassignment is in progress."),
    GROUP_SUBSCRIBED_TO_TOPIC(86, false, "The group still subscribes to the topic; its offsets cannot be deleted."),
    INVALID_RECORD(87, false, "A record failed validation on the broker."),
    UNSTABLE_OFFSET_COMMIT(88, true, "A transactional offset commit for the partition is still pending."),
    THROTTLING_QUOTA_EXCEEDED(89, true, "The request exceeded the throttling quota."),
    PRODUCER_FENCED(90, false, "A producer with the same transactional id and a newer epoch exists."),
    RESOURCE_NOT_FOUND(91, false, "The resource does not exist."),
    DUPLICATE_RESOURCE(92, false, "The request names the same resource more than once."),
    UNACCEPTABLE_CREDENTIAL(93, false, "The credential does not meet the requirements."),
    INCONSISTENT_VOTER_SET(94, false, "The voter set does not agree with the quorum's."),
    INVALID_UPDATE_VERSION(95, false, "The update version is invalid."),
    FEATURE_UPDATE_FAILED(96, false, "The feature update failed."),
    PRINCIPAL_DESERIALIZATION_FAILURE(97, false, "The forwarded principal could not be deserialized."),
    SNAPSHOT_NOT_FOUND(98, false, "The snapshot does not exist."),
    POSITION_OUT_OF_RANGE(99, false, "The requested position is outside the snapshot."),
    UNKNOWN_TOPIC_ID(100, true, "This server does not know the topic id."),
    DUPLICATE_BROKER_REGISTRATION(101, false, "A broker with this id is already registered."),
    BROKER_ID_NOT_REGISTERED(102, false, "The broker id is not registered."),
    INCONSISTENT_TOPIC_ID(103, true, "The topic id does not match the topic's id on the broker."),
    INCONSISTENT_CLUSTER_ID(104, false, "The cluster id does not match this cluster's."),
    TRANSACTIONAL_ID_NOT_FOUND(105, false, "The transactional id does not exist."),
    FETCH_SESSION_TOPIC_ID_ERROR(106, true, "The fetch session's topic ids are inconsistent."),
    INELIGIBLE_REPLICA(107, false, "The replica is not eligible to join the in-sync replica set."),
    NEW_LEADER_ELECTED(108, false, "A new leader was elected; the request is no longer valid."),
    OFFSET_MOVED_TO_TIERED_STORAGE(109, false, "The offset is only in tiered storage."),
    FENCED_MEMBER_EPOCH(110, false, "The member epoch is fenced by the coordinator."),
    UNRELEASED_INSTANCE_ID(111, false, "The instance id is still used by another member."),
    UNSUPPORTED_ASSIGNOR(112, false, "The assignor is not supported by the group."),
    STALE_MEMBER_EPOCH(113, false, "The member epoch is stale."),
    MISMATCHED_ENDPOINT_TYPE(114, false, "The request was sent to an endpoint of the wrong type."),
    UNSUPPORTED_ENDPOINT_TYPE(115, false, "This endpoint type is not supported."),
    UNKNOWN_CONTROLLER_ID(116, false, "The controller id is unknown."),
    UNKNOWN_SUBSCRIPTION_ID(117, false, "The client telemetry subscription id is unknown."),
    TELEMETRY_TOO_LARGE(118, false, "The client telemetry payload is too large."),
    INVALID_REGISTRATION(119, false, "The registration is invalid."),
    TRANSACTION_ABORTABLE(120, false, "The transaction hit an error and must be aborted by the client."),
    INVALID_RECORD_STATE(121, false, "The record state is invalid."),
    SHARE_SESSION_NOT_FOUND(122, true, "The share session does not exist."),
    INVALID_SHARE_SESSION_EPOCH(123, true, "The share session epoch is not the expected one."),
    FENCED_STATE_EPOCH(124, false, "The share coordinator state epoch is fenced."),
    INVALID_VOTER_KEY(125, false, "The voter key does not match the receiving replica."),
    DUPLICATE_VOTER(126, false, "The voter is already in the voter set."),
    VOTER_NOT_FOUND(127, false, "The voter is not in the voter set."),
    INVALID_REGULAR_EXPRESSION(128, false, "The regular expression is invalid."),
    REBOOTSTRAP_REQUIRED(129, false, "The client must rebootstrap its metadata."),
    STREAMS_INVALID_TOPOLOGY(130, false, "The streams topology is invalid."),
    STREAMS_INVALID_TOPOLOGY_EPOCH(131, false, "The streams topology epoch is invalid."),
    STREAMS_TOPOLOGY_FENCED(132, false, "The streams topology is fenced."),
    SHARE_SESSION_LIMIT_REACHED(133, true, "The share session limit was reached."),
    GROUP_DELETION_FAILED(134, false, "The group could not be deleted."),
    STREAMS_TOPOLOGY_DESCRIPTION_UPDATE_FAILED(135, false, "The streams topology description could not be updated."),
    CONTROLLER_ID_NOT_REGISTERED(136, false, "The controller id is not registered.");

    private static final Errors[] BY_CODE;

    static {
        int max = 0;
        for (Errors e : values()) {
            max = Math.max(max, e.code);
        }
        BY_CODE = new Errors[max + 2]; // index = code + 1, for UNKNOWN_SERVER_ERROR's -1
        for (Errors e : values()) {
            BY_CODE[e.code + 1] = e;
        }
    }

    private final short code;
    private final boolean retriable;
    private final String message;

    Errors(int code, boolean retriable, String message) {
        this.code = (short) code;
        this.retriable = retriable;
        this.message = message;
    }

    public short code() {
        return code;
    }

    /** Our default text for this error, for ErrorMessage fields; null for NONE, as Kafka sends on success. */
    public String message() {
        return message;
    }

    /** Whether clients treat the error as transient and retry (Kafka's RetriableException family). */
    public boolean retriable() {
        return retriable;
    }

    /** The error with this code; UNKNOWN_SERVER_ERROR for a code we do not know. */
    public static Errors forCode(short code) {
        int i = code + 1;
        Errors e = i >= 0 && i < BY_CODE.length ? BY_CODE[i] : null;
        return e != null ? e : UNKNOWN_SERVER_ERROR;
    }
}
