package dev.millrace.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.millrace.broker.protocol.ApiKey;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lower end of what we advertise, checked against kafka-clients 3.9. The broker module checks our ranges
 * against 4.4, whose minimum is higher for the KIP-896 APIs; below that minimum only 3.9 can vouch that a
 * version exists and has the header layout we use.
 */
class AdvertisedVersionsTest {

    @ParameterizedTest
    @EnumSource(ApiKey.class)
    void minimumIsOneKafka39Knows(ApiKey api) {
        ApiKeys kafka = ApiKeys.forId(api.id());
        assertTrue(api.minVersion() >= kafka.oldestVersion(), api + " min " + api.minVersion());
    }

    @ParameterizedTest
    @EnumSource(ApiKey.class)
    void oldServedVersionsExistInKafka39WithTheSameHeaders(ApiKey api) {
        ApiKeys kafka = ApiKeys.forId(api.id());
        short to = (short) Math.min(api.maxVersion(), kafka.latestVersion());
        for (short v = api.minAcceptedVersion(); v <= to; v++) {
            assertTrue(kafka.isVersionSupported(v), api + " v" + v);
            assertEquals(kafka.requestHeaderVersion(v), api.requestHeaderVersion(v), api + " request header v" + v);
            assertEquals(kafka.responseHeaderVersion(v), api.responseHeaderVersion(v), api + " response header v" + v);
        }
    }
}
