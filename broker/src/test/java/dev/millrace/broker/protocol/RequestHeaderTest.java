package dev.millrace.broker.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.protocol.types.RawTaggedField;
import org.junit.jupiter.api.Test;

class RequestHeaderTest {

    private static byte[] kafkaHeader(int apiKey, int apiVersion, int correlationId, String clientId,
                                      short headerVersion, boolean withUnknownTag) {
        RequestHeaderData data = new RequestHeaderData().setRequestApiKey((short) apiKey)
                .setRequestApiVersion((short) apiVersion).setCorrelationId(correlationId).setClientId(clientId);
        if (withUnknownTag) {
            data.unknownTaggedFields().add(new RawTaggedField(7, new byte[] {1, 2, 3}));
        }
        ObjectSerializationCache cache = new ObjectSerializationCache();
        ByteBuffer buf = ByteBuffer.allocate(data.size(cache, headerVersion));
        data.write(new ByteBufferAccessor(buf), cache, headerVersion);
        return buf.array();
    }

    private static ByteBuf withBody(byte[] header) {
        return Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(header), Unpooled.wrappedBuffer(new byte[] {42}));
    }

    @Test
    void readsHeaderV1() {
        ByteBuf in = withBody(kafkaHeader(3, 4, 77, "rdkafka", (short) 1, false));
        assertEquals(new RequestHeader((short) 3, (short) 4, 77, "rdkafka"), RequestHeader.read(in));
        assertEquals(42, in.readByte(), "left at the body");
    }

    @Test
    void readsHeaderV2AndSkipsItsTags() {
        ByteBuf in = withBody(kafkaHeader(1, 12, -5, "consumer-1", (short) 2, true));
        assertEquals(new RequestHeader((short) 1, (short) 12, -5, "consumer-1"), RequestHeader.read(in));
        assertEquals(42, in.readByte());
    }

    @Test
    void nullClientId() {
        ByteBuf in = withBody(kafkaHeader(3, 12, 1, null, (short) 2, false));
        RequestHeader header = RequestHeader.read(in);
        assertNull(header.clientId());
        assertEquals(ApiKey.METADATA, header.api());
        assertEquals(42, in.readByte());
    }

    @Test
    void tooNewApiVersionsUsesTheFlexibleHeader() {
        ByteBuf in = withBody(kafkaHeader(18, 9, 3, "future", (short) 2, true));
        RequestHeader header = RequestHeader.read(in);
        assertEquals(9, header.apiVersion());
        assertEquals(42, in.readByte());
    }

    @Test
    void unknownApiKeyReturnsWhatWasRead() {
        ByteBuf in = withBody(kafkaHeader(4, 1, 9, "old", (short) 1, false));
        RequestHeader header = RequestHeader.read(in);
        assertEquals(4, header.apiKey());
        assertNull(header.api());
        assertEquals(42, in.readByte());
    }

    @Test
    void truncatedHeaderThrows() {
        byte[] full = kafkaHeader(1, 12, 1, "client", (short) 2, true);
        for (int len = 0; len < full.length; len++) {
            ByteBuf in = Unpooled.wrappedBuffer(full, 0, len);
            assertThrows(ProtocolException.class, () -> RequestHeader.read(in), "cut at " + len);
        }
    }

    @Test
    void badClientIdLength() {
        ByteBuf in = Unpooled.buffer().writeShort(3).writeShort(1).writeInt(1).writeShort(-2);
        assertThrows(ProtocolException.class, () -> RequestHeader.read(in));
    }

    @Test
    void responseHeaderMatchesKafka() {
        for (short version = 0; version <= 1; version++) {
            ResponseHeaderData data = new ResponseHeaderData().setCorrelationId(123456);
            ObjectSerializationCache cache = new ObjectSerializationCache();
            ByteBuffer expected = ByteBuffer.allocate(data.size(cache, version));
            data.write(new ByteBufferAccessor(expected), cache, version);
            ByteBuf out = Unpooled.buffer();
            ResponseHeader.write(out, 123456, version);
            assertEquals(ResponseHeader.size(version), out.readableBytes());
            byte[] ours = new byte[out.readableBytes()];
            out.readBytes(ours);
            assertArrayEquals(expected.array(), ours);
        }
    }

    @Test
    void apiVersionsFallbackIsTheV0ErrorBody() {
        assertEquals(true, ApiVersionsFallback.appliesTo(new RequestHeader((short) 18, (short) 5, 1, "x")));
        assertEquals(false, ApiVersionsFallback.appliesTo(new RequestHeader((short) 18, (short) 4, 1, "x")));
        ByteBuf out = Unpooled.buffer();
        ApiVersionsFallback.write(out, 0x01020304);
        assertEquals(16, out.readableBytes());
        assertEquals(16, ApiVersionsFallback.size());
        byte[] expected = {1, 2, 3, 4, 0, 35, 0, 0, 0, 1, 0, 18, 0, 0, 0, 4};
        byte[] ours = new byte[16];
        out.readBytes(ours);
        assertArrayEquals(expected, ours);

        ApiVersionsResponseData kafka = new ApiVersionsResponseData(
                new ByteBufferAccessor(ByteBuffer.wrap(ours, 4, 12)), (short) 0);
        assertEquals(35, kafka.errorCode());
        assertEquals(List.of((short) 18), kafka.apiKeys().stream().map(k -> k.apiKey()).toList());
    }
}
