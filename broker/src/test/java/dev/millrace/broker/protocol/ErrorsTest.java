package dev.millrace.broker.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.apache.kafka.common.errors.RetriableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorsTest {

    @ParameterizedTest
    @EnumSource(Errors.class)
    void codeAndRetriabilityMatchKafka(Errors error) {
        org.apache.kafka.common.protocol.Errors kafka = org.apache.kafka.common.protocol.Errors.forCode(error.code());
        assertEquals(kafka.name(), error.name());
        assertEquals(kafka.exception() instanceof RetriableException, error.retriable());
        assertSame(error, Errors.forCode(error.code()));
        if (error != Errors.NONE) {
            assertNotNull(error.message());
        }
    }

    @Test
    void everyKafkaCodeIsKnown() {
        for (org.apache.kafka.common.protocol.Errors kafka : org.apache.kafka.common.protocol.Errors.values()) {
            assertEquals(kafka.name(), Errors.forCode(kafka.code()).name());
        }
    }

    @Test
    void unknownCodesMapToUnknownServerError() {
        assertSame(Errors.UNKNOWN_SERVER_ERROR, Errors.forCode((short) 30000));
        assertSame(Errors.UNKNOWN_SERVER_ERROR, Errors.forCode((short) -5));
        assertNull(Errors.NONE.message());
    }
}
