package dev.millrace.tools.consume;

import dev.millrace.tools.client.ClientProperties;
import dev.millrace.tools.client.ToolException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code consume}: prints a topic's records, as kafka-console-consumer does. Without {@code --group} it
 * assigns itself the partitions (all, or {@code --partition}) and commits nothing, so it needs no consumer
 * group support from the broker; with {@code --group} it subscribes as a member of that group.
 * It stops after {@code --max-messages}, after {@code --timeout-ms} without a record, or on Ctrl-C, and
 * then reports {@code Processed a total of N messages} on stderr.
 */
@Command(name = "consume",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Print the records of a topic.")
public final class ConsumeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--bootstrap-server", required = true, paramLabel = "HOST:PORT",
            description = "Broker(s) to connect to, comma-separated.")
    String bootstrapServer;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "Topic to read.")
    String topic;

    @Option(names = "--from-beginning", description = "Start at the earliest offset rather than the end.")
    boolean fromBeginning;

    @Option(names = "--max-messages", paramLabel = "N", description = "Stop after N records.")
    Long maxMessages;

    @Option(names = "--partition", paramLabel = "P", description = "Read only this partition.")
    Integer partition;

    @Option(names = "--offset", paramLabel = "OFFSET",
            description = "earliest, latest (default) or an offset; a number needs --partition.")
    String offset;

    @Option(names = "--group", paramLabel = "GROUP", description = "Consume as a member of this group.")
    String group;

    @Option(names = "--property", paramLabel = "KEY=VALUE",
            description = "Output format: print.key, print.value, print.partition, print.offset, "
                    + "print.timestamp, print.headers (true|false), key.separator, line.separator, "
                    + "headers.separator, headers.key.separator, null.literal; repeatable.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--consumer-property", paramLabel = "KEY=VALUE",
            description = "A consumer client property; repeatable.")
    Map<String, String> consumerProperties = new LinkedHashMap<>();

    @Option(names = "--consumer.config", paramLabel = "FILE", description = "Consumer client properties file.")
    Path consumerConfig;

    @Option(names = "--timeout-ms", paramLabel = "MS",
            description = "Stop when no record has arrived for this long.")
    Long timeoutMs;

    @Override
    public Integer call() {
        RecordFormat format;
        StartPosition start;
        try {
            format = RecordFormat.fromProperties(properties);
            start = startPosition();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        long processed = 0;
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = null;
        try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            // Ctrl-C / SIGTERM: interrupt poll(), let this thread print the total and close the consumer
            hook = new Thread(() -> {
                consumer.wakeup();
                try {
                    finished.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "consume-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);

            if (group != null) {
                consumer.subscribe(List.of(topic));
            } else {
                assign(consumer, start);
            }
            long lastRecordAt = System.nanoTime();
            try {
                while (maxMessages == null || processed < maxMessages) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(pollMillis()));
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        out.print(format.format(record));
                        processed++;
                        if (maxMessages != null && processed >= maxMessages) {
                            break;
                        }
                    }
                    out.flush();
                    long now = System.nanoTime();
                    if (!records.isEmpty()) {
                        lastRecordAt = now;
                    } else if (timeoutMs != null && now - lastRecordAt >= TimeUnit.MILLISECONDS.toNanos(timeoutMs)) {
                        break;
                    }
                }
            } catch (WakeupException e) {
                // shutting down on a signal: fall through to the total
            }
        } catch (KafkaException e) {
            throw ToolException.from("Cannot consume from topic '" + topic + "'", e);
        } finally {
            out.flush();
            err.println("Processed a total of " + processed + " messages");
            err.flush();
            finished.countDown();
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException alreadyShuttingDown) {
                    // the hook is running and will see the latch
                }
            }
        }
        return 0;
    }

    /** Combines --from-beginning and --offset, rejecting the combinations kafka-console-consumer rejects. */
    StartPosition startPosition() {
        if (fromBeginning && offset != null) {
            throw new IllegalArgumentException("--from-beginning and --offset cannot be used together");
        }
        if (group != null && partition != null) {
            throw new IllegalArgumentException("--partition cannot be used with --group");
        }
        if (group != null && offset != null) {
            throw new IllegalArgumentException("--offset cannot be used with --group; use --from-beginning");
        }
        if (maxMessages != null && maxMessages < 1) {
            throw new IllegalArgumentException("--max-messages must be at least 1");
        }
        if (timeoutMs != null && timeoutMs < 0) {
            throw new IllegalArgumentException("--timeout-ms must not be negative");
        }
        if (offset == null) {
            return fromBeginning ? StartPosition.EARLIEST : StartPosition.LATEST;
        }
        StartPosition position = StartPosition.parse(offset);
        if (position.kind() == StartPosition.Kind.OFFSET && partition == null) {
            throw new IllegalArgumentException("--offset N needs --partition");
        }
        return position;
    }

    Properties consumerProperties() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        // reading a misspelt topic name must not create it on a broker with auto.create.topics.enable
        defaults.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        if (group == null) {
            // assign() mode has no group to commit to
            defaults.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        }
        ClientProperties props = new ClientProperties()
                .defaults(defaults)
                .file(consumerConfig)
                .overrides(consumerProperties);
        if (group != null) {
            props.set(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return props.build(bootstrapServer);
    }

    private void assign(Consumer<byte[], byte[]> consumer, StartPosition start) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            throw new ToolException("Topic '" + topic + "' does not exist.");
        }
        List<TopicPartition> partitions = infos.stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .filter(tp -> partition == null || tp.partition() == partition)
                .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
                .toList();
        if (partitions.isEmpty()) {
            throw new ToolException("Topic '" + topic + "' has no partition " + partition
                    + " (it has " + infos.size() + ").");
        }
        consumer.assign(partitions);
        switch (start.kind()) {
            case EARLIEST -> consumer.seekToBeginning(partitions);
            case LATEST -> consumer.seekToEnd(partitions);
            case OFFSET -> partitions.forEach(tp -> consumer.seek(tp, start.offset()));
        }
    }

    private long pollMillis() {
        return timeoutMs == null ? 1000 : Math.max(1, Math.min(timeoutMs, 1000));
    }
}
