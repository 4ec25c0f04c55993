package dev.millrace.examples.iq;

import com.sun.net.httpserver.HttpServer;
import dev.millrace.examples.Bootstrap;
import dev.millrace.streams.KafkaStreams;
import dev.millrace.streams.StreamsBuilder;
import dev.millrace.streams.StreamsConfig;
import dev.millrace.streams.Topology;
import dev.millrace.streams.kstream.Consumed;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.state.HostInfo;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A word count (text-lines → store "counts") queryable over HTTP: {@code GET http://host:port/count/{word}} on any
 * instance gives the word's count, the instance holding the word's partition answering (see {@link
 * CountQueryHandler}). Each instance advertises its HTTP endpoint as {@code application.server}, which is how the
 * instances find each other. Create text-lines first; run one or more instances with distinct ports:
 * {@code java ... WordCountService [bootstrap servers] [http port, default 7070]}.
 */
public final class WordCountService implements AutoCloseable {
    public static final String INPUT_TOPIC = "text-lines";
    public static final String STORE = "counts";

    private final HttpServer server;
    private final ExecutorService httpThreads;
    private final KafkaStreams streams;
    private final HostInfo endpoint;

    /**
     * Binds the HTTP server (port 0: any free port) before the streams client is built, so that the endpoint it
     * advertises is the bound one. {@code config} needs the application id and bootstrap servers at least.
     */
    public WordCountService(Properties config, String host, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        endpoint = new HostInfo(host, server.getAddress().getPort());
        Properties withEndpoint = new Properties();
        withEndpoint.putAll(config);
        withEndpoint.put(StreamsConfig.APPLICATION_SERVER_CONFIG, endpoint.host() + ":" + endpoint.port());
        streams = new KafkaStreams(topology(), withEndpoint);
        // a forwarded request waits on another instance's handler: more than one thread, so none waits on itself
        httpThreads = Executors.newFixedThreadPool(4);
        server.setExecutor(httpThreads);
        server.createContext(CountQueryHandler.PATH, new CountQueryHandler(streams, STORE, endpoint));
    }

    public static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(INPUT_TOPIC, Consumed.with(Serdes.String(), Serdes.String()))
                .flatMapValues(line -> Arrays.asList(line.toLowerCase(Locale.ROOT).split("\\W+")))
                .groupBy((key, word) -> word)
                // a named store is a queryable one
                .count(Materialized.as(STORE));
        return builder.build();
    }

    public static Properties config(String bootstrapServers) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "word-count-service");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    public void start() {
        streams.start();
        server.start();
    }

    public HostInfo endpoint() {
        return endpoint;
    }

    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        server.stop(0);
        httpThreads.shutdownNow();
        streams.close();
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 7070;
        WordCountService service = new WordCountService(config(Bootstrap.servers(args)), "localhost", port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "word-count-service-shutdown-hook"));
        service.start();
        System.out.println("word-count-service: GET http://localhost:" + port + CountQueryHandler.PATH + "{word}");
        stopped.await();
    }
}
