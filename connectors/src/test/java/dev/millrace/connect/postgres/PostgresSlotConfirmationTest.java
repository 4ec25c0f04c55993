package dev.millrace.connect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.millrace.broker.server.MillraceServer;
import dev.millrace.connect.postgres.TopicReader.Event;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the slot's confirmed_flush_lsn is allowed to do: stay behind every change whose records the broker has not
 * acknowledged to the task, advance once they are, and keep advancing through heartbeats while the watched tables
 * are idle and other tables fill the WAL.
 */
class PostgresSlotConfirmationTest {
    @TempDir
    Path dir;

    @Test
    void theSlotIsConfirmedOnlyUpToAcknowledgedRecordsAndHeartbeatsMoveItWhileIdle() throws Exception {
        try (PostgresServer pg = PostgresServer.start(); MillraceServer broker = CdcTestSupport.broker(dir)) {
            pg.sql("CREATE TABLE watched (id int PRIMARY KEY)", "CREATE TABLE other (id int PRIMARY KEY, pad text)");
            Map<String, String> config = CdcTestSupport.config(pg, "postgres", "hb");
            config.put("table.include.list", "public\\.watched");
            config.put("publication.autocreate.mode", "filtered");
            config.put("heartbeat.interval.ms", "200");
            try (TaskRunner runner = new TaskRunner(broker.bootstrapServers(), config, dir.resolve("offsets.json"));
                    TopicReader watched = new TopicReader(broker.bootstrapServers(), "hb.public.watched", runner::failure);
                    TopicReader heartbeats = new TopicReader(broker.bootstrapServers(), "__debezium-heartbeat.hb",
                            runner::failure)) {
                CdcTestSupport.await("the streaming phase", 60_000, () -> runner.failure() != null
                        || "streaming".equals(runner.progress().get("phase")));
                assertNull(runner.failure());

                runner.holdAcknowledgements(true);
                Thread.sleep(300); // acknowledgements already delivered may still confirm; let that settle
                long before = CdcTestSupport.confirmedFlush(pg, "debezium");
                pg.sql("INSERT INTO watched VALUES (1)");
                Event insert = watched.readAtLeast(1, 30_000).get(0);
                long changeLsn = insert.payload().get("source").get("lsn").asLong();
                Thread.sleep(1500); // heartbeats keep coming, but are held back as well
                long held = CdcTestSupport.confirmedFlush(pg, "debezium");
                assertEquals(before, held, "nothing is confirmed while the broker's acknowledgements are held back");
                assertTrue(held < changeLsn);

                runner.holdAcknowledgements(false);
                CdcTestSupport.await("confirmation past the acknowledged change", 10_000,
                        () -> CdcTestSupport.confirmedFlush(pg, "debezium") > changeLsn);

                // the watched table is idle; another table, not in the publication, fills the WAL
                pg.sql("INSERT INTO other SELECT g, repeat('x', 200) FROM generate_series(1, 20000) g");
                long walEnd = CdcTestSupport.currentWalLsn(pg);
                CdcTestSupport.await("heartbeats to move the slot past the idle period's WAL", 20_000,
                        () -> CdcTestSupport.confirmedFlush(pg, "debezium") >= walEnd);
                List<Event> beats = heartbeats.readAtLeast(2, 10_000);
                assertEquals("hb", beats.get(0).key().get("payload").get("serverName").asText());
                assertTrue(beats.get(0).payload().get("ts_ms").asLong() > 0);
                assertEquals(1, watched.drain(200).size(), "heartbeats write to their own topic only");
            }
        }
    }
}
