package dev.millrace.examples.sessions;

import dev.millrace.streams.TestInputTopic;
import dev.millrace.streams.TestOutputTopic;
import dev.millrace.streams.TopologyTestDriver;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.kstream.WindowedSerdes;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Session counts with a 5-minute inactivity gap and 30 s grace: a click within the gap extends its session (the old
 * session is deleted under its old key), a click after it starts a new one, a click that would join a session closed
 * in stream time is dropped.
 */
class SessionActivityTest {
    private static final String HOUR = "2026-03-01T10:";

    @Test
    void sessionsGrowMergeAndCloseWithWindowedKeys() {
        try (TopologyTestDriver driver = new TopologyTestDriver(SessionActivity.topology(),
                SessionActivity.config("unused:9092"))) {
            TestInputTopic<String, String> clicks = driver.createInputTopic(SessionActivity.INPUT_TOPIC,
                    new StringSerializer(), new StringSerializer());
            TestOutputTopic<Windowed<String>, Long> sessions = driver.createOutputTopic(SessionActivity.OUTPUT_TOPIC,
                    WindowedSerdes.sessionWindowedSerdeFrom(String.class).deserializer(), new LongDeserializer());

            click(clicks, "alice", "00:00");
            assertEquals(List.of("alice[00:00,00:00]=1"), read(sessions));
            click(clicks, "alice", "02:00"); // within 5 minutes: the session grows, its one-click version is deleted
            assertEquals(List.of("alice[00:00,00:00]=null", "alice[00:00,02:00]=2"), read(sessions));
            click(clicks, "bob", "03:00");
            assertEquals(List.of("bob[03:00,03:00]=1"), read(sessions));
            click(clicks, "alice", "20:00"); // 18 minutes later: a new session
            assertEquals(List.of("alice[20:00,20:00]=1"), read(sessions));

            // stream time 10:20; sessions ending before 10:14:30 (minus gap and grace) are closed
            click(clicks, "alice", "06:30"); // would extend alice's first session to 10:06:30: closed, dropped
            click(clicks, "bob", "16:00");   // a session of its own ending after 10:14:30: accepted
            assertEquals(List.of("bob[16:00,16:00]=1"), read(sessions));

            click(clicks, "alice", "12:00"); // more than 5 minutes from every session, and ends before 10:14:30
            click(clicks, "alice", "17:00"); // within the gap before 10:20: merges into [10:17,10:20]
            assertEquals(List.of("alice[20:00,20:00]=null", "alice[17:00,20:00]=2"), read(sessions));
        }
    }

    private static void click(TestInputTopic<String, String> clicks, String user, String minuteSecond) {
        clicks.pipeInput(user, "click", Instant.parse(HOUR + minuteSecond + "Z"));
    }

    private static List<String> read(TestOutputTopic<Windowed<String>, Long> sessions) {
        long hour = Instant.parse(HOUR + "00:00Z").toEpochMilli();
        List<String> out = new ArrayList<>();
        for (var r : sessions.readKeyValuesToList()) {
            out.add(r.key.key() + "[" + mmss(r.key.window().start() - hour) + "," + mmss(r.key.window().end() - hour)
                    + "]=" + r.value);
        }
        return out;
    }

    private static String mmss(long ms) {
        return String.format("%02d:%02d", ms / 60_000, ms / 1000 % 60);
    }
}
