package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import org.apache.kafka.common.utils.Bytes;

import java.util.List;

/**
 * A window or session storage engine that takes changelog records as they were logged (keys in
 * {@link WindowKeySchema} or {@link SessionKeySchema} layout, values as stored), so the changelog layer above can
 * restore it without logging the records again.
 */
public interface SegmentedChangelogRestorable {
    void restoreChangelog(List<KeyValue<Bytes, byte[]>> records);

    /** Restore mode on or off around a restore that has records to replay (RocksDB's bulk-load settings). */
    default void bulkLoading(boolean on) {
    }
}
