package dev.millrace.tools.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetResetsTest {

    private static final long MAY_1_NOON_UTC = 1714564800000L; // 2024-05-01T12:00:00Z

    @Test
    void topicAloneMeansAllItsPartitions() {
        OffsetResets.TopicArg arg = OffsetResets.parseTopic("orders");
        assertEquals("orders", arg.topic());
        assertTrue(arg.allPartitions());
    }

    @Test
    void topicWithPartitions() {
        OffsetResets.TopicArg arg = OffsetResets.parseTopic("orders:0,2,5");
        assertEquals(List.of(new TopicPartition("orders", 0), new TopicPartition("orders", 2),
                new TopicPartition("orders", 5)), arg.topicPartitions());
    }

    @Test
    void malformedTopicArgs() {
        for (String bad : new String[] {"", "orders:", ":1", "orders:1:2", "orders:a", "orders:1,", "orders:-1"}) {
            assertThrows(IllegalArgumentException.class, () -> OffsetResets.parseTopic(bad), bad);
        }
    }

    @Test
    void dateTimeWithoutAZoneIsLocal() {
        assertEquals(MAY_1_NOON_UTC, OffsetResets.parseDateTime("2024-05-01T12:00:00.000", ZoneOffset.UTC));
        assertEquals(MAY_1_NOON_UTC - 2 * 3600_000L,
                OffsetResets.parseDateTime("2024-05-01T12:00:00.000", ZoneId.of("Europe/Paris")));
    }

    @Test
    void dateTimeWithAZone() {
        ZoneId ignored = ZoneId.of("Asia/Tokyo");
        assertEquals(MAY_1_NOON_UTC, OffsetResets.parseDateTime("2024-05-01T12:00:00.000Z", ignored));
        assertEquals(MAY_1_NOON_UTC, OffsetResets.parseDateTime("2024-05-01T14:00:00.000+02:00", ignored));
        assertEquals(MAY_1_NOON_UTC + 123, OffsetResets.parseDateTime("2024-05-01T07:00:00.123-05:00", ignored));
    }

    @Test
    void dateTimeNeedsKafkasFormat() {
        for (String bad : new String[] {"2024-05-01", "2024-05-01T12:00:00", "2024-05-01 12:00:00.000",
            "2024-13-01T12:00:00.000", "yesterday"}) {
            assertThrows(IllegalArgumentException.class, () -> OffsetResets.parseDateTime(bad, ZoneOffset.UTC), bad);
        }
    }

    @Test
    void durationIsCountedBackFromNow() {
        assertEquals(MAY_1_NOON_UTC - 5_400_000L, OffsetResets.parseDurationAgo("PT1H30M", MAY_1_NOON_UTC));
        assertEquals(MAY_1_NOON_UTC - 86_400_000L, OffsetResets.parseDurationAgo("P1D", MAY_1_NOON_UTC));
        assertThrows(IllegalArgumentException.class, () -> OffsetResets.parseDurationAgo("1h", 0));
        assertThrows(IllegalArgumentException.class, () -> OffsetResets.parseDurationAgo("PT-1H", 0));
    }

    @Test
    void clampKeepsTheOffsetInsideTheLogAndSaysSo() {
        TopicPartition tp = new TopicPartition("orders", 0);
        List<String> warnings = new ArrayList<>();
        assertEquals(7, OffsetResets.clamp(tp, 7, 5, 23, warnings::add));
        assertTrue(warnings.isEmpty());
        assertEquals(23, OffsetResets.clamp(tp, 500, 5, 23, warnings::add));
        assertEquals(5, OffsetResets.clamp(tp, -3, 5, 23, warnings::add));
        assertEquals(List.of(
                "New offset (500) is higher than latest offset for topic partition orders-0. Value will be set to 23.",
                "New offset (-3) is lower than earliest offset for topic partition orders-0. Value will be set to 5."),
                warnings);
    }
}
