package dev.millrace.streams.kstream;

import org.apache.kafka.common.serialization.Serde;

import java.time.Duration;

/**
 * Options of a stream-table join, as Kafka Streams' {@code Joined}: the serdes of the stream's repartition topic (when
 * its key changed), and a name for the join processor and that topic ({@code <name>-repartition}). A grace period
 * (joining against a versioned table's history) is accepted here but the join refuses it: not implemented yet.
 */
public class Joined<K, VLeft, VRight> {
    protected final Serde<K> keySerde;
    protected final Serde<VLeft> leftValueSerde;
    protected final Serde<VRight> rightValueSerde;
    protected final String name;
    protected final Duration gracePeriod;

    private Joined(Serde<K> keySerde, Serde<VLeft> leftValueSerde, Serde<VRight> rightValueSerde, String name,
                   Duration gracePeriod) {
        this.keySerde = keySerde;
        this.leftValueSerde = leftValueSerde;
        this.rightValueSerde = rightValueSerde;
        this.name = name;
        this.gracePeriod = gracePeriod;
    }

    protected Joined(Joined<K, VLeft, VRight> joined) {
        this(joined.keySerde, joined.leftValueSerde, joined.rightValueSerde, joined.name, joined.gracePeriod);
    }

    public static <K, VLeft, VRight> Joined<K, VLeft, VRight> with(Serde<K> keySerde, Serde<VLeft> leftValueSerde,
                                                                   Serde<VRight> rightValueSerde) {
        return new Joined<>(keySerde, leftValueSerde, rightValueSerde, null, null);
    }

    public static <K, VLeft, VRight> Joined<K, VLeft, VRight> with(Serde<K> keySerde, Serde<VLeft> leftValueSerde,
                                                                   Serde<VRight> rightValueSerde, String name) {
        return new Joined<>(keySerde, leftValueSerde, rightValueSerde, name, null);
    }

    public static <K, VLeft, VRight> Joined<K, VLeft, VRight> with(Serde<K> keySerde, Serde<VLeft> leftValueSerde,
                                                                   Serde<VRight> rightValueSerde, String name,
                                                                   Duration gracePeriod) {
        return new Joined<>(keySerde, leftValueSerde, rightValueSerde, name, gracePeriod);
    }

    public static <K, VLeft, VRight> Joined<K, VLeft, VRight> keySerde(Serde<K> keySerde) {
        return new Joined<>(keySerde, null, null, null, null);
    }

    public static <K, VLeft, VRight> Joined<K, VLeft, VRight> valueSerde(Serde<VLeft> leftValueSerde) {
        return new Joined<>(null, leftValueSerde, null, null, null);
    }

    public static <K, VLeft, VRight> Joined<K, VLeft, VRight> otherValueSerde(Serde<VRight> rightValueSerde) {
        return new Joined<>(null, null, rightValueSerde, null, null);
    }

    public static <K, VLeft, VRight> Joined<K, VLeft, VRight> as(String name) {
        return new Joined<>(null, null, null, name, null);
    }

    public Joined<K, VLeft, VRight> withKeySerde(Serde<K> keySerde) {
        return new Joined<>(keySerde, leftValueSerde, rightValueSerde, name, gracePeriod);
    }

    public Joined<K, VLeft, VRight> withValueSerde(Serde<VLeft> leftValueSerde) {
        return new Joined<>(keySerde, leftValueSerde, rightValueSerde, name, gracePeriod);
    }

    public Joined<K, VLeft, VRight> withOtherValueSerde(Serde<VRight> rightValueSerde) {
        return new Joined<>(keySerde, leftValueSerde, rightValueSerde, name, gracePeriod);
    }

    public Joined<K, VLeft, VRight> withName(String name) {
        return new Joined<>(keySerde, leftValueSerde, rightValueSerde, name, gracePeriod);
    }

    public Joined<K, VLeft, VRight> withGracePeriod(Duration gracePeriod) {
        return new Joined<>(keySerde, leftValueSerde, rightValueSerde, name, gracePeriod);
    }

    public Duration gracePeriod() {
        return gracePeriod;
    }

    public Serde<K> keySerde() {
        return keySerde;
    }

    public Serde<VLeft> valueSerde() {
        return leftValueSerde;
    }

    public Serde<VRight> otherValueSerde() {
        return rightValueSerde;
    }

    /** The name given, or null; for the DSL's internals. */
    public String name() {
        return name;
    }
}
