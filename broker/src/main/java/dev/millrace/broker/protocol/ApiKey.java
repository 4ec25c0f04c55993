package dev.millrace.broker.protocol;

import dev.millrace.broker.protocol.message.AlterConfigsMessages;
import dev.millrace.broker.protocol.message.ApiVersionsMessages;
import dev.millrace.broker.protocol.message.CreatePartitionsMessages;
import dev.millrace.broker.protocol.message.CreateTopicsMessages;
import dev.millrace.broker.protocol.message.DeleteGroupsMessages;
import dev.millrace.broker.protocol.message.DeleteRecordsMessages;
import dev.millrace.broker.protocol.message.DeleteTopicsMessages;
import dev.millrace.broker.protocol.message.DescribeClusterMessages;
import dev.millrace.broker.protocol.message.DescribeConfigsMessages;
import dev.millrace.broker.protocol.message.DescribeGroupsMessages;
import dev.millrace.broker.protocol.message.FetchMessages;
import dev.millrace.broker.protocol.message.FindCoordinatorMessages;
import dev.millrace.broker.protocol.message.HeartbeatMessages;
import dev.millrace.broker.protocol.message.IncrementalAlterConfigsMessages;
import dev.millrace.broker.protocol.message.InitProducerIdMessages;
import dev.millrace.broker.protocol.message.JoinGroupMessages;
import dev.millrace.broker.protocol.message.LeaveGroupMessages;
import dev.millrace.broker.protocol.message.ListGroupsMessages;
import dev.millrace.broker.protocol.message.ListOffsetsMessages;
import dev.millrace.broker.protocol.message.MetadataMessages;
import dev.millrace.broker.protocol.message.OffsetCommitMessages;
import dev.millrace.broker.protocol.message.OffsetDeleteMessages;
import dev.millrace.broker.protocol.message.OffsetFetchMessages;
import dev.millrace.broker.protocol.message.OffsetForLeaderEpochMessages;
import dev.millrace.broker.protocol.message.ProduceMessages;
import dev.millrace.broker.protocol.message.SyncGroupMessages;
import dev.millrace.broker.protocol.types.MessageSchema;

/**
 * The APIs the broker implements, with the version range it advertises in ApiVersions (PROTOCOL.md 4.3).
 * The schemas cover wider ranges (all of kafka-clients 4.4's), so raising a maximum here is cheap once the
 * handler supports the new version. Where Kafka 4.0 dropped old schema-only versions (KIP-896) we still serve
 * them from 0, so clients pinned to old versions keep working (docs/decisions/004-old-api-versions.md).
 */
public enum ApiKey {

    /** Advertised from 0 so librdkafka &lt; 2.11 still compresses (KAFKA-18659); v0-2 are refused. */
    PRODUCE(0, "Produce", ProduceMessages.REQUEST, ProduceMessages.RESPONSE, 0, 12, 3),
    FETCH(1, "Fetch", FetchMessages.REQUEST, FetchMessages.RESPONSE, 4, 12),
    LIST_OFFSETS(2, "ListOffsets", ListOffsetsMessages.REQUEST, ListOffsetsMessages.RESPONSE, 0, 10),
    METADATA(3, "Metadata", MetadataMessages.REQUEST, MetadataMessages.RESPONSE, 0, 12),
    OFFSET_COMMIT(8, "OffsetCommit", OffsetCommitMessages.REQUEST, OffsetCommitMessages.RESPONSE, 2, 9),
    OFFSET_FETCH(9, "OffsetFetch", OffsetFetchMessages.REQUEST, OffsetFetchMessages.RESPONSE, 1, 9),
    /** From 0: librdkafka probes FindCoordinator v0 for its LZ4 feature. */
    FIND_COORDINATOR(10, "FindCoordinator", FindCoordinatorMessages.REQUEST, FindCoordinatorMessages.RESPONSE, 0, 6),
    JOIN_GROUP(11, "JoinGroup", JoinGroupMessages.REQUEST, JoinGroupMessages.RESPONSE, 0, 9),
    HEARTBEAT(12, "Heartbeat", HeartbeatMessages.REQUEST, HeartbeatMessages.RESPONSE, 0, 4),
    LEAVE_GROUP(13, "LeaveGroup", LeaveGroupMessages.REQUEST, LeaveGroupMessages.RESPONSE, 0, 5),
    SYNC_GROUP(14, "SyncGroup", SyncGroupMessages.REQUEST, SyncGroupMessages.RESPONSE, 0, 5),
    DESCRIBE_GROUPS(15, "DescribeGroups", DescribeGroupsMessages.REQUEST, DescribeGroupsMessages.RESPONSE, 0, 6),
    LIST_GROUPS(16, "ListGroups", ListGroupsMessages.REQUEST, ListGroupsMessages.RESPONSE, 0, 5),
    API_VERSIONS(18, "ApiVersions", ApiVersionsMessages.REQUEST, ApiVersionsMessages.RESPONSE, 0, 4),
    CREATE_TOPICS(19, "CreateTopics", CreateTopicsMessages.REQUEST, CreateTopicsMessages.RESPONSE, 0, 7),
    DELETE_TOPICS(20, "DeleteTopics", DeleteTopicsMessages.REQUEST, DeleteTopicsMessages.RESPONSE, 0, 6),
    DELETE_RECORDS(21, "DeleteRecords", DeleteRecordsMessages.REQUEST, DeleteRecordsMessages.RESPONSE, 0, 2),
    INIT_PRODUCER_ID(22, "InitProducerId", InitProducerIdMessages.REQUEST, InitProducerIdMessages.RESPONSE, 0, 5),
    OFFSET_FOR_LEADER_EPOCH(23, "OffsetForLeaderEpoch", OffsetForLeaderEpochMessages.REQUEST,
            OffsetForLeaderEpochMessages.RESPONSE, 0, 4),
    DESCRIBE_CONFIGS(32, "DescribeConfigs", DescribeConfigsMessages.REQUEST, DescribeConfigsMessages.RESPONSE,
            0, 4),
    ALTER_CONFIGS(33, "AlterConfigs", AlterConfigsMessages.REQUEST, AlterConfigsMessages.RESPONSE, 0, 2),
    CREATE_PARTITIONS(37, "CreatePartitions", CreatePartitionsMessages.REQUEST, CreatePartitionsMessages.RESPONSE,
            0, 3),
    DELETE_GROUPS(42, "DeleteGroups", DeleteGroupsMessages.REQUEST, DeleteGroupsMessages.RESPONSE, 0, 2),
    INCREMENTAL_ALTER_CONFIGS(44, "IncrementalAlterConfigs", IncrementalAlterConfigsMessages.REQUEST,
            IncrementalAlterConfigsMessages.RESPONSE, 0, 1),
    OFFSET_DELETE(47, "OffsetDelete", OffsetDeleteMessages.REQUEST, OffsetDeleteMessages.RESPONSE, 0, 0),
    DESCRIBE_CLUSTER(60, "DescribeCluster", DescribeClusterMessages.REQUEST, DescribeClusterMessages.RESPONSE, 0, 2);

    private static final ApiKey[] BY_ID;

    static {
        int max = 0;
        for (ApiKey k : values()) {
            max = Math.max(max, k.id);
        }
        BY_ID = new ApiKey[max + 1];
        for (ApiKey k : values()) {
            BY_ID[k.id] = k;
        }
    }

    private final short id;
    private final String apiName;
    private final MessageSchema request;
    private final MessageSchema response;
    private final short minVersion;
    private final short maxVersion;
    private final short minAcceptedVersion;
    private final short firstFlexibleVersion;

    ApiKey(int id, String apiName, MessageSchema request, MessageSchema response, int minVersion, int maxVersion) {
        this(id, apiName, request, response, minVersion, maxVersion, minVersion);
    }

    ApiKey(int id, String apiName, MessageSchema request, MessageSchema response, int minVersion, int maxVersion,
           int minAcceptedVersion) {
        this.id = (short) id;
        this.apiName = apiName;
        this.request = request;
        this.response = response;
        this.minVersion = (short) minVersion;
        this.maxVersion = (short) maxVersion;
        this.minAcceptedVersion = (short) minAcceptedVersion;
        this.firstFlexibleVersion = request.flexibleVersions().isEmpty()
                ? Short.MAX_VALUE : request.flexibleVersions().lowest();
        if (!request.versions().contains(this.minAcceptedVersion) || !request.versions().contains(this.maxVersion)) {
            throw new IllegalStateException(apiName + " accepts versions its schema does not declare");
        }
    }

    public short id() {
        return id;
    }

    /** Kafka's name of the API, e.g. {@code Produce} (the enum's {@code name()} is {@code PRODUCE}). */
    public String apiName() {
        return apiName;
    }

    public MessageSchema request() {
        return request;
    }

    public MessageSchema response() {
        return response;
    }

    /** The lowest version advertised in ApiVersions. */
    public short minVersion() {
        return minVersion;
    }

    /** The highest version advertised in ApiVersions (and accepted). */
    public short maxVersion() {
        return maxVersion;
    }

    /** The lowest version actually served; above {@link #minVersion()} only for Produce (3). */
    public short minAcceptedVersion() {
        return minAcceptedVersion;
    }

    /** The first flexible version, or {@link Short#MAX_VALUE} if the API has none. */
    public short firstFlexibleVersion() {
        return firstFlexibleVersion;
    }

    /**
     * 2 (with a tagged-field section) for flexible versions, else 1. Versions above the schema's count as
     * flexible when the newest one is (flexible ranges are open-ended), which is what a too-new ApiVersions
     * request needs (PROTOCOL.md 1.2).
     */
    public short requestHeaderVersion(short apiVersion) {
        return (short) (apiVersion >= firstFlexibleVersion ? 2 : 1);
    }

    /** 1 for flexible versions, else 0; ApiVersions always answers with header v0 (PROTOCOL.md 1.3). */
    public short responseHeaderVersion(short apiVersion) {
        if (this == API_VERSIONS) {
            return 0;
        }
        return (short) (apiVersion >= firstFlexibleVersion ? 1 : 0);
    }

    /** Whether a request of this version is served (not only advertised). */
    public boolean isSupported(short version) {
        return version >= minAcceptedVersion && version <= maxVersion;
    }

    /** The API with this key, or null if we do not implement it. */
    public static ApiKey forId(short id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
