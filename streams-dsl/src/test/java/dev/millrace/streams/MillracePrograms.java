package dev.millrace.streams;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import dev.millrace.streams.KeyValue;
import dev.millrace.streams.StreamsBuilder;
import dev.millrace.streams.kstream.Branched;
import dev.millrace.streams.kstream.Consumed;
import dev.millrace.streams.kstream.Grouped;
import dev.millrace.streams.kstream.KGroupedStream;
import dev.millrace.streams.kstream.KStream;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.kstream.Named;
import dev.millrace.streams.kstream.Produced;
import dev.millrace.streams.processor.PunctuationType;
import dev.millrace.streams.processor.RecordContext;
import dev.millrace.streams.processor.TopicNameExtractor;
import dev.millrace.streams.processor.api.ContextualFixedKeyProcessor;
import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.FixedKeyRecord;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.Stores;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The differential test's programs written against Millrace: KafkaPrograms with the imports
 * of org.apache.kafka.streams changed to dev.millrace.streams and nothing else (a test checks it).
 */
final class MillracePrograms {
    private MillracePrograms() {
    }

    /** The word count of Kafka's documentation, with a named store. */
    static void wordCount(StreamsBuilder b) {
        b.stream("text", Consumed.with(Serdes.String(), Serdes.String()))
                .flatMapValues(v -> Arrays.asList(v.toLowerCase(Locale.ROOT).split("\\W+")))
                .filter((k, w) -> !w.isEmpty())
                .groupBy((k, w) -> w)
                .count(Materialized.as("counts-store"))
                .toStream()
                .to("counts", Produced.with(Serdes.String(), Serdes.Long()));
    }

    /** Several updates of one key from one input record: with caching only the last is forwarded. */
    static void coalescing(StreamsBuilder b) {
        b.<String, String>stream("text")
                .flatMapValues(v -> Arrays.asList(v.split(" ")))
                .groupByKey()
                .count()
                .toStream()
                .to("per-key-counts", Produced.valueSerde(Serdes.Long()));
    }

    /** Word count with every name generated, so node, store and repartition names come from the counter. */
    static void wordCountGeneratedNames(StreamsBuilder b) {
        KStream<String, String> text = b.stream("text");
        text.filter((k, v) -> v != null)
                .flatMapValues(v -> Arrays.asList(v.split(" ")))
                .groupBy((k, w) -> w.toLowerCase(Locale.ROOT))
                .count()
                .toStream()
                .mapValues(c -> Long.toString(c))
                .to("counts");
    }

    static void filterMapChain(StreamsBuilder b) {
        KStream<String, String> s = b.stream("text");
        s.filter((k, v) -> v != null && v.length() % 2 == 0)
                .mapValues(v -> v.toUpperCase(Locale.ROOT))
                .map((k, v) -> KeyValue.pair(v.isEmpty() ? "empty" : v.substring(0, 1), k))
                .filterNot((k, v) -> "T".equals(k))
                .selectKey((k, v) -> k + "-" + v)
                .peek((k, v) -> { })
                .flatMap((k, v) -> List.of(KeyValue.pair(k, v), KeyValue.pair(v, k)))
                .to("chain-out");
        s.mapValues((k, v) -> k + ":" + v, Named.as("key-and-value"))
                .filterNot((k, v) -> v.endsWith("null"))
                .flatMapValues((k, v) -> Arrays.asList(v.split(" ")), Named.as("words"))
                .to("chain-out-2", Produced.as("named-sink"));
    }

    static void branches(StreamsBuilder b) {
        Map<String, KStream<String, String>> m = b.<String, String>stream("text")
                .filter((k, v) -> v != null)
                .split(Named.as("split-"))
                .branch((k, v) -> v.startsWith("the"), Branched.as("the"))
                .branch((k, v) -> v.length() > 20, Branched.withConsumer(s -> s.mapValues(v -> v.length() + "").to("long")))
                .branch((k, v) -> v.isEmpty(), Branched.withFunction(s -> s.mapValues(v -> "EMPTY"), "empty"))
                .defaultBranch();
        m.get("split-the").merge(m.get("split-empty")).to("merged");
        m.get("split-0").to("rest");
        b.<String, String>stream("other").split()
                .branch((k, v) -> k == null)
                .branch((k, v) -> v == null)
                .noDefaultBranch()
                .forEach((name, stream) -> stream.mapValues(v -> name).to("unnamed-branches"));
    }

    static void aggregate(StreamsBuilder b) {
        KGroupedStream<String, String> g = b.stream("text", Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey(Grouped.with(Serdes.String(), Serdes.String()));
        g.aggregate(() -> 0L, (k, v, agg) -> agg + v.length(), Materialized.with(Serdes.String(), Serdes.Long()))
                .toStream().to("lengths", Produced.with(Serdes.String(), Serdes.Long()));
        g.reduce((a, c) -> c.length() >= a.length() ? c : a).toStream().to("longest");
        g.count(Named.as("counter")).filter((k, c) -> c % 2 == 0).toStream().mapValues(c -> "even " + c).to("even-counts");
    }

    /** Materialized options: caching and logging off, an in-memory supplier, a materialized filter. */
    static void materializedOptions(StreamsBuilder b) {
        KGroupedStream<String, String> g = b.<String, String>stream("text").groupByKey();
        g.reduce((a, c) -> c + a, Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("uncached")
                        .withCachingDisabled().withLoggingDisabled())
                .toStream()
                .to("uncached-out");
        g.aggregate(() -> 0L, (k, v, n) -> n + 1,
                        Materialized.<String, Long>as(Stores.inMemoryKeyValueStore("in-memory")).withValueSerde(Serdes.Long()))
                .filter((k, n) -> n % 3 != 0,
                        Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("filtered").withValueSerde(Serdes.Long()))
                .toStream()
                .to("in-memory-out", Produced.valueSerde(Serdes.Long()));
    }

    /** A cached aggregate feeding another in the same task: the second sees the first's flushed updates. */
    static void chainedAggregates(StreamsBuilder b) {
        b.<String, String>stream("text")
                .flatMapValues(v -> Arrays.asList(v.split(" ")))
                .groupByKey()
                .count()
                .toStream()
                .groupByKey(Grouped.with(Serdes.String(), Serdes.Long()))
                .reduce(Long::sum)
                .toStream()
                .mapValues(n -> "running " + n)
                .to("chained");
    }

    /** Aggregation after a key change through a named grouping: the repartition topic takes the grouping's name. */
    static void groupedRepartition(StreamsBuilder b) {
        b.<String, String>stream("text")
                .selectKey((k, v) -> v == null || v.isEmpty() ? null : v.substring(0, 1))
                .groupByKey(Grouped.as("by-letter"))
                .reduce((a, c) -> a + "|" + c, Materialized.as("letters"))
                .toStream()
                .to("letters-out");
    }

    static void tableFilter(StreamsBuilder b) {
        b.table("table-in", Consumed.with(Serdes.String(), Serdes.String()))
                .filter((k, v) -> v.contains("fox"))
                .toStream()
                .to("foxes");
        b.<String, String>table("table-in-2", Materialized.as("table-store"))
                .filterNot((k, v) -> v.length() < 10)
                .mapValues(v -> v.length() + "", Materialized.as("lengths-store"))
                .toStream()
                .to("long-rows");
    }

    static void streamToTable(StreamsBuilder b) {
        b.<String, String>stream("text")
                .selectKey((k, v) -> v == null || v.isEmpty() ? "none" : v.substring(0, 1))
                .toTable()
                .mapValues(v -> v.toUpperCase(Locale.ROOT))
                .toStream()
                .to("by-letter");
        b.<String, String>stream("other")
                .toTable(Materialized.as("other-table"))
                .filter((k, v) -> v.length() > 5)
                .toStream((k, v) -> v)
                .to("other-out");
    }

    static final class ByFirstLetter implements TopicNameExtractor<String, String> {
        @Override
        public String extract(String key, String value, RecordContext recordContext) {
            return value.isEmpty() ? "letter-none" : "letter-" + value.substring(0, 1).toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return "ByFirstLetter";
        }
    }

    /** Names the topic after where the record came from: after a cache, the input record that made the update. */
    static final class ByOrigin implements TopicNameExtractor<String, String> {
        @Override
        public String extract(String key, String value, RecordContext recordContext) {
            return "from-" + recordContext.topic() + "-" + (recordContext.offset() % 2);
        }

        @Override
        public String toString() {
            return "ByOrigin";
        }
    }

    static void dynamicTopics(StreamsBuilder b) {
        KStream<String, String> text = b.stream("text");
        text.filter((k, v) -> v != null).to(new ByFirstLetter());
        text.groupByKey().count().toStream().mapValues(n -> Long.toString(n)).to(new ByOrigin());
    }

    /** process and processValues with a store, stream-time punctuation and timestamps changed on the way. */
    static void processors(StreamsBuilder b) {
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("seen"), Serdes.String(), Serdes.Long()));
        b.<String, String>stream("text")
                .process(() -> new ContextualProcessor<String, String, String, String>() {
                    private KeyValueStore<String, Long> seen;

                    @Override
                    public void init(ProcessorContext<String, String> context) {
                        super.init(context);
                        seen = context.getStateStore("seen");
                        context.schedule(Duration.ofMillis(700), PunctuationType.STREAM_TIME,
                                ts -> context.forward(new Record<>("tick", "stream time " + ts, ts)));
                    }

                    @Override
                    public void process(Record<String, String> r) {
                        if (r.key() == null) return;
                        Long n = seen.get(r.key());
                        n = n == null ? 1 : n + 1;
                        seen.put(r.key(), n);
                        context().forward(r.withValue(r.key() + "#" + n).withTimestamp(r.timestamp() + 1));
                    }
                }, "seen")
                .processValues(() -> new ContextualFixedKeyProcessor<String, String, String>() {
                    @Override
                    public void process(FixedKeyRecord<String, String> r) {
                        context().forward(r.withValue(r.value() + "@" + context().currentStreamTimeMs()));
                    }
                })
                .to("processed");
    }
}
