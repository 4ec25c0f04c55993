package dev.millrace.streams.processor;

import java.io.File;
import java.util.Map;

/**
 * What a store is given when it opens, as Kafka Streams' {@code org.apache.kafka.streams.processor.StateStoreContext}.
 * Registration of a restore callback (Kafka's {@code register}) joins this interface with changelog restore.
 */
public interface StateStoreContext {
    /** The {@code application.id}: prefix of changelog topic names and the state directory's name. */
    String applicationId();

    TaskId taskId();

    /** The task's own state directory ({@code <state.dir>/<application.id>/<task id>}); stores live below it. */
    File stateDir();

    /** The application's configuration, e.g. {@code rocksdb.config.setter}, {@code default.key.serde}. */
    Map<String, Object> appConfigs();
}
