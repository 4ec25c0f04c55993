package dev.millrace.streams.processor.internals;

import dev.millrace.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The task placement on its own: balanced, complete, and sticky where the balance allows. */
class StreamsPartitionAssignorTest {
    private static Set<TaskId> tasks(int subtopologies, int partitions) {
        Set<TaskId> out = new TreeSet<>();
        for (int s = 0; s < subtopologies; s++) for (int p = 0; p < partitions; p++) out.add(new TaskId(s, p));
        return out;
    }

    @Test
    void everyTaskGoesToExactlyOneMemberAndLoadsDifferByAtMostOne() {
        Set<TaskId> all = tasks(2, 5);
        Map<String, Set<TaskId>> previous = new TreeMap<>(Map.of("a", Set.of(), "b", Set.of(), "c", Set.of()));
        Map<String, List<TaskId>> out = StreamsPartitionAssignor.assign(all, previous);
        Set<TaskId> seen = new HashSet<>();
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (List<TaskId> l : out.values()) {
            for (TaskId t : l) assertTrue(seen.add(t), t + " assigned twice");
            min = Math.min(min, l.size());
            max = Math.max(max, l.size());
        }
        assertEquals(all, seen);
        assertTrue(max - min <= 1, out.toString());
    }

    @Test
    void aMemberKeepsItsTasksWhenAnotherJoinsAndTheLeaversTasksMove() {
        Set<TaskId> all = tasks(1, 4);
        Map<String, List<TaskId>> first = StreamsPartitionAssignor.assign(all,
                new TreeMap<>(Map.of("a", Set.of(), "b", Set.of())));
        // c joins: a and b keep what they had up to the fair share (2 each of 4 over 3 members: ceil = 2)
        Map<String, List<TaskId>> second = StreamsPartitionAssignor.assign(all, new TreeMap<>(Map.of(
                "a", Set.copyOf(first.get("a")), "b", Set.copyOf(first.get("b")), "c", Set.of())));
        assertEquals(first.get("a"), second.get("a"));
        assertEquals(first.get("b"), second.get("b"));
        // b leaves: a keeps its tasks, c keeps nothing it did not have, b's go to c
        Map<String, List<TaskId>> third = StreamsPartitionAssignor.assign(all, new TreeMap<>(Map.of(
                "a", Set.copyOf(second.get("a")), "c", Set.copyOf(second.get("c")))));
        assertEquals(second.get("a"), third.get("a"));
        assertEquals(Set.copyOf(first.get("b")), Set.copyOf(third.get("c")));
    }

    @Test
    void stickinessGivesWayToBalance() {
        Set<TaskId> all = tasks(1, 4);
        // a ran everything alone; b joins: a keeps two of its tasks, b gets the other two
        Map<String, List<TaskId>> out = StreamsPartitionAssignor.assign(all, new TreeMap<>(Map.of("a", all, "b", Set.of())));
        assertEquals(2, out.get("a").size());
        assertEquals(2, out.get("b").size());
    }
}
