package dev.millrace.tools.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.millrace.tools.groups.GroupTables.MemberRow;
import dev.millrace.tools.groups.GroupTables.PartitionRow;
import dev.millrace.tools.groups.GroupTables.StateRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The tables, character for character. The expected texts were printed by Apache Kafka 4.4.0's
 * kafka-consumer-groups for the same groups (trailing spaces included), so a script written against Kafka's
 * output reads ours.
 */
class GroupTablesTest {

    private static final String NL = System.lineSeparator();
    private static final String C1 = "client-1-e3262708-f6e4-4ea5-9af2-91b7848a2028";
    private static final String C2 = "client-2-df7e51a0-98e1-4c80-8821-21c34d2e3d0d";
    private static final String LONG = "payments-with-a-rather-long-name";

    @Test
    void offsetsOfAnEmptyGroup() {
        List<PartitionRow> rows = List.of(
                new PartitionRow("g1", "orders", 0, null, 0L, 0L, "-", "-", "-"),
                new PartitionRow("g1", "orders", 2, null, 20L, 30L, "-", "-", "-"));
        assertEquals(lines("",
                "GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID     HOST            CLIENT-ID",
                "g1              orders          0          0               0               0               -               -               -",
                "g1              orders          2          20              30              10              -               -               -"),
                GroupTables.offsets(rows, false));
    }

    @Test
    void offsetsWidenTheColumnsToTheLongestValue() {
        List<PartitionRow> rows = List.of(
                new PartitionRow("g2", "orders", 0, null, 23L, 23L, C1, "/127.0.0.1", "client-1"),
                new PartitionRow("g2", LONG, 1, null, 10L, 10L, C2, "/127.0.0.1", "client-2"));
        assertEquals(lines("",
                "GROUP           TOPIC                            PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID                                   HOST            CLIENT-ID",
                "g2              orders                           0          23              23              0               " + C1 + " /127.0.0.1      client-1",
                "g2              " + LONG + " 1          10              10              0               " + C2 + " /127.0.0.1      client-2"),
                GroupTables.offsets(rows, false));
    }

    @Test
    void unknownValuesAreDashesAndLagNeedsBothOffsets() {
        PartitionRow noCommit = new PartitionRow("g", "t", 0, null, null, 5L, "c", "h", "id");
        PartitionRow noEnd = new PartitionRow("g", "t", 1, 3, 4L, null, "c", "h", "id");
        assertEquals(null, noCommit.lag());
        assertEquals(null, noEnd.lag());
        assertEquals(lines("",
                "GROUP           TOPIC           PARTITION  LEADER-EPOCH    CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID     HOST            CLIENT-ID",
                "g               t               0          -               -               5               -               c               h               id",
                "g               t               1          3               4               -               -               c               h               id"),
                GroupTables.offsets(List.of(noCommit, noEnd), true));
    }

    @Test
    void members() {
        List<MemberRow> rows = List.of(
                member(C2, "", "client-2", List.of(tp("orders", 2), tp(LONG, 1))),
                member(C1, "", "client-1", List.of(tp(LONG, 0), tp("orders", 1), tp("orders", 0))));
        assertEquals(lines("",
                "GROUP           CONSUMER-ID                                   HOST            CLIENT-ID       #PARTITIONS     ",
                "g2              " + C2 + " /127.0.0.1      client-2        2               ",
                "g2              " + C1 + " /127.0.0.1      client-1        3               "),
                GroupTables.members(rows, false));
        assertEquals(lines("",
                "GROUP           CONSUMER-ID                                   HOST            CLIENT-ID       #PARTITIONS     CURRENT-EPOCH   CURRENT-ASSIGNMENT                            TARGET-EPOCH    TARGET-ASSIGNMENT   ",
                "g2              " + C2 + " /127.0.0.1      client-2        2               -               orders:2;" + LONG + ":1   -               -                   ",
                "g2              " + C1 + " /127.0.0.1      client-1        3               -               orders:0,1;" + LONG + ":0 -               -                   "),
                GroupTables.members(rows, true));
    }

    @Test
    void membersOfAnEmptyGroupIsTheHeaderAlone() {
        assertEquals(lines("", "GROUP           CONSUMER-ID     HOST            CLIENT-ID       #PARTITIONS     "),
                GroupTables.members(List.of(), false));
    }

    @Test
    void theInstanceIdColumnAppearsWhenAMemberHasOne() {
        List<MemberRow> rows = List.of(member("m-1", "instance-a", "c", List.of(tp("t", 0))),
                member("m-2", "", "c", List.of()));
        assertEquals(lines("",
                "GROUP           CONSUMER-ID     GROUP-INSTANCE-ID HOST            CLIENT-ID       #PARTITIONS     ",
                "g2              m-1             instance-a        /127.0.0.1      c               1               ",
                "g2              m-2                               /127.0.0.1      c               0               "),
                GroupTables.members(rows, false));
    }

    @Test
    void state() {
        StateRow row = new StateRow("g1", "127.0.0.1:19092  (1)", "", "Empty", 0, null, null);
        assertEquals(lines("",
                "GROUP           COORDINATOR (ID)          ASSIGNMENT-STRATEGY  STATE                #MEMBERS",
                "g1              127.0.0.1:19092  (1)      -                    Empty                0"),
                GroupTables.state(row, false));
        assertEquals(lines("",
                "GROUP           COORDINATOR (ID)          ASSIGNMENT-STRATEGY  STATE                GROUP-EPOCH     TARGET-ASSIGNMENT-EPOCH   #MEMBERS",
                "g1              127.0.0.1:19092  (1)      -                    Empty                -               -                         0"),
                GroupTables.state(row, true));
    }

    @Test
    void listWithState() {
        Map<String, String> states = new LinkedHashMap<>();
        states.put("g1", "Empty");
        states.put("g2", "Stable");
        assertEquals(lines(
                "GROUP                     STATE               ",
                "g1                        Empty               ",
                "g2                        Stable              "),
                GroupTables.listWithState(states));
    }

    @Test
    void newOffsetsAreSortedByGroupTopicAndPartition() {
        Map<TopicPartition, Long> g1 = new LinkedHashMap<>();
        g1.put(tp("orders", 2), 22L);
        g1.put(tp("orders", 0), 9L);
        g1.put(tp("audit", 1), 1L);
        assertEquals(lines("",
                "GROUP           TOPIC           PARTITION  NEW-OFFSET",
                "g1              audit           1          1",
                "g1              orders          0          9",
                "g1              orders          2          22"),
                GroupTables.newOffsets(Map.of("g1", g1)));
        assertEquals(NL, GroupTables.newOffsets(Map.of("g1", Map.of())));
    }

    @Test
    void deleteOffsetsStatus() {
        Map<TopicPartition, String> status = new LinkedHashMap<>();
        status.put(tp(LONG, 0), null);
        status.put(tp("nosuch", -1), "This server does not host this topic-partition.");
        assertEquals(lines("",
                "TOPIC                            PARTITION  STATUS         ",
                "nosuch                           -          Error: This server does not host this topic-partition.",
                LONG + " 0          Successful     "),
                GroupTables.deleteOffsetsStatus(status));
    }

    @Test
    void assignmentText() {
        assertEquals("-", GroupTables.assignment(List.of()));
        assertEquals("a:0,2,10;b:1", GroupTables.assignment(List.of(tp("b", 1), tp("a", 10), tp("a", 0), tp("a", 2))));
    }

    private static MemberRow member(String id, String instance, String client, List<TopicPartition> assignment) {
        return new MemberRow("g2", id, instance, "/127.0.0.1", client, assignment, null, List.of(), null);
    }

    private static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    private static String lines(String... lines) {
        return String.join(NL, lines) + NL;
    }
}
