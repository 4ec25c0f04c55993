package dev.millrace.broker.protocol.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.millrace.broker.protocol.ResponseHeader;
import dev.millrace.broker.protocol.message.FetchMessages;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultFileRegion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageOutputTest {

    private static final short VERSION = 12;
    private static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;

    @TempDir
    Path dir;

    private byte[] fileBytes;
    private FileChannel channel;

    @BeforeEach
    void segment() throws IOException {
        fileBytes = new byte[4096];
        new Random(1).nextBytes(fileBytes);
        Path file = dir.resolve("00000000000000000000.log");
        Files.write(file, fileBytes);
        channel = FileChannel.open(file, StandardOpenOption.READ);
    }

    @AfterEach
    void close() throws IOException {
        channel.close();
    }

    /** A fetch response with a file range, a small in-memory batch and a large one. */
    private Struct response(Records fromFile, Records small, Records large) {
        Struct body = FetchMessages.RESPONSE.newStruct().set("SessionId", 0);
        Struct topic = body.addStruct("Responses").set("Topic", "orders");
        topic.addStruct("Partitions").set("PartitionIndex", 0).set("HighWatermark", 10L).set("Records", fromFile);
        topic.addStruct("Partitions").set("PartitionIndex", 1).set("Records", small);
        topic.addStruct("Partitions").set("PartitionIndex", 2).set("Records", large);
        topic.addStruct("Partitions").set("PartitionIndex", 3).set("Records", null);
        return body;
    }

    @Test
    void fileRecordsBecomeAFileRegionPartAndLargeSlicesAreNotCopied() throws IOException {
        ByteBuf small = Unpooled.wrappedBuffer(new byte[] {5, 6, 7});
        ByteBuf large = ALLOC.buffer(2000).writeBytes(new byte[2000]);
        large.setByte(1999, 42);
        Struct body = response(new FileRecords(channel, 100, 1000), new ByteBufRecords(small), new ByteBufRecords(large));

        MessageOutput out = new MessageOutput(ALLOC);
        out.current().writeInt(0); // frame size, patched below
        ResponseHeader.write(out.current(), 77, (short) 1);
        FetchMessages.RESPONSE.write(body, VERSION, out);
        List<Object> parts = out.parts();

        // header..partition 0's length | file range | partition 0's tail, partition 1 (copied), partition 2's
        // head | partition 2's records as a slice | the rest
        assertEquals(5, parts.size(), parts.toString());
        ByteBuf first = assertInstanceOf(ByteBuf.class, parts.get(0));
        DefaultFileRegion region = assertInstanceOf(DefaultFileRegion.class, parts.get(1));
        assertInstanceOf(ByteBuf.class, parts.get(2));
        ByteBuf slice = assertInstanceOf(ByteBuf.class, parts.get(3));
        assertEquals(2000, slice.readableBytes());
        assertInstanceOf(ByteBuf.class, parts.get(4));
        assertEquals(100, region.position());
        assertEquals(1000, region.count());
        assertEquals(2, large.refCnt(), "the slice part holds a reference, no copy");
        assertEquals(42, slice.getByte(slice.readerIndex() + 1999));

        int bodySize = FetchMessages.RESPONSE.sizeOf(body, VERSION);
        assertEquals(4 + 5 + bodySize, out.readableBytes());
        first.setInt(0, (int) out.readableBytes() - 4);

        // the parts, concatenated, are what the plain encoder writes with the file bytes in memory
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof ByteBuf b) {
                byte[] bytes = new byte[b.readableBytes()];
                b.getBytes(b.readerIndex(), bytes);
                sent.write(bytes);
            } else {
                DefaultFileRegion r = (DefaultFileRegion) part;
                ByteBuffer bytes = ByteBuffer.allocate((int) r.count());
                channel.read(bytes, r.position());
                sent.write(bytes.array());
            }
        }
        ByteBuf expected = Unpooled.buffer();
        expected.writeInt(4 + 5 + bodySize - 4);
        ResponseHeader.write(expected, 77, (short) 1);
        ByteBuf inMemory = Unpooled.wrappedBuffer(fileBytes, 100, 1000);
        FetchMessages.RESPONSE.write(response(new ByteBufRecords(inMemory), new ByteBufRecords(small),
                new ByteBufRecords(large)), VERSION, expected);
        byte[] expectedBytes = new byte[expected.readableBytes()];
        expected.readBytes(expectedBytes);
        assertArrayEquals(expectedBytes, sent.toByteArray());

        for (Object part : parts) {
            assertTrue(io.netty.util.ReferenceCountUtil.release(part), "part released to zero: " + part);
        }
        assertTrue(channel.isOpen(), "the log's channel outlives the response");
        assertEquals(1, large.refCnt());
        large.release();
    }

    @Test
    void releaseFreesEverythingOnAnErrorPath() {
        ByteBuf large = ALLOC.buffer(5000).writeZero(5000);
        MessageOutput out = new MessageOutput(ALLOC);
        ByteBuf first = out.current();
        FetchMessages.RESPONSE.write(response(new FileRecords(channel, 0, 10), new ByteBufRecords(large),
                new ByteBufRecords(large)), VERSION, out);
        assertEquals(3, large.refCnt());
        ByteBuf current = out.current();
        out.release();
        assertEquals(0, first.refCnt());
        assertEquals(0, current.refCnt());
        assertEquals(1, large.refCnt());
        assertTrue(channel.isOpen());
        large.release();
    }

    @Test
    void emptyTrailingBufferIsNotAPart() {
        MessageOutput out = new MessageOutput(ALLOC);
        Struct body = FetchMessages.RESPONSE.newStruct();
        FetchMessages.RESPONSE.write(body, (short) 4, out);
        List<Object> parts = out.parts();
        assertEquals(1, parts.size());
        assertEquals(FetchMessages.RESPONSE.sizeOf(body, (short) 4), ((ByteBuf) parts.get(0)).readableBytes());
        assertThrows(IllegalStateException.class, out::current);
        ((ByteBuf) parts.get(0)).release();
    }

    @Test
    void plainBuffersRefuseFileRecords() {
        Struct body = response(new FileRecords(channel, 0, 10), null, null);
        assertThrows(IllegalStateException.class, () -> FetchMessages.RESPONSE.write(body, VERSION, Unpooled.buffer()));
    }
}
