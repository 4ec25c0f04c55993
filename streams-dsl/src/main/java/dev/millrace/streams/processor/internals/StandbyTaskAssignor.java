package dev.millrace.streams.processor.internals;

import dev.millrace.streams.processor.TaskId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Places {@code num.standby.replicas} standby copies of each stateful task, once the active tasks are placed. A
 * standby never goes to the client (process) that runs the task's active, nor twice to one client; among the other
 * clients it prefers one that has the task's state already (it kept a standby or ran the active, or has the task
 * directory), then the client with the fewest standbys so far. Within a client it goes back to the thread that kept
 * it before, else to the least loaded thread. With too few clients a task gets fewer standbys (as Kafka Streams).
 * Deterministic for the same input.
 */
final class StandbyTaskAssignor {
    /** A member as the assignor sees it: its client, the tasks whose state it has, the standbys it kept. */
    record Member(UUID client, Set<TaskId> warm, Set<TaskId> previousStandby) {
    }

    private StandbyTaskAssignor() {
    }

    static Map<String, Set<TaskId>> assign(Set<TaskId> statefulTasks, int replicas, Map<String, Member> members,
                                           Map<String, List<TaskId>> active) {
        Map<String, Set<TaskId>> out = new TreeMap<>();
        for (String m : members.keySet()) out.put(m, new TreeSet<>());
        if (replicas <= 0 || members.isEmpty()) return out;
        Map<UUID, List<String>> clients = new TreeMap<>();
        for (Map.Entry<String, Member> e : members.entrySet()) clients.computeIfAbsent(e.getValue().client(), c -> new ArrayList<>()).add(e.getKey());
        Map<TaskId, UUID> activeClient = new HashMap<>();
        for (Map.Entry<String, List<TaskId>> e : active.entrySet()) {
            for (TaskId t : e.getValue()) activeClient.put(t, members.get(e.getKey()).client());
        }
        Map<UUID, Integer> standbyCount = new HashMap<>();
        for (TaskId task : new TreeSet<>(statefulTasks)) {
            Set<UUID> holding = new HashSet<>();
            if (activeClient.containsKey(task)) holding.add(activeClient.get(task));
            for (int r = 0; r < replicas; r++) {
                List<UUID> candidates = new ArrayList<>();
                for (UUID c : clients.keySet()) if (!holding.contains(c)) candidates.add(c);
                if (candidates.isEmpty()) break;
                candidates.sort(Comparator.<UUID>comparingInt(c -> warm(c, task, clients, members) ? 0 : 1)
                        .thenComparingInt(c -> standbyCount.getOrDefault(c, 0)));
                UUID client = candidates.get(0);
                String member = pickMember(clients.get(client), task, members, active, out);
                out.get(member).add(task);
                holding.add(client);
                standbyCount.merge(client, 1, Integer::sum);
            }
        }
        return out;
    }

    private static boolean warm(UUID client, TaskId task, Map<UUID, List<String>> clients, Map<String, Member> members) {
        for (String m : clients.get(client)) if (members.get(m).warm().contains(task)) return true;
        return false;
    }

    private static String pickMember(List<String> clientMembers, TaskId task, Map<String, Member> members,
                                     Map<String, List<TaskId>> active, Map<String, Set<TaskId>> standby) {
        for (String m : clientMembers) if (members.get(m).previousStandby().contains(task)) return m;
        String least = null;
        for (String m : clientMembers) {
            if (least == null || load(m, active, standby) < load(least, active, standby)) least = m;
        }
        return least;
    }

    private static int load(String member, Map<String, List<TaskId>> active, Map<String, Set<TaskId>> standby) {
        return active.getOrDefault(member, List.of()).size() + standby.get(member).size();
    }
}
