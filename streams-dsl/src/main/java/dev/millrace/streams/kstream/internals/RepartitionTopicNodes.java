package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.processor.StreamPartitioner;
import dev.millrace.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.common.serialization.Serde;

/**
 * Writes a stream through a repartition topic {@code <prefix>-repartition}: a filter and a sink under the parent, and a
 * new source reading the topic, which starts a new sub-topology. Records with a null key do not cross the topic (Kafka
 * Streams 4.4 drops them too; aggregations and tables would skip them anyway). Generated prefixes
 * ({@code KSTREAM-...-0000000001}) give generated node names, others {@code <topic>-filter}, {@code -sink} and
 * {@code -source}; the three numbers are taken either way, as Kafka Streams does.
 */
final class RepartitionTopicNodes {
    private RepartitionTopicNodes() {
    }

    /**
     * @param partitioner        picks each record's partitions, or null for the producer's partitioner
     * @param numberOfPartitions the topic's partition count, or null for the count of the sub-topology writing it
     * @return the name of the new source node
     */
    static <K, V> String add(InternalStreamsBuilder builder, Serde<K> keySerde, Serde<V> valueSerde, String prefix, String parent,
                             StreamPartitioner<K, V> partitioner, Integer numberOfPartitions) {
        return add(builder, keySerde, valueSerde, prefix, parent, partitioner, numberOfPartitions,
                new KStreamFilter<K, V>((k, v) -> k != null, false));
    }

    /** As above, with the processor in front of the sink ({@code -filter}) given: joins decide there about null keys. */
    static <K, V> String add(InternalStreamsBuilder builder, Serde<K> keySerde, Serde<V> valueSerde, String prefix, String parent,
                             StreamPartitioner<K, V> partitioner, Integer numberOfPartitions,
                             ProcessorSupplier<K, V, K, V> filterSupplier) {
        String topic = prefix.endsWith(KStreamImpl.REPARTITION_TOPIC_SUFFIX) ? prefix : prefix + KStreamImpl.REPARTITION_TOPIC_SUFFIX;
        String genSink = builder.newProcessorName(KStreamImpl.SINK_NAME);
        String genFilter = builder.newProcessorName(KStreamImpl.FILTER_NAME);
        String genSource = builder.newProcessorName(KStreamImpl.SOURCE_NAME);
        boolean generated = prefix.matches("KSTREAM.*-[0-9]{10}");
        String sink = generated ? genSink : topic + "-sink";
        String filter = generated ? genFilter : topic + "-filter";
        String source = generated ? genSource : topic + "-source";
        if (numberOfPartitions == null) builder.topologyBuilder.addInternalTopic(topic);
        else builder.topologyBuilder.addInternalTopic(topic, numberOfPartitions);
        builder.addProcessor(filter, filterSupplier, parent);
        builder.topologyBuilder.addSink(sink, topic, null, InternalStreamsBuilder.serializer(keySerde),
                InternalStreamsBuilder.serializer(valueSerde), partitioner, filter);
        builder.topologyBuilder.addSource(source, InternalStreamsBuilder.deserializer(keySerde),
                InternalStreamsBuilder.deserializer(valueSerde), topic);
        return source;
    }
}
