package dev.millrace.examples.pageviews;

import dev.millrace.streams.TestInputTopic;
import dev.millrace.streams.TopologyTestDriver;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Final per-minute counts: written once when a window closes (end + 10 s grace), late views within grace counted. */
class PageViewWindowedCountTest {
    private static final String DAY = "2026-03-01T10:";

    @Test
    void eachWindowIsWrittenOnceWhenItClosesWithLateViewsWithinGraceCounted() {
        try (TopologyTestDriver driver = new TopologyTestDriver(PageViewWindowedCount.topology(),
                PageViewWindowedCount.config("unused:9092"))) {
            TestInputTopic<String, String> views = driver.createInputTopic(PageViewWindowedCount.INPUT_TOPIC,
                    new StringSerializer(), new StringSerializer());
            var counts = driver.createOutputTopic(PageViewWindowedCount.OUTPUT_TOPIC, new StringDeserializer(),
                    new LongDeserializer());

            view(views, "alice", "/home", "00:05");
            view(views, "bob", "/home", "00:20");
            view(views, "alice", "/cart", "00:50");
            view(views, "alice", "/pay", "01:05");
            view(views, "bob", "/help", "01:09");
            view(views, "alice", "/home", "00:55"); // 14 s behind stream time, but its window is open until 01:10
            assertEquals(List.of(), read(counts), "no window has closed yet");

            view(views, "carol", "/home", "01:10"); // stream time reaches 10:01:00 + grace: the first minute closes
            assertEquals(List.of("alice@2026-03-01T10:00:00Z=3 at 00:55", "bob@2026-03-01T10:00:00Z=1 at 00:20"),
                    read(counts));

            view(views, "alice", "/late", "00:30"); // its window has closed: dropped
            view(views, "bob", "/home", "02:30");   // closes 10:01
            assertEquals(List.of("alice@2026-03-01T10:01:00Z=1 at 01:05", "bob@2026-03-01T10:01:00Z=1 at 01:09",
                    "carol@2026-03-01T10:01:00Z=1 at 01:10"), read(counts));

            view(views, "alice", "/home", "03:09"); // 10:02 closes at 10:03:10, not yet
            assertEquals(List.of(), read(counts));
            view(views, "alice", "/home", "03:10");
            assertEquals(List.of("bob@2026-03-01T10:02:00Z=1 at 02:30"), read(counts));
        }
    }

    private static void view(TestInputTopic<String, String> views, String user, String page, String minuteSecond) {
        views.pipeInput(user, page, Instant.parse(DAY + minuteSecond + "Z"));
    }

    private static List<String> read(dev.millrace.streams.TestOutputTopic<String, Long> counts) {
        List<String> out = new ArrayList<>();
        long hour = Instant.parse(DAY + "00:00Z").toEpochMilli();
        for (var r : counts.readRecordsToList()) {
            long s = (r.timestamp() - hour) / 1000;
            out.add(r.key() + "=" + r.value() + String.format(" at %02d:%02d", s / 60, s % 60));
        }
        return out;
    }
}
