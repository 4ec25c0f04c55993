package dev.millrace.broker.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ApiKeyTest {

    /**
     * The APIs whose old versions we serve although Kafka 4.0 removed them (KIP-896, PROTOCOL.md 4.1;
     * docs/decisions/004), with Kafka 4's minimum. kafka-clients 4.4 cannot vouch for the versions below it;
     * the compat module checks them against kafka-clients 3.9, which still has them.
     */
    private static final Map<ApiKey, Short> KIP_896_MINIMUM = Map.of(
            ApiKey.LIST_OFFSETS, (short) 1,
            ApiKey.CREATE_TOPICS, (short) 2,
            ApiKey.DELETE_TOPICS, (short) 1,
            ApiKey.OFFSET_FOR_LEADER_EPOCH, (short) 2,
            ApiKey.DESCRIBE_CONFIGS, (short) 1);

    @ParameterizedTest
    @EnumSource(ApiKey.class)
    void kip896TableMatchesKafka(ApiKey api) {
        if (KIP_896_MINIMUM.containsKey(api)) {
            assertEquals(KIP_896_MINIMUM.get(api), ApiKeys.forId(api.id()).oldestVersion(), "Kafka 4's minimum");
            assertEquals(0, api.minVersion(), "we serve the removed versions from 0");
        }
    }

    @ParameterizedTest
    @EnumSource(ApiKey.class)
    void matchesKafkaApiKeys(ApiKey api) {
        ApiKeys kafka = ApiKeys.forId(api.id());
        assertEquals(kafka.name, api.apiName());
        assertEquals(api.request().name(), api.apiName() + "Request");
        assertEquals(api.response().name(), api.apiName() + "Response");
        assertTrue(KafkaRoundTripTest.REFERENCE.containsKey(api.request()), "request is round-trip tested");
        assertTrue(KafkaRoundTripTest.REFERENCE.containsKey(api.response()), "response is round-trip tested");
    }

    @ParameterizedTest
    @EnumSource(ApiKey.class)
    void servedVersionsAreDeclaredAndKnownToKafka(ApiKey api) {
        ApiKeys kafka = ApiKeys.forId(api.id());
        for (short v = api.minAcceptedVersion(); v <= api.maxVersion(); v++) {
            assertTrue(api.isSupported(v));
            assertTrue(api.request().versions().contains(v), "request schema declares v" + v);
            assertTrue(api.response().versions().contains(v), "response schema declares v" + v);
            assertTrue(kafka.isVersionSupported(v) || v < KIP_896_MINIMUM.getOrDefault(api, (short) 0),
                    "kafka-clients knows v" + v + ", or KIP-896 removed it");
        }
        assertFalse(api.isSupported((short) (api.minAcceptedVersion() - 1)));
        assertFalse(api.isSupported((short) (api.maxVersion() + 1)));
        assertEquals(api.request().versions(), api.response().versions());
    }

    @ParameterizedTest
    @EnumSource(ApiKey.class)
    void advertisedVersionsStayWithinKafkas(ApiKey api) {
        ApiKeys kafka = ApiKeys.forId(api.id());
        short kafkaMin = api == ApiKey.PRODUCE ? ApiKeys.PRODUCE_API_VERSIONS_RESPONSE_MIN_VERSION
                : KIP_896_MINIMUM.containsKey(api) ? 0 : kafka.oldestVersion();
        assertTrue(api.minVersion() >= kafkaMin, "min " + api.minVersion() + " < kafka's " + kafkaMin);
        assertTrue(api.maxVersion() <= kafka.latestVersion(false), "max above kafka's latest stable");
        assertTrue(api.minVersion() <= api.minAcceptedVersion());
        if (api != ApiKey.PRODUCE) {
            assertEquals(api.minVersion(), api.minAcceptedVersion());
        }
    }

    @ParameterizedTest
    @EnumSource(ApiKey.class)
    void headerVersionsMatchKafka(ApiKey api) {
        ApiKeys kafka = ApiKeys.forId(api.id());
        for (short v = api.request().versions().lowest(); v <= api.request().versions().highest(); v++) {
            assertEquals(kafka.requestHeaderVersion(v), api.requestHeaderVersion(v), "request header v" + v);
            assertEquals(kafka.responseHeaderVersion(v), api.responseHeaderVersion(v), "response header v" + v);
            assertEquals(v >= api.firstFlexibleVersion(), api.request().isFlexible(v));
            assertEquals(v >= api.firstFlexibleVersion(), api.response().isFlexible(v));
        }
        short beyond = (short) (api.request().versions().highest() + 1);
        assertEquals(api.request().isFlexible(api.request().versions().highest()) ? 2 : 1,
                api.requestHeaderVersion(beyond));
    }

    @Test
    void producesAdvertisesZeroButServesFromThree() {
        assertEquals(0, ApiKey.PRODUCE.minVersion());
        assertEquals(3, ApiKey.PRODUCE.minAcceptedVersion());
        assertFalse(ApiKey.PRODUCE.isSupported((short) 2));
        assertEquals(0, ApiKey.API_VERSIONS.responseHeaderVersion((short) 4));
    }

    @Test
    void forId() {
        for (ApiKey api : ApiKey.values()) {
            assertSame(api, ApiKey.forId(api.id()));
        }
        assertNull(ApiKey.forId((short) 4));
        assertNull(ApiKey.forId((short) -1));
        assertNull(ApiKey.forId((short) 1000));
    }
}
