package dev.millrace.broker.handler;

import dev.millrace.broker.config.BrokerConfig;
import dev.millrace.broker.controller.TopicController;
import dev.millrace.broker.group.GroupCoordinator;
import dev.millrace.broker.metadata.BrokerIdentity;
import dev.millrace.broker.metadata.ProducerIdAllocator;
import dev.millrace.broker.metadata.TopicRegistry;
import dev.millrace.broker.partition.PartitionManager;
import dev.millrace.broker.protocol.ApiKey;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/** Wires one handler to each API key the broker advertises. */
public final class Handlers {
    private Handlers() {
    }

    public static HandlerRegistry create(BrokerConfig config, Supplier<BrokerIdentity> identity, TopicRegistry topics,
                                         PartitionManager partitions, TopicController controller,
                                         ProducerIdAllocator producerIds, ScheduledExecutorService scheduler,
                                         GroupCoordinator groups) {
        ConfigDescriber describer = new ConfigDescriber(config);
        boolean autoCreate = config.autoCreateTopics();
        return new HandlerRegistry()
                .register(ApiKey.API_VERSIONS, new ApiVersionsHandler())
                .register(ApiKey.METADATA, new MetadataHandler(identity, topics, partitions, controller, autoCreate))
                .register(ApiKey.PRODUCE, new ProduceHandler(topics, partitions, controller, autoCreate))
                .register(ApiKey.FETCH, new FetchHandler(topics, partitions, scheduler))
                .register(ApiKey.LIST_OFFSETS, new ListOffsetsHandler(partitions))
                .register(ApiKey.OFFSET_FOR_LEADER_EPOCH, new OffsetForLeaderEpochHandler(partitions))
                .register(ApiKey.CREATE_TOPICS, new CreateTopicsHandler(controller, describer))
                .register(ApiKey.DELETE_TOPICS, new DeleteTopicsHandler(controller, topics))
                .register(ApiKey.CREATE_PARTITIONS, new CreatePartitionsHandler(controller))
                .register(ApiKey.DELETE_RECORDS, new DeleteRecordsHandler(partitions))
                .register(ApiKey.DESCRIBE_CONFIGS, new DescribeConfigsHandler(topics, config, describer))
                .register(ApiKey.ALTER_CONFIGS, new AlterConfigsHandler(controller, topics, false))
                .register(ApiKey.INCREMENTAL_ALTER_CONFIGS, new AlterConfigsHandler(controller, topics, true))
                .register(ApiKey.DESCRIBE_CLUSTER, new DescribeClusterHandler(identity))
                .register(ApiKey.INIT_PRODUCER_ID, new InitProducerIdHandler(producerIds, scheduler))
                .register(ApiKey.FIND_COORDINATOR, new FindCoordinatorHandler(identity, groups))
                .register(ApiKey.JOIN_GROUP, new JoinGroupHandler(groups))
                .register(ApiKey.SYNC_GROUP, new SyncGroupHandler(groups))
                .register(ApiKey.HEARTBEAT, new HeartbeatHandler(groups))
                .register(ApiKey.LEAVE_GROUP, new LeaveGroupHandler(groups))
                .register(ApiKey.OFFSET_COMMIT, new OffsetCommitHandler(groups, partitions))
                .register(ApiKey.OFFSET_FETCH, new OffsetFetchHandler(groups))
                .register(ApiKey.DESCRIBE_GROUPS, new DescribeGroupsHandler(groups))
                .register(ApiKey.LIST_GROUPS, new ListGroupsHandler(groups))
                .register(ApiKey.DELETE_GROUPS, new DeleteGroupsHandler(groups))
                .register(ApiKey.OFFSET_DELETE, new OffsetDeleteHandler(groups))
                .verifyComplete();
    }
}
