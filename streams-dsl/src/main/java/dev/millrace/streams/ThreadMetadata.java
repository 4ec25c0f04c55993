package dev.millrace.streams;

import java.util.Set;

/** One local stream thread: its state, its clients' ids and its active and standby tasks. As Kafka Streams' interface. */
public interface ThreadMetadata {
    String threadState();

    String threadName();

    Set<TaskMetadata> activeTasks();

    Set<TaskMetadata> standbyTasks();

    String consumerClientId();

    String restoreConsumerClientId();

    Set<String> producerClientIds();

    String adminClientId();
}
