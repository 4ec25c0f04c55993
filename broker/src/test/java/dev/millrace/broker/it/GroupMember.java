package dev.millrace.broker.it;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * A group consumer on its own thread (KafkaConsumer is single-threaded): poll, record what it processed,
 * commitSync, repeat. Offsets are also committed when partitions are revoked, so a record is processed
 * twice only if it lies past the last commit. The current assignment and generation are published for the
 * test thread.
 */
final class GroupMember implements AutoCloseable {
    /** One processed record: which member processed which offset of which partition. */
    record Processed(String member, TopicPartition partition, long offset) {
    }

    final String name;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Queue<Processed> processed;
    private final Thread thread;
    private final AtomicReference<Set<TopicPartition>> assignment = new AtomicReference<>(Set.of());
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    final AtomicInteger rebalanceCallbacks = new AtomicInteger();
    private volatile int generation = -1;
    private volatile boolean stopping;
    private volatile boolean leaveOnClose = true;

    GroupMember(BrokerHarness broker, String name, String group, String topic, Map<String, Object> extra,
                Queue<Processed> processed) {
        this.name = name;
        this.processed = processed;
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 300);
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6000);
        config.putAll(extra);
        consumer = broker.consumer(config);
        thread = new Thread(() -> run(topic), "member-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    static Queue<Processed> newLog() {
        return new ConcurrentLinkedQueue<>();
    }

    private void run(String topic) {
        try {
            consumer.subscribe(Set.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    rebalanceCallbacks.incrementAndGet();
                    if (!partitions.isEmpty()) {
                        consumer.commitSync();
                    }
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    rebalanceCallbacks.incrementAndGet();    // no longer ours: nothing to commit
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    rebalanceCallbacks.incrementAndGet();
                }
            });
            while (!stopping) {
                var records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    processed.add(new Processed(name, new TopicPartition(r.topic(), r.partition()), r.offset()));
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
                assignment.set(Set.copyOf(consumer.assignment()));
                generation = consumer.groupMetadata().generationId();
            }
        } catch (WakeupException e) {
            // stopping
        } catch (Throwable t) {
            failure.set(t);
        } finally {
            if (leaveOnClose) {
                consumer.close();
            } else {
                consumer.close(org.apache.kafka.clients.consumer.CloseOptions.groupMembershipOperation(
                        org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));
            }
            assignment.set(Set.of());
        }
    }

    Set<TopicPartition> assignment() {
        return assignment.get();
    }

    int generation() {
        return generation;
    }

    Throwable failure() {
        return failure.get();
    }

    boolean isRunning() {
        return thread.isAlive();
    }

    /** Stops without leaving the group (as a crashed or static member would), then waits for the thread. */
    void closeWithoutLeaving() {
        leaveOnClose = false;
        close();
    }

    @Override
    public void close() {
        stopping = true;
        consumer.wakeup();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
