package dev.millrace.examples.wordcount;

import dev.millrace.examples.Bootstrap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import dev.millrace.streams.KafkaStreams;
import dev.millrace.streams.StreamsBuilder;
import dev.millrace.streams.StreamsConfig;
import dev.millrace.streams.kstream.KStream;
import dev.millrace.streams.kstream.KTable;
import dev.millrace.streams.kstream.Produced;

import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * Word count as in Kafka Streams' documentation: lines of text from streams-plaintext-input, split into words,
 * grouped by word and counted; every updated count goes to streams-wordcount-output (String word, Long count).
 * Create both topics first. Run: {@code java ... WordCount [bootstrap servers]} (or set BOOTSTRAP_SERVERS).
 */
public final class WordCount {
    public static final String INPUT_TOPIC = "streams-plaintext-input";
    public static final String OUTPUT_TOPIC = "streams-wordcount-output";

    private WordCount() {
    }

    static Properties streamsConfig(String[] args) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "streams-wordcount");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, Bootstrap.servers(args));
        // no record cache: every update of a count is written out, which is what a demo wants to show
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        // read the input from its beginning, so that lines written before the first start are counted
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    static void createWordCountStream(StreamsBuilder builder) {
        KStream<String, String> lines = builder.stream(INPUT_TOPIC);
        KTable<String, Long> counts = lines
                .flatMapValues(line -> Arrays.asList(line.toLowerCase(Locale.ROOT).split("\\W+")))
                .groupBy((key, word) -> word)
                .count();
        // the counts are Longs, not the default String serde
        counts.toStream().to(OUTPUT_TOPIC, Produced.with(Serdes.String(), Serdes.Long()));
    }

    public static void main(String[] args) throws InterruptedException {
        StreamsBuilder builder = new StreamsBuilder();
        createWordCountStream(builder);
        KafkaStreams streams = new KafkaStreams(builder.build(), streamsConfig(args));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close();
            stopped.countDown();
        }, "streams-wordcount-shutdown-hook"));
        streams.start();
        stopped.await();
    }
}
