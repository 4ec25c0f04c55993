package dev.millrace.streams.state.internals;

import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Map;
import java.util.function.Function;

/**
 * What the window and session changelog layers share: their {@link ChangelogBinding} (topic config, open and
 * restore, sending changes, flush then checkpoint), and the check that the engine below takes changelog records.
 * Each subclass logs its store type's writes in its key layout.
 *
 * @param <S> the bytes store below
 */
abstract class ChangeLoggingSegmentedStore<S extends StateStore> extends WrappedStateStore<S> {
    protected final ChangelogBinding changelog;

    ChangeLoggingSegmentedStore(S inner, long retentionPeriod, boolean retainDuplicates, Map<String, String> logConfig) {
        super(inner);
        this.changelog = new ChangelogBinding(logConfig, retentionPeriod, retainDuplicates);
    }

    /** The changelog topic config this layer asks for. */
    public Map<String, String> changelogTopicConfig(Map<String, Object> appConfigs) {
        return changelog.topicConfig(appConfigs);
    }

    /**
     * Opens the store below and registers it for restore into {@code engine} (the store below, or the engine under
     * its adapters), which must take changelog records; {@code restoredValue} turns a record into the stored value.
     */
    protected void open(StateStoreContext context, StateStore root, StateStore engine,
                        Function<ConsumerRecord<byte[], byte[]>, byte[]> restoredValue) {
        if (!(engine instanceof SegmentedChangelogRestorable restorable)) {
            throw new IllegalStateException("store " + name() + " cannot be restored from a changelog: "
                    + engine.getClass().getName() + " does not take changelog records");
        }
        changelog.open(context, root, inner, restorable, restoredValue);
    }

    @Override
    public void flush() {
        changelog.flush(inner);
    }
}
