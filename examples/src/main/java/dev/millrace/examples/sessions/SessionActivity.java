package dev.millrace.examples.sessions;

import dev.millrace.examples.Bootstrap;
import dev.millrace.examples.ExampleRunner;
import dev.millrace.streams.StreamsBuilder;
import dev.millrace.streams.StreamsConfig;
import dev.millrace.streams.Topology;
import dev.millrace.streams.kstream.Consumed;
import dev.millrace.streams.kstream.Produced;
import dev.millrace.streams.kstream.SessionWindows;
import dev.millrace.streams.kstream.WindowedSerdes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;

import java.time.Duration;
import java.util.Properties;

/**
 * Clicks per user session. Input user-clicks: key user, value anything, record time the click's time. A session
 * ends after 5 minutes without a click; clicks up to 30 s late (in stream time) still join their session. Every
 * change of a session goes to user-sessions with a session-windowed key (user, start, end; {@link
 * WindowedSerdes#sessionWindowedSerdeFrom}) and its click count; when a click joins or bridges sessions, the sessions
 * it replaces are deleted there (a null value under their old key).
 * Run: {@code java ... SessionActivity [bootstrap servers]} (or set BOOTSTRAP_SERVERS).
 */
public final class SessionActivity {
    public static final String INPUT_TOPIC = "user-clicks";
    public static final String OUTPUT_TOPIC = "user-sessions";
    public static final Duration INACTIVITY_GAP = Duration.ofMinutes(5);
    public static final Duration GRACE = Duration.ofSeconds(30);

    private SessionActivity() {
    }

    public static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(INPUT_TOPIC, Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey()
                .windowedBy(SessionWindows.ofInactivityGapAndGrace(INACTIVITY_GAP, GRACE))
                .count()
                .toStream()
                .to(OUTPUT_TOPIC, Produced.with(WindowedSerdes.sessionWindowedSerdeFrom(String.class), Serdes.Long()));
        return builder.build();
    }

    public static Properties config(String bootstrapServers) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "user-sessions");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // no record cache: each click's effect on its session is written out, not only the latest per commit
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    public static void main(String[] args) throws InterruptedException {
        ExampleRunner.runUntilStopped("user-sessions", topology(), config(Bootstrap.servers(args)));
    }
}
