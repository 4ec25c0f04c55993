package dev.millrace.examples.pageviews;

import dev.millrace.examples.Bootstrap;
import dev.millrace.examples.ExampleRunner;
import dev.millrace.streams.KeyValue;
import dev.millrace.streams.StreamsBuilder;
import dev.millrace.streams.StreamsConfig;
import dev.millrace.streams.Topology;
import dev.millrace.streams.kstream.Consumed;
import dev.millrace.streams.kstream.Produced;
import dev.millrace.streams.kstream.Suppressed;
import dev.millrace.streams.kstream.Suppressed.BufferConfig;
import dev.millrace.streams.kstream.TimeWindows;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/**
 * Page views per user per 1-minute tumbling window. Input page-views: key user, value page, record time the view's
 * time. A view up to 10 s late (in stream time) still counts; a window's count is written once, when the window
 * closes (end + grace), to page-views-per-minute: key {@code user@window-start} (ISO-8601), value Long count.
 * Run: {@code java ... PageViewWindowedCount [bootstrap servers]} (or set BOOTSTRAP_SERVERS).
 */
public final class PageViewWindowedCount {
    public static final String INPUT_TOPIC = "page-views";
    public static final String OUTPUT_TOPIC = "page-views-per-minute";
    public static final Duration WINDOW = Duration.ofMinutes(1);
    public static final Duration GRACE = Duration.ofSeconds(10);

    private PageViewWindowedCount() {
    }

    public static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(INPUT_TOPIC, Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey()
                .windowedBy(TimeWindows.ofSizeAndGrace(WINDOW, GRACE))
                .count()
                // without suppress every view would update the count; with it a window reports once, complete
                .suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded()))
                .toStream()
                .map((window, count) -> KeyValue.pair(
                        window.key() + "@" + Instant.ofEpochMilli(window.window().start()), count))
                .to(OUTPUT_TOPIC, Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    public static Properties config(String bootstrapServers) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "page-views-per-minute");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    public static void main(String[] args) throws InterruptedException {
        ExampleRunner.runUntilStopped("page-views-per-minute", topology(), config(Bootstrap.servers(args)));
    }
}
