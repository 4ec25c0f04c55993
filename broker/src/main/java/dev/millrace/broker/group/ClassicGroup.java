package dev.millrace.broker.group;

import dev.millrace.broker.group.CoordinatorRecords.GroupSnapshot;
import dev.millrace.broker.group.CoordinatorRecords.MemberSnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A classic group's membership and state machine. Holds no timers and sends no responses itself: the
 * {@link GroupCoordinator} drives it. Transitions follow Kafka's classic protocol:
 * Empty → PreparingRebalance → CompletingRebalance → Stable, back to PreparingRebalance whenever membership
 * or a member's protocols change, and Dead when the group is removed.
 */
final class ClassicGroup {
    private static final Map<GroupState, Set<GroupState>> VALID_PREVIOUS = Map.of(
            GroupState.EMPTY, EnumSet.of(GroupState.PREPARING_REBALANCE),
            GroupState.PREPARING_REBALANCE, EnumSet.of(GroupState.STABLE, GroupState.COMPLETING_REBALANCE,
                    GroupState.EMPTY),
            GroupState.COMPLETING_REBALANCE, EnumSet.of(GroupState.PREPARING_REBALANCE),
            GroupState.STABLE, EnumSet.of(GroupState.COMPLETING_REBALANCE),
            GroupState.DEAD, EnumSet.allOf(GroupState.class));

    private final String groupId;
    private GroupState state = GroupState.EMPTY;
    private GroupState previousState = GroupState.EMPTY;
    private long currentStateTimestamp;
    private int generationId;
    private String protocolType;
    private String protocolName;
    private String leaderId;
    private final Map<String, MemberMetadata> members = new LinkedHashMap<>();
    /** Members told MEMBER_ID_REQUIRED that have not rejoined yet (KIP-394). */
    private final Set<String> pendingMembers = new HashSet<>();
    /** group.instance.id → current member id of that static member. */
    private final Map<String, String> staticMembers = new HashMap<>();
    /** Members that got their JoinGroup answer but have not sent SyncGroup yet. */
    private final Set<String> pendingSyncMembers = new HashSet<>();
    /** Set when a member joins during the initial delayed rebalance, which then waits once more. */
    private boolean newMemberAdded;

    ClassicGroup(String groupId, long nowMs) {
        this.groupId = groupId;
        this.currentStateTimestamp = nowMs;
    }

    String groupId() {
        return groupId;
    }

    GroupState state() {
        return state;
    }

    GroupState previousState() {
        return previousState;
    }

    boolean is(GroupState s) {
        return state == s;
    }

    long currentStateTimestamp() {
        return currentStateTimestamp;
    }

    void transitionTo(GroupState target, long nowMs) {
        if (!VALID_PREVIOUS.get(target).contains(state)) {
            throw new IllegalStateException("Group " + groupId + " cannot go from " + state + " to " + target);
        }
        previousState = state;
        state = target;
        currentStateTimestamp = nowMs;
    }

    int generationId() {
        return generationId;
    }

    String protocolType() {
        return protocolType;
    }

    String protocolName() {
        return protocolName;
    }

    String leaderId() {
        return leaderId;
    }

    boolean isLeader(String memberId) {
        return memberId.equals(leaderId);
    }

    boolean has(String memberId) {
        return members.containsKey(memberId);
    }

    MemberMetadata member(String memberId) {
        return members.get(memberId);
    }

    Collection<MemberMetadata> members() {
        return members.values();
    }

    int size() {
        return members.size();
    }

    boolean isEmptyOfMembers() {
        return members.isEmpty();
    }

    void add(MemberMetadata member) {
        members.put(member.memberId(), member);
        if (member.isStatic()) {
            staticMembers.put(member.groupInstanceId(), member.memberId());
        }
        if (leaderId == null) {
            leaderId = member.memberId();
        }
    }

    void protocolType(String type) {
        this.protocolType = type;
    }

    /** Removes a member; a removed leader is replaced by the longest-standing remaining member. */
    MemberMetadata remove(String memberId) {
        MemberMetadata m = members.remove(memberId);
        if (m == null) {
            return null;
        }
        if (m.isStatic() && memberId.equals(staticMembers.get(m.groupInstanceId()))) {
            staticMembers.remove(m.groupInstanceId());
        }
        pendingSyncMembers.remove(memberId);
        if (memberId.equals(leaderId)) {
            leaderId = members.isEmpty() ? null : members.keySet().iterator().next();
        }
        return m;
    }

    String staticMemberId(String groupInstanceId) {
        return groupInstanceId == null ? null : staticMembers.get(groupInstanceId);
    }

    /** A restarted static member takes over: same metadata and assignment, new member id. */
    MemberMetadata replaceStaticMember(String groupInstanceId, String oldMemberId, String newMemberId) {
        MemberMetadata m = members.remove(oldMemberId);
        m.memberId(newMemberId);
        members.put(newMemberId, m);
        staticMembers.put(groupInstanceId, newMemberId);
        if (oldMemberId.equals(leaderId)) {
            leaderId = newMemberId;
        }
        if (pendingSyncMembers.remove(oldMemberId)) {
            pendingSyncMembers.add(newMemberId);
        }
        return m;
    }

    Set<String> pendingMembers() {
        return pendingMembers;
    }

    Set<String> pendingSyncMembers() {
        return pendingSyncMembers;
    }

    boolean newMemberAdded() {
        return newMemberAdded;
    }

    void newMemberAdded(boolean value) {
        newMemberAdded = value;
    }

    /** Every member has rejoined and nobody told MEMBER_ID_REQUIRED is still expected. */
    boolean hasAllMembersJoined() {
        for (MemberMetadata m : members.values()) {
            if (!m.isAwaitingJoin()) {
                return false;
            }
        }
        return pendingMembers.isEmpty();
    }

    /** The join round is bounded by the largest rebalance timeout among the members. */
    int rebalanceTimeoutMs() {
        int max = 0;
        for (MemberMetadata m : members.values()) {
            max = Math.max(max, m.rebalanceTimeoutMs());
        }
        return max;
    }

    /**
     * Whether a member with this protocol type and these protocols may join: an empty group takes any
     * non-empty type and list; otherwise the type must match and some protocol must be one every current
     * member supports.
     */
    boolean supportsProtocols(String memberProtocolType, List<JoinProtocol> protocols) {
        if (members.isEmpty()) {
            return memberProtocolType != null && !memberProtocolType.isEmpty() && !protocols.isEmpty();
        }
        if (!memberProtocolType.equals(protocolType)) {
            return false;
        }
        for (JoinProtocol p : protocols) {
            if (allMembersSupport(p.name())) {
                return true;
            }
        }
        return false;
    }

    private boolean allMembersSupport(String protocol) {
        for (MemberMetadata m : members.values()) {
            if (!m.supports(protocol)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Kafka's choice: among the protocols every member supports, each member votes for the first one in
     * its own preference order; most votes wins (ties go to the earliest member's preference).
     */
    String selectProtocol() {
        if (members.isEmpty()) {
            throw new IllegalStateException("Cannot select a protocol for empty group " + groupId);
        }
        List<String> candidates = new ArrayList<>();
        for (JoinProtocol p : members.values().iterator().next().protocols()) {
            if (allMembersSupport(p.name())) {
                candidates.add(p.name());
            }
        }
        Map<String, Integer> votes = new HashMap<>();
        for (MemberMetadata m : members.values()) {
            for (JoinProtocol p : m.protocols()) {
                if (candidates.contains(p.name())) {
                    votes.merge(p.name(), 1, Integer::sum);
                    break;
                }
            }
        }
        String best = null;
        int bestVotes = -1;
        for (String c : candidates) {
            int v = votes.getOrDefault(c, 0);
            if (v > bestVotes) {
                best = c;
                bestVotes = v;
            }
        }
        return best;
    }

    /**
     * Starts the next generation once the join round completes: with members, a new protocol is chosen and
     * the group waits for assignments; without any, it becomes Empty.
     */
    void initNextGeneration(long nowMs) {
        generationId++;
        if (!members.isEmpty()) {
            protocolName = selectProtocol();
            pendingSyncMembers.clear();
            pendingSyncMembers.addAll(members.keySet());
            transitionTo(GroupState.COMPLETING_REBALANCE, nowMs);
        } else {
            protocolName = null;
            pendingSyncMembers.clear();
            transitionTo(GroupState.EMPTY, nowMs);
        }
    }

    /** Restores the state persisted after the last completed rebalance (start-up). */
    void restore(GroupSnapshot snapshot, long nowMs) {
        generationId = snapshot.generation();
        protocolType = snapshot.protocolType() == null || snapshot.protocolType().isEmpty() ? null
                : snapshot.protocolType();
        protocolName = snapshot.protocol();
        members.clear();
        staticMembers.clear();
        for (MemberSnapshot s : snapshot.members()) {
            byte[] subscription = s.subscription() == null ? new byte[0] : s.subscription();
            MemberMetadata m = new MemberMetadata(s.memberId(), s.groupInstanceId(), s.clientId(), s.clientHost(),
                    s.rebalanceTimeoutMs(), s.sessionTimeoutMs(),
                    List.of(new JoinProtocol(protocolName == null ? "" : protocolName, subscription)));
            m.assignment(s.assignment());
            add(m);
        }
        leaderId = snapshot.leader() != null && members.containsKey(snapshot.leader()) ? snapshot.leader()
                : members.isEmpty() ? null : members.keySet().iterator().next();
        previousState = state;
        state = members.isEmpty() ? GroupState.EMPTY : GroupState.STABLE;
        currentStateTimestamp = snapshot.currentStateTimestamp() >= 0 ? snapshot.currentStateTimestamp() : nowMs;
    }

    /** The record persisted after a rebalance; {@code assignments} override the members' current ones. */
    GroupSnapshot snapshot(Map<String, byte[]> assignments) {
        List<MemberSnapshot> out = new ArrayList<>();
        for (MemberMetadata m : members.values()) {
            byte[] assignment = assignments != null ? assignments.getOrDefault(m.memberId(), new byte[0])
                    : m.assignment();
            byte[] subscription = protocolName == null ? null : m.metadata(protocolName);
            out.add(new MemberSnapshot(m.memberId(), m.groupInstanceId(), m.clientId(), m.clientHost(),
                    m.rebalanceTimeoutMs(), m.sessionTimeoutMs(), subscription == null ? new byte[0] : subscription,
                    assignment));
        }
        return new GroupSnapshot(protocolType == null ? "" : protocolType, generationId, protocolName, leaderId,
                currentStateTimestamp, out);
    }
}
