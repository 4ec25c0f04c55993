package dev.millrace.streams.processor.internals;

import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.HostInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Standby placement and the assignor's user data, without a broker. */
class StandbyTaskAssignorTest {
    static final UUID C1 = new UUID(0, 1);
    static final UUID C2 = new UUID(0, 2);
    static final UUID C3 = new UUID(0, 3);

    static StandbyTaskAssignor.Member member(UUID client, Set<TaskId> warm, Set<TaskId> previousStandby) {
        return new StandbyTaskAssignor.Member(client, warm, previousStandby);
    }

    static Set<TaskId> tasks(int n) {
        Set<TaskId> out = new java.util.TreeSet<>();
        for (int p = 0; p < n; p++) out.add(new TaskId(0, p));
        return out;
    }

    /** Never on the active's client, never twice on one client; as many replicas as there are other clients. */
    @Test
    void standbysAvoidTheActivesClientAndRepeatNoClient() {
        Map<String, StandbyTaskAssignor.Member> members = new TreeMap<>(Map.of(
                "a1", member(C1, Set.of(), Set.of()), "a2", member(C1, Set.of(), Set.of()),
                "b1", member(C2, Set.of(), Set.of()), "c1", member(C3, Set.of(), Set.of())));
        Set<TaskId> all = tasks(6);
        Map<String, List<TaskId>> active = StreamsPartitionAssignor.assign(all, new TreeMap<>(Map.of(
                "a1", Set.of(), "a2", Set.of(), "b1", Set.of(), "c1", Set.of())));
        for (int replicas = 1; replicas <= 3; replicas++) {
            Map<String, Set<TaskId>> standby = StandbyTaskAssignor.assign(all, replicas, members, active);
            for (TaskId t : all) {
                Map<UUID, Integer> copies = new HashMap<>();
                UUID activeClient = null;
                for (Map.Entry<String, List<TaskId>> e : active.entrySet()) {
                    if (e.getValue().contains(t)) activeClient = members.get(e.getKey()).client();
                }
                for (Map.Entry<String, Set<TaskId>> e : standby.entrySet()) {
                    if (e.getValue().contains(t)) copies.merge(members.get(e.getKey()).client(), 1, Integer::sum);
                }
                assertFalse(copies.containsKey(activeClient), t + " standby beside its active");
                assertTrue(copies.values().stream().allMatch(n -> n == 1), t + " twice on a client: " + copies);
                assertEquals(Math.min(replicas, 2), copies.size(), t + " replicas");
            }
        }
    }

    /** The client (and thread) that kept a task's state gets its standby back; the rest spread evenly. */
    @Test
    void standbysGoBackToThePreviousHolderAndSpreadEvenly() {
        TaskId t0 = new TaskId(0, 0);
        Map<String, StandbyTaskAssignor.Member> members = new TreeMap<>(Map.of(
                "a1", member(C1, Set.of(), Set.of()),
                "b1", member(C2, Set.of(), Set.of()), "b2", member(C2, Set.of(t0), Set.of(t0)),
                "c1", member(C3, Set.of(), Set.of())));
        Map<String, List<TaskId>> active = Map.of("a1", List.of(t0, new TaskId(0, 1), new TaskId(0, 2), new TaskId(0, 3)),
                "b1", List.of(), "b2", List.of(), "c1", List.of());
        Map<String, Set<TaskId>> standby = StandbyTaskAssignor.assign(tasks(4), 1, members, active);
        assertTrue(standby.get("b2").contains(t0), "back to the thread that kept it: " + standby);
        int onC2 = standby.get("b1").size() + standby.get("b2").size();
        assertEquals(2, onC2, "two standbys per other client: " + standby);
        assertEquals(2, standby.get("c1").size(), standby.toString());
    }

    /** An active whose previous owner is gone goes to the member that kept its standby. */
    @Test
    void anOrphanedActiveGoesToItsStandbyHolder() {
        TaskId t3 = new TaskId(0, 3);
        Map<String, List<TaskId>> active = StreamsPartitionAssignor.assign(tasks(4),
                new TreeMap<>(Map.of("a", Set.of(new TaskId(0, 0)), "b", Set.of(new TaskId(0, 1)))),
                Map.of("a", Set.of(), "b", Set.of(t3)));
        assertTrue(active.get("b").contains(t3), active.toString());
    }

    @Test
    void userDataRoundTrips() {
        SubscriptionInfo s = new SubscriptionInfo(C2, "host:1", Set.of(new TaskId(1, 2)), Set.of(new TaskId(0, 0)), Set.of());
        assertEquals(s, SubscriptionInfo.decode(s.encode()));
        AssignmentInfo a = new AssignmentInfo(Set.of(new TaskId(0, 1)),
                Map.of(new HostInfo("h", 1), Set.of(new TopicPartition("t", 0))), Map.of(new HostInfo("g", 2), Set.of()));
        assertEquals(a, AssignmentInfo.decode(a.encode()));
    }
}
