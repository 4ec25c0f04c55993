/**
 * The classic group coordinator (Kafka's JoinGroup / SyncGroup / Heartbeat protocol) and committed offsets.
 *
 * <p><b>Threading.</b> All group and offset state is owned by one thread, {@code millrace-group-coordinator}
 * ({@link dev.millrace.broker.group.GroupCoordinator}): requests, timers (session expiry, rebalance timeout,
 * initial rebalance delay, pending-sync timeout, offset expiration) and the completions of appends all run
 * there, so no state is locked. Handlers get futures; Netty never waits. Appends to {@code __consumer_offsets}
 * run on that partition's I/O thread ({@link dev.millrace.broker.partition.Partition#append}) and their
 * completion hops back to the coordinator thread before any state changes or any client is answered.
 *
 * <p><b>Persistence.</b> Each group lives in partition {@code abs(groupId.hashCode()) % partitions} of the
 * compacted internal topic {@code __consumer_offsets}, written in Kafka's own key/value schemas
 * ({@link dev.millrace.broker.group.CoordinatorRecords}), so Kafka's tools can read it. A commit is
 * acknowledged only after its records are in the log; group metadata is written after each completed
 * rebalance. At start-up {@link dev.millrace.broker.group.GroupMetadataLoader} replays each partition; until
 * then requests for its groups answer COORDINATOR_LOAD_IN_PROGRESS.
 */
package dev.millrace.broker.group;
