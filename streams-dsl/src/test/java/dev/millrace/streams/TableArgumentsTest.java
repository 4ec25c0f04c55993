package dev.millrace.streams;

import dev.millrace.streams.kstream.Grouped;
import dev.millrace.streams.kstream.Joined;
import dev.millrace.streams.kstream.KGroupedTable;
import dev.millrace.streams.kstream.KStream;
import dev.millrace.streams.kstream.KTable;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.kstream.Named;
import dev.millrace.streams.kstream.ValueJoiner;
import dev.millrace.streams.kstream.ValueJoinerWithKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Bad arguments to stream-table joins, table-table joins (foreign-key ones too) and table grouping fail as in Kafka Streams: the same call
 * is made on Kafka Streams' DSL and on ours, and both must throw the same exception type with the same message (or,
 * where Kafka Streams accepts the call, neither throws).
 */
class TableArgumentsTest {
    /** The operands every case starts from, on one side (Kafka Streams' or Millrace's). */
    private record KafkaOperands(org.apache.kafka.streams.kstream.KStream<String, String> stream,
                                 org.apache.kafka.streams.kstream.KTable<String, String> table,
                                 org.apache.kafka.streams.kstream.KGroupedTable<String, String> grouped) {
        static KafkaOperands create() {
            var b = new org.apache.kafka.streams.StreamsBuilder();
            var table = b.<String, String>table("t");
            return new KafkaOperands(b.stream("s"), table,
                    b.<String, String>table("t2").groupBy(org.apache.kafka.streams.KeyValue::pair));
        }
    }

    private record Operands(KStream<String, String> stream, KTable<String, String> table, KGroupedTable<String, String> grouped) {
        static Operands create() {
            StreamsBuilder b = new StreamsBuilder();
            KTable<String, String> table = b.table("t");
            return new Operands(b.stream("s"), table, b.<String, String>table("t2").groupBy(KeyValue::pair));
        }
    }

    private record Case(String name, Consumer<KafkaOperands> kafka, Consumer<Operands> millrace) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final ValueJoiner<String, String, String> JOINER = (a, b) -> a + b;
    private static final org.apache.kafka.streams.kstream.ValueJoiner<String, String, String> K_JOINER = (a, b) -> a + b;

    static List<Case> cases() {
        return List.of(
                new Case("stream join null table", k -> k.stream().join(null, K_JOINER), m -> m.stream().join(null, JOINER)),
                new Case("stream join null joiner", k -> k.stream().join(k.table(), (org.apache.kafka.streams.kstream.ValueJoiner<String, String, String>) null),
                        m -> m.stream().join(m.table(), (ValueJoiner<String, String, String>) null)),
                new Case("stream join null keyed joiner",
                        k -> k.stream().join(k.table(), (org.apache.kafka.streams.kstream.ValueJoinerWithKey<String, String, String, String>) null),
                        m -> m.stream().join(m.table(), (ValueJoinerWithKey<String, String, String, String>) null)),
                new Case("stream join null joined", k -> k.stream().join(k.table(), K_JOINER, null),
                        m -> m.stream().join(m.table(), JOINER, null)),
                new Case("stream leftJoin null table", k -> k.stream().leftJoin(null, K_JOINER), m -> m.stream().leftJoin(null, JOINER)),
                new Case("stream leftJoin null joiner",
                        k -> k.stream().leftJoin(k.table(), (org.apache.kafka.streams.kstream.ValueJoiner<String, String, String>) null),
                        m -> m.stream().leftJoin(m.table(), (ValueJoiner<String, String, String>) null)),
                new Case("stream leftJoin null joined", k -> k.stream().leftJoin(k.table(), K_JOINER, null),
                        m -> m.stream().leftJoin(m.table(), JOINER, null)),
                new Case("table join null other", k -> k.table().join(null, K_JOINER), m -> m.table().join(null, JOINER)),
                new Case("table join null joiner", k -> k.table().join(k.table(), null), m -> m.table().join(m.table(), null)),
                new Case("table join null named", k -> k.table().join(k.table(), K_JOINER, (org.apache.kafka.streams.kstream.Named) null),
                        m -> m.table().join(m.table(), JOINER, (Named) null)),
                new Case("table join null materialized",
                        k -> k.table().join(k.table(), K_JOINER,
                                (org.apache.kafka.streams.kstream.Materialized<String, String, org.apache.kafka.streams.state.KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>>) null),
                        m -> m.table().join(m.table(), JOINER,
                                (Materialized<String, String, dev.millrace.streams.state.KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>>) null)),
                new Case("table leftJoin null other", k -> k.table().leftJoin(null, K_JOINER), m -> m.table().leftJoin(null, JOINER)),
                new Case("table outerJoin null joiner", k -> k.table().outerJoin(k.table(), null), m -> m.table().outerJoin(m.table(), null)),
                new Case("groupBy null selector", k -> k.table().groupBy(null), m -> m.table().groupBy(null)),
                new Case("groupBy null grouped", k -> k.table().groupBy(org.apache.kafka.streams.KeyValue::pair, null),
                        m -> m.table().groupBy(KeyValue::pair, (Grouped<String, String>) null)),
                new Case("reduce null adder", k -> k.grouped().reduce(null, (a, b) -> a), m -> m.grouped().reduce(null, (a, b) -> a)),
                new Case("reduce null subtractor", k -> k.grouped().reduce((a, b) -> a, null), m -> m.grouped().reduce((a, b) -> a, null)),
                new Case("aggregate null initializer", k -> k.grouped().aggregate(null, (x, v, a) -> a, (x, v, a) -> a),
                        m -> m.grouped().aggregate(null, (x, v, a) -> a, (x, v, a) -> a)),
                new Case("aggregate null adder", k -> k.grouped().aggregate(() -> "", null, (x, v, a) -> a),
                        m -> m.grouped().aggregate(() -> "", null, (x, v, a) -> a)),
                new Case("aggregate null subtractor", k -> k.grouped().aggregate(() -> "", (x, v, a) -> a, null),
                        m -> m.grouped().aggregate(() -> "", (x, v, a) -> a, null)),
                new Case("fk join null table", k -> k.table().join(null, v -> v, K_JOINER), m -> m.table().join(null, v -> v, JOINER)),
                new Case("fk join null extractor",
                        k -> k.table().join(k.table(), (java.util.function.Function<String, String>) null, K_JOINER),
                        m -> m.table().join(m.table(), (java.util.function.Function<String, String>) null, JOINER)),
                new Case("fk leftJoin null key-value extractor",
                        k -> k.table().leftJoin(k.table(), (java.util.function.BiFunction<String, String, String>) null, K_JOINER),
                        m -> m.table().leftJoin(m.table(), (java.util.function.BiFunction<String, String, String>) null, JOINER)),
                new Case("fk join null joiner", k -> k.table().join(k.table(), v -> v, null), m -> m.table().join(m.table(), v -> v, null)),
                new Case("fk join null materialized",
                        k -> k.table().join(k.table(), v -> v, K_JOINER,
                                (org.apache.kafka.streams.kstream.Materialized<String, String, org.apache.kafka.streams.state.KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>>) null),
                        m -> m.table().join(m.table(), v -> v, JOINER,
                                (Materialized<String, String, dev.millrace.streams.state.KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>>) null)),
                new Case("aggregate null named", k -> k.grouped().aggregate(() -> "", (x, v, a) -> a, (x, v, a) -> a,
                                (org.apache.kafka.streams.kstream.Named) null),
                        m -> m.grouped().aggregate(() -> "", (x, v, a) -> a, (x, v, a) -> a, (Named) null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsAsKafkaStreamsDoes(Case c) {
        RuntimeException expected = thrown(() -> c.kafka().accept(KafkaOperands.create()));
        RuntimeException actual = thrown(() -> c.millrace().accept(Operands.create()));
        // Kafka Streams accepts a few null arguments at build time (a null Function extractor): then so do we
        assertEquals(expected == null ? null : expected.getClass(), actual == null ? null : actual.getClass(), c.name());
        if (expected != null) assertEquals(expected.getMessage(), actual.getMessage(), c.name());
    }

    private static RuntimeException thrown(Runnable call) {
        try {
            call.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** Joining a versioned table's history (a grace period) is not implemented: refused, not silently ignored. */
    @Test
    void gracePeriodJoinIsRefused() {
        Operands o = Operands.create();
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> o.stream().join(o.table(), JOINER, Joined.<String, String, String>as("j").withGracePeriod(Duration.ofSeconds(1))));
        assertEquals("Joined.withGracePeriod (a stream-table join buffering records for a versioned table) is not implemented yet",
                e.getMessage());
    }
}
