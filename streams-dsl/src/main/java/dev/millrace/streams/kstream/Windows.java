package dev.millrace.streams.kstream;

import java.util.Map;

/**
 * Fixed-size windows a record falls into by its timestamp (tumbling or hopping), as Kafka Streams' {@code Windows}:
 * which windows a timestamp belongs to, their size, and how long after a window ends it still accepts records.
 */
public abstract class Windows<W extends Window> {
    protected Windows() {
    }

    /** The windows containing {@code timestamp}, keyed and ordered by start. */
    public abstract Map<Long, W> windowsFor(long timestamp);

    public abstract long size();

    public abstract long gracePeriodMs();
}
