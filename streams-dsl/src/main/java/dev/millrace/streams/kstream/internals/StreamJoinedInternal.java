package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.StreamJoined;
import dev.millrace.streams.state.WindowBytesStoreSupplier;
import org.apache.kafka.common.serialization.Serde;

import java.util.Map;

/** A {@link StreamJoined} the DSL reads. */
final class StreamJoinedInternal<K, V1, V2> extends StreamJoined<K, V1, V2> {
    StreamJoinedInternal(StreamJoined<K, V1, V2> streamJoined) {
        super(streamJoined);
    }

    Serde<K> keySerde() {
        return keySerde;
    }

    Serde<V1> valueSerde() {
        return valueSerde;
    }

    Serde<V2> otherValueSerde() {
        return otherValueSerde;
    }

    WindowBytesStoreSupplier thisStoreSupplier() {
        return thisStoreSupplier;
    }

    WindowBytesStoreSupplier otherStoreSupplier() {
        return otherStoreSupplier;
    }

    String name() {
        return name;
    }

    String storeName() {
        return storeName;
    }

    boolean loggingEnabled() {
        return loggingEnabled;
    }

    Map<String, String> logConfig() {
        return topicConfig;
    }
}
