/**
 * The runtime behind a topology: what {@link dev.millrace.streams.Topology} records
 * ({@link dev.millrace.streams.processor.internals.InternalTopologyBuilder}), its Kafka-format description, and one
 * task's nodes, context, stream time and punctuation ({@link dev.millrace.streams.processor.internals.StreamTask}),
 * which both the test driver and the broker runtime drive. For the broker runtime: the sub-topologies and tasks
 * ({@code TopologyMetadata}), internal topic creation and co-partitioning ({@code InternalTopicManager}), the stream
 * threads ({@code StreamThread}, {@code ActiveTask}), the group's task assignor ({@code StreamsPartitionAssignor}) and
 * the stores' changelog context ({@code TaskStateStoreContext}); global stores ({@code GlobalStateTask}, kept by the
 * {@code GlobalStreamThread}). Applications never import it.
 */
package dev.millrace.streams.processor.internals;
