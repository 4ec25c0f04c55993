package dev.millrace.broker.protocol.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class UuidTest {

    @Test
    void textFormMatchesKafka() {
        for (int i = 0; i < 100; i++) {
            org.apache.kafka.common.Uuid kafka = org.apache.kafka.common.Uuid.randomUuid();
            Uuid ours = new Uuid(kafka.getMostSignificantBits(), kafka.getLeastSignificantBits());
            assertEquals(kafka.toString(), ours.toString());
            assertEquals(ours, Uuid.fromString(kafka.toString()));
        }
        assertEquals(org.apache.kafka.common.Uuid.ZERO_UUID.toString(), Uuid.ZERO.toString());
        assertEquals("AAAAAAAAAAAAAAAAAAAAAA", Uuid.ZERO.toString());
    }

    @Test
    void randomIsUsable() {
        for (int i = 0; i < 1000; i++) {
            Uuid id = Uuid.random();
            assertNotEquals(Uuid.ZERO, id);
            assertNotEquals(Uuid.METADATA_TOPIC_ID, id);
            assertFalse(id.toString().startsWith("-"));
            assertEquals(22, id.toString().length());
        }
    }

    @Test
    void badText() {
        assertThrows(IllegalArgumentException.class, () -> Uuid.fromString("short"));
        assertThrows(IllegalArgumentException.class, () -> Uuid.fromString("not base64 at all!!!!!"));
    }
}
