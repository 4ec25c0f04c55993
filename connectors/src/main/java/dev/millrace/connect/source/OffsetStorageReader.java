package dev.millrace.connect.source;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Reads the last committed source offset of a source partition, as stored in the runtime's offset topic. */
public interface OffsetStorageReader {

    /** The last committed offset of {@code partition}, or null when none was committed. */
    <T> Map<String, Object> offset(Map<String, T> partition);

    /** The last committed offsets of several partitions; partitions without an offset are absent. */
    default <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
        Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
        for (Map<String, T> partition : partitions) {
            Map<String, Object> offset = offset(partition);
            if (offset != null) {
                out.put(partition, offset);
            }
        }
        return out;
    }
}
