package dev.millrace.streams.kstream;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.processor.TopicNameExtractor;
import dev.millrace.streams.processor.api.FixedKeyProcessorSupplier;
import dev.millrace.streams.processor.api.ProcessorSupplier;
import dev.millrace.streams.state.KeyValueStore;
import org.apache.kafka.common.utils.Bytes;

/**
 * A record stream, as Kafka Streams' {@code KStream}. Operations that may change the key (map, flatMap, selectKey,
 * process) mark the stream for repartitioning: a later grouping or {@link #toTable} writes it through a repartition
 * topic first, so each key's records meet in one task.
 */
public interface KStream<K, V> {
    KStream<K, V> filter(Predicate<? super K, ? super V> predicate);

    KStream<K, V> filter(Predicate<? super K, ? super V> predicate, Named named);

    KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate);

    KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named);

    <KOut> KStream<KOut, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KOut> mapper);

    <KOut> KStream<KOut, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KOut> mapper, Named named);

    <KOut, VOut> KStream<KOut, VOut> map(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KOut, ? extends VOut>> mapper);

    <KOut, VOut> KStream<KOut, VOut> map(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KOut, ? extends VOut>> mapper,
                                         Named named);

    <VOut> KStream<K, VOut> mapValues(ValueMapper<? super V, ? extends VOut> mapper);

    <VOut> KStream<K, VOut> mapValues(ValueMapper<? super V, ? extends VOut> mapper, Named named);

    <VOut> KStream<K, VOut> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VOut> mapper);

    <VOut> KStream<K, VOut> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VOut> mapper, Named named);

    <KOut, VOut> KStream<KOut, VOut> flatMap(
            KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KOut, ? extends VOut>>> mapper);

    <KOut, VOut> KStream<KOut, VOut> flatMap(
            KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KOut, ? extends VOut>>> mapper,
            Named named);

    <VOut> KStream<K, VOut> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VOut>> mapper);

    <VOut> KStream<K, VOut> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VOut>> mapper, Named named);

    <VOut> KStream<K, VOut> flatMapValues(ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VOut>> mapper);

    <VOut> KStream<K, VOut> flatMapValues(ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VOut>> mapper,
                                          Named named);

    void print(Printed<K, V> printed);

    void foreach(ForeachAction<? super K, ? super V> action);

    void foreach(ForeachAction<? super K, ? super V> action, Named named);

    KStream<K, V> peek(ForeachAction<? super K, ? super V> action);

    KStream<K, V> peek(ForeachAction<? super K, ? super V> action, Named named);

    BranchedKStream<K, V> split();

    BranchedKStream<K, V> split(Named named);

    KStream<K, V> merge(KStream<K, V> stream);

    KStream<K, V> merge(KStream<K, V> stream, Named named);

    void to(String topic);

    void to(String topic, Produced<K, V> produced);

    void to(TopicNameExtractor<K, V> topicExtractor);

    void to(TopicNameExtractor<K, V> topicExtractor, Produced<K, V> produced);

    KTable<K, V> toTable();

    KTable<K, V> toTable(Named named);

    KTable<K, V> toTable(Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    KTable<K, V> toTable(Named named, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    KGroupedStream<K, V> groupByKey();

    KGroupedStream<K, V> groupByKey(Grouped<K, V> grouped);

    <KOut> KGroupedStream<KOut, V> groupBy(KeyValueMapper<? super K, ? super V, KOut> keySelector);

    <KOut> KGroupedStream<KOut, V> groupBy(KeyValueMapper<? super K, ? super V, KOut> keySelector, Grouped<KOut, V> grouped);

    <KOut, VOut> KStream<KOut, VOut> process(ProcessorSupplier<? super K, ? super V, ? extends KOut, ? extends VOut> processorSupplier,
                                             String... stateStoreNames);

    <KOut, VOut> KStream<KOut, VOut> process(ProcessorSupplier<? super K, ? super V, ? extends KOut, ? extends VOut> processorSupplier,
                                             Named named, String... stateStoreNames);

    <VOut> KStream<K, VOut> processValues(FixedKeyProcessorSupplier<? super K, ? super V, ? extends VOut> processorSupplier,
                                          String... stateStoreNames);

    <VOut> KStream<K, VOut> processValues(FixedKeyProcessorSupplier<? super K, ? super V, ? extends VOut> processorSupplier,
                                          Named named, String... stateStoreNames);

    /** Writes the stream through a new repartition topic {@code <application.id>-KSTREAM-REPARTITION-<n>-repartition}. */
    KStream<K, V> repartition();

    /** Writes the stream through a repartition topic named, sized and partitioned as {@code repartitioned} says. */
    KStream<K, V> repartition(Repartitioned<K, V> repartitioned);

    /**
     * Joins each record with the table's current row for its key (inner: no row, no output). Records with a null key
     * or value are dropped. A stream whose key may have changed goes through a repartition topic first.
     */
    <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner);

    <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner);

    <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
                                 Joined<K, V, VT> joined);

    <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner,
                                 Joined<K, V, VT> joined);

    /** As {@link #join(KTable, ValueJoiner)}, but a record without a row joins with null (and a null key is joined too). */
    <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner);

    <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table, ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner);

    <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
                                     Joined<K, V, VT> joined);

    <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table, ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner,
                                     Joined<K, V, VT> joined);

    // stream-stream joins: records of both streams with the same key whose timestamps are within the JoinWindows

    <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                 JoinWindows windows);

    <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream,
                                 ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner, JoinWindows windows);

    <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                 JoinWindows windows, StreamJoined<K, V, VO> streamJoined);

    <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream,
                                 ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner, JoinWindows windows,
                                 StreamJoined<K, V, VO> streamJoined);

    <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                     JoinWindows windows);

    <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
                                     ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                     JoinWindows windows);

    <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                     JoinWindows windows, StreamJoined<K, V, VO> streamJoined);

    <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
                                     ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                     JoinWindows windows, StreamJoined<K, V, VO> streamJoined);

    <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                      JoinWindows windows);

    <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
                                      ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                      JoinWindows windows);

    <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                      JoinWindows windows, StreamJoined<K, V, VO> streamJoined);

    <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
                                      ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                      JoinWindows windows, StreamJoined<K, V, VO> streamJoined);

    // stream-globalTable joins: each record looks up the row of the key keySelector derives from it

    <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable, KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                     ValueJoiner<? super V, ? super GV, ? extends RV> joiner);

    <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable, KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                     ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner);

    <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable, KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                     ValueJoiner<? super V, ? super GV, ? extends RV> joiner, Named named);

    <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable, KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                     ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner, Named named);

    <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
                                         KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                         ValueJoiner<? super V, ? super GV, ? extends RV> joiner);

    <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
                                         KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                         ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner);

    <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
                                         KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                         ValueJoiner<? super V, ? super GV, ? extends RV> joiner, Named named);

    <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
                                         KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                         ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner, Named named);

    <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable, KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                     ValueJoinerWithStreamAndMappedKey<? super K, ? super GK, ? super V, ? super GV, ? extends RV> joiner);

    <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable, KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                     ValueJoinerWithStreamAndMappedKey<? super K, ? super GK, ? super V, ? super GV, ? extends RV> joiner,
                                     Named named);

    <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
                                         KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                         ValueJoinerWithStreamAndMappedKey<? super K, ? super GK, ? super V, ? super GV, ? extends RV> joiner);

    <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
                                         KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                         ValueJoinerWithStreamAndMappedKey<? super K, ? super GK, ? super V, ? super GV, ? extends RV> joiner,
                                         Named named);
}
