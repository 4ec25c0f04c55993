package dev.millrace.broker.group;

import dev.millrace.broker.group.CoordinatorRecords.Decoded;
import dev.millrace.broker.group.CoordinatorRecords.GroupRecord;
import dev.millrace.broker.group.CoordinatorRecords.GroupSnapshot;
import dev.millrace.broker.group.CoordinatorRecords.KeyValue;
import dev.millrace.broker.group.CoordinatorRecords.OffsetRecord;
import dev.millrace.broker.partition.Partition;
import dev.millrace.broker.partition.TopicPartition;
import dev.millrace.broker.protocol.Errors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classic group coordinator. Every group is coordinated by this node (a single node leads every
 * partition of {@code __consumer_offsets}); a group's records go to partition
 * {@code abs(groupId.hashCode()) % partitions}, as in Kafka, so the routing stays right when partitions
 * move to other brokers.
 *
 * <p>All state lives on one thread (see the package documentation). Public methods hop onto it and return
 * futures that complete when the answer is known: a JoinGroup is held until the join round completes, a
 * follower's SyncGroup until the leader's assignment is persisted, a commit until its records are in the
 * log. Timers (session, rebalance, initial delay, pending sync) are scheduled tasks on the same thread,
 * never polled.
 */
public final class GroupCoordinator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCoordinator.class);

    /** An OffsetCommit request, decoded. {@code retentionMs} is -1 unless v2-4 asked for one. */
    public record CommitRequest(String groupId, String memberId, String groupInstanceId, int generationId,
                                long retentionMs, Map<TopicPartition, PartitionCommit> partitions) {
    }

    public record PartitionCommit(long offset, int leaderEpoch, String metadata) {
    }

    /** A JoinGroup request, decoded; {@code requireKnownMemberId} is true from v4 (KIP-394). */
    public record JoinRequest(String groupId, String memberId, String groupInstanceId, String clientId,
                              String clientHost, int sessionTimeoutMs, int rebalanceTimeoutMs, String protocolType,
                              List<JoinProtocol> protocols, boolean requireKnownMemberId) {
    }

    public record SyncRequest(String groupId, int generationId, String memberId, String groupInstanceId,
                              String protocolType, String protocolName, Map<String, byte[]> assignments) {
    }

    public record LeaveMember(String memberId, String groupInstanceId) {
    }

    /** LeaveGroup: a group-level error, else one error per member in request order. */
    public record LeaveResult(Errors error, List<Errors> members) {
    }

    /** OffsetFetch for one group: a group-level error, else the offsets (null value: nothing committed). */
    public record FetchResult(Errors error, Map<TopicPartition, CommittedOffset> offsets) {
    }

    public record MemberDescription(String memberId, String groupInstanceId, String clientId, String clientHost,
                                    byte[] metadata, byte[] assignment) {
    }

    /** DescribeGroups for one group; {@code state} is null when the group does not exist. */
    public record GroupDescription(String groupId, Errors error, GroupState state, String protocolType,
                                   String protocolData, List<MemberDescription> members) {
    }

    public record GroupListing(String groupId, String protocolType, GroupState state) {
    }

    public record ListResult(Errors error, List<GroupListing> groups) {
    }

    public record OffsetDeleteResult(Errors error, Map<TopicPartition, Errors> partitions) {
    }

    private final GroupConfig config;
    private final OffsetsTopic topic;
    private final LongSupplier clock;
    private final ScheduledThreadPoolExecutor thread;
    private final GroupTimers timers;
    private final Map<String, ClassicGroup> groups = new HashMap<>();
    private final OffsetStore offsets = new OffsetStore();
    /** __consumer_offsets partitions whose records have been replayed (all of them once the topic is new). */
    private final Set<Integer> loaded = new HashSet<>();
    private volatile boolean topicExists;
    private volatile int partitionCount;
    private CompletableFuture<Errors> creating;

    public GroupCoordinator(GroupConfig config, OffsetsTopic topic, LongSupplier clock) {
        this.config = config;
        this.topic = topic;
        this.clock = clock;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "millrace-group-coordinator");
            t.setDaemon(true);
            return t;
        });
        thread.setRemoveOnCancelPolicy(true);
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.timers = new GroupTimers(thread);
        this.partitionCount = topic.partitionCount();
        this.topicExists = topic.exists();
    }

    /**
     * Loads every existing partition of {@code __consumer_offsets} in the background (a loader thread reads,
     * the coordinator thread replays), and starts the periodic offset expiration. Requests for groups of a
     * partition still loading answer COORDINATOR_LOAD_IN_PROGRESS.
     */
    public void startup() {
        if (topicExists) {
            ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "millrace-group-loader");
                t.setDaemon(true);
                return t;
            });
            long started = System.nanoTime();
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int p = 0; p < partitionCount; p++) {
                int index = p;
                all.add(CompletableFuture.supplyAsync(() -> {
                    Partition partition = topic.partition(index);
                    return partition == null ? List.<Decoded>of() : GroupMetadataLoader.read(partition);
                }, loader).thenAcceptAsync(records -> replay(index, records), thread).exceptionally(e -> {
                    log.error("Cannot load {}-{}", OffsetsTopic.NAME, index, e);
                    return null;
                }));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
                loader.shutdown();
                log.info("Loaded {} partitions of {} in {} ms", partitionCount, OffsetsTopic.NAME,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            });
        }
        long every = config.offsetsRetentionCheckIntervalMs();
        thread.scheduleWithFixedDelay(this::expireOffsets, every, every, TimeUnit.MILLISECONDS);
    }

    /** Kafka's placement: {@code Utils.abs(groupId.hashCode()) % partitions}. */
    public int partitionFor(String groupId) {
        int h = groupId.hashCode();
        return (h == Integer.MIN_VALUE ? 0 : Math.abs(h)) % partitionCount;
    }

    /** Creates {@code __consumer_offsets} unless it exists (FindCoordinator's first call does this). */
    public CompletableFuture<Errors> ensureOffsetsTopic() {
        if (topicExists) {
            return CompletableFuture.completedFuture(Errors.NONE);
        }
        return call(() -> {
            if (topicExists) {
                return CompletableFuture.completedFuture(Errors.NONE);
            }
            if (creating == null) {
                creating = topic.create().thenApplyAsync(error -> {
                    creating = null;
                    if (error == Errors.NONE) {
                        partitionCount = topic.partitionCount();
                        for (int p = 0; p < partitionCount; p++) {
                            loaded.add(p);
                        }
                        topicExists = true;
                        log.info("Created {} with {} partitions", OffsetsTopic.NAME, partitionCount);
                    }
                    return error;
                }, thread);
            }
            return creating;
        });
    }

    // ---- JoinGroup ------------------------------------------------------------------------------

    public CompletableFuture<JoinGroupResult> joinGroup(JoinRequest r) {
        return call(() -> {
            CompletableFuture<JoinGroupResult> f = new CompletableFuture<>();
            doJoin(r, f);
            return f;
        });
    }

    private void doJoin(JoinRequest r, CompletableFuture<JoinGroupResult> f) {
        Errors error = checkGroup(r.groupId(), true);
        if (error == null && (r.sessionTimeoutMs() < config.minSessionTimeoutMs()
                || r.sessionTimeoutMs() > config.maxSessionTimeoutMs())) {
            error = Errors.INVALID_SESSION_TIMEOUT;
        }
        if (error != null) {
            f.complete(JoinGroupResult.error(error, r.memberId()));
            return;
        }
        boolean unknownMember = r.memberId().isEmpty();
        ClassicGroup group = groups.get(r.groupId());
        if (group == null) {
            if (!unknownMember) {
                f.complete(JoinGroupResult.error(Errors.UNKNOWN_MEMBER_ID, r.memberId()));
                return;
            }
            group = new ClassicGroup(r.groupId(), now());
            groups.put(r.groupId(), group);
        }
        if (unknownMember) {
            joinUnknownMember(group, r, f);
        } else {
            joinKnownMember(group, r, f);
        }
        if (f.isDone() && group.is(GroupState.EMPTY) && group.isEmptyOfMembers() && group.generationId() == 0
                && group.pendingMembers().isEmpty() && !offsets.hasOffsets(group.groupId())) {
            groups.remove(group.groupId());     // a refused first join leaves nothing behind
        }
    }

    private void joinUnknownMember(ClassicGroup group, JoinRequest r, CompletableFuture<JoinGroupResult> f) {
        if (group.is(GroupState.DEAD)) {
            f.complete(JoinGroupResult.error(Errors.COORDINATOR_NOT_AVAILABLE, r.memberId()));
            return;
        }
        if (!group.supportsProtocols(r.protocolType(), r.protocols())) {
            f.complete(JoinGroupResult.error(Errors.INCONSISTENT_GROUP_PROTOCOL, r.memberId()));
            return;
        }
        String existingStatic = group.staticMemberId(r.groupInstanceId());
        if (existingStatic == null && group.size() + group.pendingMembers().size() >= config.maxGroupSize()) {
            f.complete(JoinGroupResult.error(Errors.GROUP_MAX_SIZE_REACHED, r.memberId()));
            return;
        }
        String prefix = r.groupInstanceId() != null ? r.groupInstanceId() : r.clientId();
        String newMemberId = prefix + "-" + UUID.randomUUID();
        if (r.groupInstanceId() != null) {
            if (existingStatic != null) {
                replaceStaticMember(group, existingStatic, newMemberId, r, f);
            } else {
                addMemberAndRebalance(group, newMemberId, r, f);
            }
        } else if (r.requireKnownMemberId()) {
            // KIP-394: hand out the id first, so a client that times out and retries does not leave a
            // ghost member behind; it must rejoin with this id within its session timeout.
            group.pendingMembers().add(newMemberId);
            timers.schedule(GroupTimers.pendingMemberKey(group.groupId(), newMemberId), r.sessionTimeoutMs(),
                    () -> expirePendingMember(group, newMemberId));
            f.complete(JoinGroupResult.error(Errors.MEMBER_ID_REQUIRED, newMemberId));
        } else {
            addMemberAndRebalance(group, newMemberId, r, f);
        }
    }

    private void joinKnownMember(ClassicGroup group, JoinRequest r, CompletableFuture<JoinGroupResult> f) {
        if (group.is(GroupState.DEAD)) {
            f.complete(JoinGroupResult.error(Errors.COORDINATOR_NOT_AVAILABLE, r.memberId()));
            return;
        }
        if (!group.supportsProtocols(r.protocolType(), r.protocols())) {
            f.complete(JoinGroupResult.error(Errors.INCONSISTENT_GROUP_PROTOCOL, r.memberId()));
            return;
        }
        if (group.pendingMembers().remove(r.memberId())) {
            timers.cancel(GroupTimers.pendingMemberKey(group.groupId(), r.memberId()));
            addMemberAndRebalance(group, r.memberId(), r, f);
            return;
        }
        Errors invalid = validateMember(group, r.memberId(), r.groupInstanceId());
        if (invalid != null) {
            f.complete(JoinGroupResult.error(invalid, r.memberId()));
            return;
        }
        MemberMetadata member = group.member(r.memberId());
        switch (group.state()) {
            case PREPARING_REBALANCE -> updateMemberAndRebalance(group, member, r, f, "member rejoined");
            case COMPLETING_REBALANCE -> {
                if (member.sameProtocols(r.protocols())) {
                    // It missed our JoinGroup answer; send it again.
                    f.complete(currentJoinResult(group, member));
                } else {
                    updateMemberAndRebalance(group, member, r, f, "member changed its protocols");
                }
            }
            case STABLE -> {
                if (group.isLeader(member.memberId()) || !member.sameProtocols(r.protocols())) {
                    // A leader rejoins to force a rebalance (e.g. its metadata changed).
                    updateMemberAndRebalance(group, member, r, f, group.isLeader(member.memberId())
                            ? "leader rejoined" : "member changed its protocols");
                } else {
                    f.complete(currentJoinResult(group, member));
                }
            }
            default -> f.complete(JoinGroupResult.error(Errors.UNKNOWN_MEMBER_ID, r.memberId()));
        }
    }

    private void addMemberAndRebalance(ClassicGroup group, String memberId, JoinRequest r,
                                       CompletableFuture<JoinGroupResult> f) {
        MemberMetadata member = new MemberMetadata(memberId, r.groupInstanceId(), r.clientId(), r.clientHost(),
                r.rebalanceTimeoutMs(), r.sessionTimeoutMs(), r.protocols());
        if (group.isEmptyOfMembers()) {
            group.protocolType(r.protocolType());
        }
        member.awaitingJoin(f);
        group.add(member);
        if (group.is(GroupState.PREPARING_REBALANCE) && group.previousState() == GroupState.EMPTY) {
            group.newMemberAdded(true);
        }
        maybePrepareRebalanceOrCompleteJoin(group, "new member " + memberId + " joined");
    }

    private void updateMemberAndRebalance(ClassicGroup group, MemberMetadata member, JoinRequest r,
                                          CompletableFuture<JoinGroupResult> f, String reason) {
        member.update(r.clientId(), r.clientHost(), r.rebalanceTimeoutMs(), r.sessionTimeoutMs(), r.protocols());
        // A second JoinGroup replaces the first (whose connection is gone): answer the old one.
        member.completeJoin(JoinGroupResult.error(Errors.REBALANCE_IN_PROGRESS, member.memberId()));
        member.awaitingJoin(f);
        maybePrepareRebalanceOrCompleteJoin(group, reason);
    }

    /**
     * A static member restarted: the new instance takes over the old member's place and assignment under a
     * new member id, and the old one is fenced. In a stable group nothing else changes (no rebalance),
     * unless the new instance's protocols change the group's choice.
     */
    private void replaceStaticMember(ClassicGroup group, String oldMemberId, String newMemberId, JoinRequest r,
                                     CompletableFuture<JoinGroupResult> f) {
        MemberMetadata member = group.member(oldMemberId);
        member.completeJoin(JoinGroupResult.error(Errors.FENCED_INSTANCE_ID, oldMemberId));
        member.completeSync(SyncGroupResult.error(Errors.FENCED_INSTANCE_ID));
        timers.cancel(GroupTimers.heartbeatKey(group.groupId(), oldMemberId));
        String oldClientId = member.clientId();
        String oldClientHost = member.clientHost();
        int oldRebalanceTimeout = member.rebalanceTimeoutMs();
        int oldSessionTimeout = member.sessionTimeoutMs();
        List<JoinProtocol> oldProtocols = member.protocols();
        member.update(r.clientId(), r.clientHost(), r.rebalanceTimeoutMs(), r.sessionTimeoutMs(), r.protocols());
        group.replaceStaticMember(r.groupInstanceId(), oldMemberId, newMemberId);
        log.info("Static member {} of group {} rejoined as {} (was {})", r.groupInstanceId(), group.groupId(),
                newMemberId, oldMemberId);
        switch (group.state()) {
            case STABLE -> {
                if (!group.selectProtocol().equals(group.protocolName())) {
                    member.awaitingJoin(f);
                    prepareRebalance(group, "static member " + r.groupInstanceId() + " changed the group's protocol");
                    return;
                }
                persistGroup(group, null).whenComplete((v, thrown) -> {
                    if (thrown != null) {
                        if (group.member(newMemberId) == member) {
                            group.replaceStaticMember(r.groupInstanceId(), newMemberId, oldMemberId);
                            member.update(oldClientId, oldClientHost, oldRebalanceTimeout, oldSessionTimeout,
                                    oldProtocols);
                            scheduleHeartbeat(group, member);
                        }
                        f.complete(JoinGroupResult.error(appendError(thrown), ""));
                        return;
                    }
                    scheduleHeartbeat(group, member);
                    f.complete(currentJoinResult(group, member));
                });
            }
            case PREPARING_REBALANCE, COMPLETING_REBALANCE -> {
                member.awaitingJoin(f);
                maybePrepareRebalanceOrCompleteJoin(group, "static member " + r.groupInstanceId() + " rejoined");
            }
            default -> f.complete(JoinGroupResult.error(Errors.UNKNOWN_MEMBER_ID, ""));
        }
    }

    private JoinGroupResult currentJoinResult(ClassicGroup group, MemberMetadata member) {
        return new JoinGroupResult(Errors.NONE, member.memberId(), group.generationId(), group.protocolType(),
                group.protocolName(), group.leaderId(),
                group.isLeader(member.memberId()) ? joinedMembers(group) : List.of());
    }

    private static List<JoinGroupResult.Member> joinedMembers(ClassicGroup group) {
        List<JoinGroupResult.Member> out = new ArrayList<>();
        for (MemberMetadata m : group.members()) {
            byte[] metadata = m.metadata(group.protocolName());
            out.add(new JoinGroupResult.Member(m.memberId(), m.groupInstanceId(),
                    metadata == null ? new byte[0] : metadata));
        }
        return out;
    }

    private void maybePrepareRebalanceOrCompleteJoin(ClassicGroup group, String reason) {
        if (group.is(GroupState.PREPARING_REBALANCE)) {
            maybeCompleteJoin(group);
        } else if (group.is(GroupState.STABLE) || group.is(GroupState.COMPLETING_REBALANCE)
                || group.is(GroupState.EMPTY)) {
            prepareRebalance(group, reason);
        }
    }

    private void prepareRebalance(ClassicGroup group, String reason) {
        if (group.is(GroupState.COMPLETING_REBALANCE)) {
            resetAssignments(group, Errors.REBALANCE_IN_PROGRESS);
        }
        timers.cancel(GroupTimers.syncKey(group.groupId()));
        boolean initial = group.is(GroupState.EMPTY);
        group.transitionTo(GroupState.PREPARING_REBALANCE, now());
        log.info("Preparing to rebalance group {} (generation {}, {} members): {}", group.groupId(),
                group.generationId(), group.size(), reason);
        if (initial) {
            // group.initial.rebalance.delay.ms: let the other members of a starting application join the
            // first round, extending while new members keep arriving, up to the rebalance timeout.
            int timeout = group.rebalanceTimeoutMs();
            int delay = Math.min(config.initialRebalanceDelayMs(), timeout);
            int remaining = Math.max(timeout - config.initialRebalanceDelayMs(), 0);
            group.newMemberAdded(false);
            timers.schedule(GroupTimers.joinKey(group.groupId()), delay, () -> initialDelayExpired(group, remaining));
        } else {
            timers.schedule(GroupTimers.joinKey(group.groupId()), group.rebalanceTimeoutMs(), () -> completeJoin(group));
            maybeCompleteJoin(group);
        }
    }

    private void initialDelayExpired(ClassicGroup group, int remaining) {
        if (!group.is(GroupState.PREPARING_REBALANCE)) {
            return;
        }
        if (group.newMemberAdded() && remaining > 0) {
            group.newMemberAdded(false);
            int delay = Math.min(config.initialRebalanceDelayMs(), remaining);
            int next = Math.max(remaining - config.initialRebalanceDelayMs(), 0);
            timers.schedule(GroupTimers.joinKey(group.groupId()), delay, () -> initialDelayExpired(group, next));
        } else {
            completeJoin(group);
        }
    }

    /** Completes the join round early once everyone has rejoined, except during the initial delay. */
    private void maybeCompleteJoin(ClassicGroup group) {
        if (group.is(GroupState.PREPARING_REBALANCE) && group.previousState() != GroupState.EMPTY
                && group.hasAllMembersJoined()) {
            completeJoin(group);
        }
    }

    private void completeJoin(ClassicGroup group) {
        timers.cancel(GroupTimers.joinKey(group.groupId()));
        if (!group.is(GroupState.PREPARING_REBALANCE)) {
            return;
        }
        for (MemberMetadata m : List.copyOf(group.members())) {
            if (!m.isAwaitingJoin()) {
                log.info("Removing member {} from group {}: it did not rejoin within the rebalance timeout",
                        m.memberId(), group.groupId());
                timers.cancel(GroupTimers.heartbeatKey(group.groupId(), m.memberId()));
                group.remove(m.memberId());
                m.completeSync(SyncGroupResult.error(Errors.UNKNOWN_MEMBER_ID));
            }
        }
        group.initNextGeneration(now());
        if (group.is(GroupState.EMPTY)) {
            log.info("Group {} is empty at generation {}", group.groupId(), group.generationId());
            persistGroup(group, null).exceptionally(e -> {
                log.warn("Cannot persist the empty group {}: {}", group.groupId(), e.toString());
                return null;
            });
            return;
        }
        log.info("Group {} completed its join round: generation {}, protocol {}, leader {}, {} members",
                group.groupId(), group.generationId(), group.protocolName(), group.leaderId(), group.size());
        for (MemberMetadata m : group.members()) {
            m.completeJoin(currentJoinResult(group, m));
            scheduleHeartbeat(group, m);
        }
        int generation = group.generationId();
        timers.schedule(GroupTimers.syncKey(group.groupId()), group.rebalanceTimeoutMs(),
                () -> expirePendingSync(group, generation));
    }

    /** Members that got their join answer but never sent SyncGroup within the rebalance timeout are removed. */
    private void expirePendingSync(ClassicGroup group, int generation) {
        if (generation != group.generationId()
                || !(group.is(GroupState.COMPLETING_REBALANCE) || group.is(GroupState.STABLE))) {
            return;
        }
        for (String memberId : List.copyOf(group.pendingSyncMembers())) {
            MemberMetadata m = group.member(memberId);
            if (m != null) {
                log.info("Removing member {} from group {}: no SyncGroup within the rebalance timeout",
                        memberId, group.groupId());
                removeMemberAndUpdateGroup(group, m, "member " + memberId + " did not sync in time");
            }
        }
    }

    private void expirePendingMember(ClassicGroup group, String memberId) {
        if (group.pendingMembers().remove(memberId)) {
            maybeCompleteJoin(group);
        }
    }

    // ---- SyncGroup ------------------------------------------------------------------------------

    public CompletableFuture<SyncGroupResult> syncGroup(SyncRequest r) {
        return call(() -> {
            CompletableFuture<SyncGroupResult> f = new CompletableFuture<>();
            doSync(r, f);
            return f;
        });
    }

    private void doSync(SyncRequest r, CompletableFuture<SyncGroupResult> f) {
        Errors error = checkGroup(r.groupId(), true);
        ClassicGroup group = error == null ? groups.get(r.groupId()) : null;
        if (error == null && group == null) {
            error = Errors.UNKNOWN_MEMBER_ID;
        }
        if (error == null && group.is(GroupState.DEAD)) {
            error = Errors.COORDINATOR_NOT_AVAILABLE;
        }
        if (error == null) {
            error = validateMember(group, r.memberId(), r.groupInstanceId());
        }
        if (error == null && r.generationId() != group.generationId()) {
            error = Errors.ILLEGAL_GENERATION;
        }
        if (error == null && ((r.protocolType() != null && !r.protocolType().equals(group.protocolType()))
                || (r.protocolName() != null && !r.protocolName().equals(group.protocolName())))) {
            error = Errors.INCONSISTENT_GROUP_PROTOCOL;
        }
        if (error != null) {
            f.complete(SyncGroupResult.error(error));
            return;
        }
        MemberMetadata member = group.member(r.memberId());
        switch (group.state()) {
            case PREPARING_REBALANCE -> f.complete(SyncGroupResult.error(Errors.REBALANCE_IN_PROGRESS));
            case COMPLETING_REBALANCE -> {
                member.completeSync(SyncGroupResult.error(Errors.REBALANCE_IN_PROGRESS));
                member.awaitingSync(f);
                scheduleHeartbeat(group, member);
                removePendingSync(group, member.memberId());
                if (group.isLeader(member.memberId())) {
                    applyLeaderAssignment(group, r.assignments());
                }
            }
            case STABLE -> {
                scheduleHeartbeat(group, member);
                removePendingSync(group, member.memberId());
                f.complete(new SyncGroupResult(Errors.NONE, group.protocolType(), group.protocolName(),
                        member.assignment()));
            }
            default -> f.complete(SyncGroupResult.error(Errors.UNKNOWN_MEMBER_ID));
        }
    }

    private void removePendingSync(ClassicGroup group, String memberId) {
        if (group.pendingSyncMembers().remove(memberId) && group.pendingSyncMembers().isEmpty()) {
            timers.cancel(GroupTimers.syncKey(group.groupId()));
        }
    }

    /** Persists the leader's assignment, then hands every member its part and makes the group stable. */
    private void applyLeaderAssignment(ClassicGroup group, Map<String, byte[]> assignments) {
        int generation = group.generationId();
        Map<String, byte[]> complete = new HashMap<>();
        for (MemberMetadata m : group.members()) {
            complete.put(m.memberId(), assignments.getOrDefault(m.memberId(), new byte[0]));
        }
        persistGroup(group, complete).whenComplete((v, thrown) -> {
            if (!group.is(GroupState.COMPLETING_REBALANCE) || group.generationId() != generation) {
                return;     // a new round started meanwhile; its members were told to rejoin
            }
            if (thrown != null) {
                log.warn("Cannot persist the assignment of group {}: {}", group.groupId(), thrown.toString());
                resetAssignments(group, appendError(thrown));
                prepareRebalance(group, "the assignment could not be persisted");
                return;
            }
            for (MemberMetadata m : group.members()) {
                m.assignment(complete.get(m.memberId()));
                m.completeSync(new SyncGroupResult(Errors.NONE, group.protocolType(), group.protocolName(),
                        m.assignment()));
            }
            group.transitionTo(GroupState.STABLE, now());
            log.info("Group {} is stable at generation {} with {} members", group.groupId(), generation,
                    group.size());
        });
    }

    private void resetAssignments(ClassicGroup group, Errors error) {
        for (MemberMetadata m : group.members()) {
            m.assignment(null);
            m.completeSync(SyncGroupResult.error(error));
        }
    }

    // ---- Heartbeat and LeaveGroup -----------------------------------------------------------------

    public CompletableFuture<Errors> heartbeat(String groupId, String memberId, String groupInstanceId,
                                               int generationId) {
        return call(() -> CompletableFuture.completedFuture(doHeartbeat(groupId, memberId, groupInstanceId,
                generationId)));
    }

    private Errors doHeartbeat(String groupId, String memberId, String groupInstanceId, int generationId) {
        Errors error = checkGroup(groupId, true);
        if (error != null) {
            return error;
        }
        ClassicGroup group = groups.get(groupId);
        if (group == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        if (group.is(GroupState.DEAD)) {
            return Errors.COORDINATOR_NOT_AVAILABLE;
        }
        error = validateMember(group, memberId, groupInstanceId);
        if (error != null) {
            return error;
        }
        if (generationId != group.generationId()) {
            return Errors.ILLEGAL_GENERATION;
        }
        MemberMetadata member = group.member(memberId);
        return switch (group.state()) {
            case PREPARING_REBALANCE -> {
                scheduleHeartbeat(group, member);
                yield Errors.REBALANCE_IN_PROGRESS;
            }
            case COMPLETING_REBALANCE, STABLE -> {
                scheduleHeartbeat(group, member);
                yield Errors.NONE;
            }
            default -> Errors.UNKNOWN_MEMBER_ID;
        };
    }

    public CompletableFuture<LeaveResult> leaveGroup(String groupId, List<LeaveMember> members) {
        return call(() -> CompletableFuture.completedFuture(doLeave(groupId, members)));
    }

    private LeaveResult doLeave(String groupId, List<LeaveMember> leaving) {
        Errors error = checkGroup(groupId, true);
        ClassicGroup group = error == null ? groups.get(groupId) : null;
        if (error == null && group == null) {
            error = Errors.UNKNOWN_MEMBER_ID;
        }
        if (error == null && group.is(GroupState.DEAD)) {
            error = Errors.COORDINATOR_NOT_AVAILABLE;
        }
        if (error != null) {
            return new LeaveResult(error, List.of());
        }
        List<Errors> out = new ArrayList<>();
        for (LeaveMember l : leaving) {
            String memberId = l.memberId() == null ? "" : l.memberId();
            if (l.groupInstanceId() != null) {
                String existing = group.staticMemberId(l.groupInstanceId());
                if (existing == null) {
                    out.add(Errors.UNKNOWN_MEMBER_ID);
                } else if (!memberId.isEmpty() && !existing.equals(memberId)) {
                    out.add(Errors.FENCED_INSTANCE_ID);
                } else {
                    removeMemberAndUpdateGroup(group, group.member(existing),
                            "static member " + l.groupInstanceId() + " left");
                    out.add(Errors.NONE);
                }
            } else if (group.pendingMembers().remove(memberId)) {
                timers.cancel(GroupTimers.pendingMemberKey(groupId, memberId));
                maybeCompleteJoin(group);
                out.add(Errors.NONE);
            } else if (!group.has(memberId)) {
                out.add(Errors.UNKNOWN_MEMBER_ID);
            } else {
                removeMemberAndUpdateGroup(group, group.member(memberId), "member " + memberId + " left");
                out.add(Errors.NONE);
            }
        }
        return new LeaveResult(Errors.NONE, out);
    }

    private void scheduleHeartbeat(ClassicGroup group, MemberMetadata member) {
        String memberId = member.memberId();
        timers.schedule(GroupTimers.heartbeatKey(group.groupId(), memberId), member.sessionTimeoutMs(),
                () -> heartbeatExpired(group, memberId));
    }

    private void heartbeatExpired(ClassicGroup group, String memberId) {
        MemberMetadata member = group.member(memberId);
        if (member == null || group.is(GroupState.DEAD) || groups.get(group.groupId()) != group) {
            return;
        }
        if (member.isAwaitingJoin() || member.isAwaitingSync()) {
            scheduleHeartbeat(group, member);      // a held request keeps the member alive
            return;
        }
        log.info("Member {} of group {} missed its session timeout ({} ms); removing it", memberId,
                group.groupId(), member.sessionTimeoutMs());
        removeMemberAndUpdateGroup(group, member, "member " + memberId + " missed its session timeout");
    }

    private void removeMemberAndUpdateGroup(ClassicGroup group, MemberMetadata member, String reason) {
        timers.cancel(GroupTimers.heartbeatKey(group.groupId(), member.memberId()));
        group.remove(member.memberId());
        member.completeJoin(JoinGroupResult.error(Errors.UNKNOWN_MEMBER_ID, member.memberId()));
        member.completeSync(SyncGroupResult.error(Errors.UNKNOWN_MEMBER_ID));
        switch (group.state()) {
            case STABLE, COMPLETING_REBALANCE -> prepareRebalance(group, reason);
            case PREPARING_REBALANCE -> maybeCompleteJoin(group);
            default -> {
            }
        }
    }

    private static Errors validateMember(ClassicGroup group, String memberId, String groupInstanceId) {
        if (groupInstanceId != null) {
            String existing = group.staticMemberId(groupInstanceId);
            if (existing == null) {
                return Errors.UNKNOWN_MEMBER_ID;
            }
            return existing.equals(memberId) ? null : Errors.FENCED_INSTANCE_ID;
        }
        return group.has(memberId) ? null : Errors.UNKNOWN_MEMBER_ID;
    }

    // ---- Offsets --------------------------------------------------------------------------------

    public CompletableFuture<Map<TopicPartition, Errors>> commitOffsets(CommitRequest r) {
        return call(() -> doCommit(r));
    }

    private CompletableFuture<Map<TopicPartition, Errors>> doCommit(CommitRequest r) {
        Errors error = checkGroup(r.groupId(), true);
        ClassicGroup group = error == null ? groups.get(r.groupId()) : null;
        if (error == null) {
            if (group == null) {
                if (r.generationId() < 0) {
                    // A consumer that assigns partitions itself: its group exists only to hold offsets.
                    group = new ClassicGroup(r.groupId(), now());
                    groups.put(r.groupId(), group);
                } else {
                    error = Errors.ILLEGAL_GENERATION;
                }
            } else {
                error = validateCommit(group, r.memberId(), r.groupInstanceId(), r.generationId());
            }
        }
        Map<TopicPartition, Errors> result = new LinkedHashMap<>();
        if (error != null) {
            for (TopicPartition tp : r.partitions().keySet()) {
                result.put(tp, error);
            }
            return CompletableFuture.completedFuture(result);
        }
        MemberMetadata member = group.member(r.memberId());
        if (member != null) {
            scheduleHeartbeat(group, member);
        }
        long now = now();
        long expireTimestamp = r.retentionMs() >= 0 ? now + r.retentionMs() : -1;
        Map<TopicPartition, CommittedOffset> accepted = new LinkedHashMap<>();
        List<KeyValue> records = new ArrayList<>();
        for (Map.Entry<TopicPartition, PartitionCommit> e : r.partitions().entrySet()) {
            PartitionCommit c = e.getValue();
            if (c.metadata() != null && c.metadata().length() > config.offsetMetadataMaxBytes()) {
                result.put(e.getKey(), Errors.OFFSET_METADATA_TOO_LARGE);
                continue;
            }
            CommittedOffset offset = new CommittedOffset(c.offset(), c.leaderEpoch(),
                    c.metadata() == null ? "" : c.metadata(), now, expireTimestamp);
            accepted.put(e.getKey(), offset);
            records.add(CoordinatorRecords.offsetCommit(r.groupId(), e.getKey(), offset));
            result.put(e.getKey(), Errors.NONE);
        }
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        String groupId = r.groupId();
        return append(groupId, records).handle((v, thrown) -> {
            if (thrown != null) {
                Errors mapped = appendError(thrown);
                accepted.keySet().forEach(tp -> result.put(tp, mapped));
            } else {
                accepted.forEach((tp, o) -> offsets.put(groupId, tp, o));
            }
            return result;
        });
    }

    /** Kafka's checks for a commit to an existing classic group. */
    private static Errors validateCommit(ClassicGroup group, String memberId, String groupInstanceId,
                                         int generationId) {
        if (group.is(GroupState.DEAD)) {
            return Errors.COORDINATOR_NOT_AVAILABLE;
        }
        if (generationId >= 0 || !memberId.isEmpty() || groupInstanceId != null) {
            Errors invalid = validateMember(group, memberId, groupInstanceId);
            if (invalid != null) {
                return invalid;
            }
            if (generationId != group.generationId()) {
                return Errors.ILLEGAL_GENERATION;
            }
        } else if (!group.is(GroupState.EMPTY)) {
            // Offsets of a group with live members belong to its members.
            return Errors.UNKNOWN_MEMBER_ID;
        }
        if (group.is(GroupState.COMPLETING_REBALANCE)) {
            // The member knows the new generation but not its assignment yet: let it sync first.
            return Errors.REBALANCE_IN_PROGRESS;
        }
        return null;
    }

    /** OffsetFetch for one group; {@code partitions} null means every committed partition. */
    public CompletableFuture<FetchResult> fetchOffsets(String groupId, List<TopicPartition> partitions) {
        return call(() -> {
            Errors error = checkGroup(groupId, false);
            if (error != null) {
                return CompletableFuture.completedFuture(new FetchResult(error, Map.of()));
            }
            Map<TopicPartition, CommittedOffset> out = new LinkedHashMap<>();
            if (partitions == null) {
                out.putAll(offsets.all(groupId));
            } else {
                for (TopicPartition tp : partitions) {
                    out.put(tp, offsets.get(groupId, tp));
                }
            }
            return CompletableFuture.completedFuture(new FetchResult(Errors.NONE, out));
        });
    }

    public CompletableFuture<OffsetDeleteResult> deleteOffsets(String groupId, List<TopicPartition> partitions) {
        return call(() -> doDeleteOffsets(groupId, partitions));
    }

    private CompletableFuture<OffsetDeleteResult> doDeleteOffsets(String groupId, List<TopicPartition> partitions) {
        Errors error = checkGroup(groupId, false);
        ClassicGroup group = error == null ? groups.get(groupId) : null;
        if (error == null && (group == null || group.is(GroupState.DEAD))) {
            error = Errors.GROUP_ID_NOT_FOUND;
        }
        Set<String> subscribed = null;
        if (error == null && !group.is(GroupState.EMPTY)) {
            if (!ConsumerProtocol.PROTOCOL_TYPE.equals(group.protocolType())) {
                error = Errors.NON_EMPTY_GROUP;
            } else {
                subscribed = subscribedTopics(group);
            }
        }
        if (error != null) {
            return CompletableFuture.completedFuture(new OffsetDeleteResult(error, Map.of()));
        }
        boolean active = !group.is(GroupState.EMPTY);
        Map<TopicPartition, Errors> result = new LinkedHashMap<>();
        List<TopicPartition> toDelete = new ArrayList<>();
        List<KeyValue> records = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            // With members whose subscriptions we cannot read, every topic counts as subscribed (safe side).
            if (active && (subscribed == null || subscribed.contains(tp.topic()))) {
                result.put(tp, Errors.GROUP_SUBSCRIBED_TO_TOPIC);
                continue;
            }
            result.put(tp, Errors.NONE);
            if (offsets.get(groupId, tp) != null) {
                toDelete.add(tp);
                records.add(CoordinatorRecords.offsetCommit(groupId, tp, null));
            }
        }
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(new OffsetDeleteResult(Errors.NONE, result));
        }
        return append(groupId, records).handle((v, thrown) -> {
            if (thrown != null) {
                return new OffsetDeleteResult(appendError(thrown), Map.of());
            }
            toDelete.forEach(tp -> offsets.remove(groupId, tp));
            return new OffsetDeleteResult(Errors.NONE, result);
        });
    }

    private static Set<String> subscribedTopics(ClassicGroup group) {
        if (group.protocolName() == null) {
            return null;
        }
        Set<String> topics = new HashSet<>();
        for (MemberMetadata m : group.members()) {
            Set<String> t = ConsumerProtocol.subscribedTopics(m.metadata(group.protocolName()));
            if (t == null) {
                return null;
            }
            topics.addAll(t);
        }
        return topics;
    }

    /**
     * Removes offsets past their retention (offsets.retention.minutes after the group became empty, or an
     * explicit expiry) with tombstones, and then an empty group with no offsets left (Kafka's cleanup).
     */
    private void expireOffsets() {
        long now = now();
        Set<String> ids = new HashSet<>(groups.keySet());
        ids.addAll(offsets.groups());
        int removedOffsets = 0;
        int removedGroups = 0;
        for (String groupId : ids) {
            if (!loaded.contains(partitionFor(groupId))) {
                continue;
            }
            ClassicGroup group = groups.get(groupId);
            long emptySince;
            if (group == null || group.protocolType() == null) {
                emptySince = 0;                      // offsets-only group: each offset ages from its commit
            } else if (group.is(GroupState.EMPTY)) {
                emptySince = group.currentStateTimestamp();
            } else {
                emptySince = -1;
            }
            List<KeyValue> records = new ArrayList<>();
            for (TopicPartition tp : offsets.expired(groupId, now, config.offsetsRetentionMs(), emptySince)) {
                offsets.remove(groupId, tp);
                records.add(CoordinatorRecords.offsetCommit(groupId, tp, null));
                removedOffsets++;
            }
            if (group != null && group.is(GroupState.EMPTY) && group.pendingMembers().isEmpty()
                    && !offsets.hasOffsets(groupId)) {
                group.transitionTo(GroupState.DEAD, now);
                groups.remove(groupId);
                records.add(CoordinatorRecords.groupMetadata(groupId, null));
                removedGroups++;
            }
            if (!records.isEmpty()) {
                append(groupId, records).exceptionally(e -> {
                    log.warn("Cannot write the expiration of group {}'s offsets: {}", groupId, e.toString());
                    return null;
                });
            }
        }
        if (removedOffsets > 0 || removedGroups > 0) {
            log.info("Removed {} expired offsets and {} empty groups", removedOffsets, removedGroups);
        }
    }

    // ---- DescribeGroups, ListGroups, DeleteGroups ------------------------------------------------

    public CompletableFuture<List<GroupDescription>> describeGroups(List<String> groupIds) {
        return call(() -> {
            List<GroupDescription> out = new ArrayList<>();
            for (String id : groupIds) {
                out.add(describe(id));
            }
            return CompletableFuture.completedFuture(out);
        });
    }

    private GroupDescription describe(String groupId) {
        Errors error = checkGroup(groupId, false);
        if (error != null) {
            return new GroupDescription(groupId, error, null, "", "", List.of());
        }
        ClassicGroup group = groups.get(groupId);
        if (group == null || group.is(GroupState.DEAD)) {
            return new GroupDescription(groupId, Errors.GROUP_ID_NOT_FOUND, null, "", "", List.of());
        }
        boolean stable = group.is(GroupState.STABLE);
        List<MemberDescription> members = new ArrayList<>();
        for (MemberMetadata m : group.members()) {
            byte[] metadata = stable ? m.metadata(group.protocolName()) : null;
            members.add(new MemberDescription(m.memberId(), m.groupInstanceId(), m.clientId(), m.clientHost(),
                    metadata == null ? new byte[0] : metadata, stable ? m.assignment() : new byte[0]));
        }
        return new GroupDescription(groupId, Errors.NONE, group.state(),
                group.protocolType() == null ? "" : group.protocolType(),
                stable ? group.protocolName() : "", members);
    }

    /** ListGroups; {@code states} empty means every state (names compared case-insensitively). */
    public CompletableFuture<ListResult> listGroups(Set<GroupState> states) {
        return call(() -> {
            List<GroupListing> out = new ArrayList<>();
            for (ClassicGroup g : groups.values()) {
                if (!g.is(GroupState.DEAD) && (states.isEmpty() || states.contains(g.state()))) {
                    out.add(new GroupListing(g.groupId(), g.protocolType() == null ? "" : g.protocolType(),
                            g.state()));
                }
            }
            Errors error = topicExists && loaded.size() < partitionCount ? Errors.COORDINATOR_LOAD_IN_PROGRESS
                    : Errors.NONE;
            return CompletableFuture.completedFuture(new ListResult(error, out));
        });
    }

    public CompletableFuture<Map<String, Errors>> deleteGroups(List<String> groupIds) {
        return call(() -> {
            Map<String, Errors> result = new LinkedHashMap<>();
            List<CompletableFuture<Void>> pending = new ArrayList<>();
            for (String id : groupIds) {
                Errors error = checkGroup(id, false);
                ClassicGroup group = error == null ? groups.get(id) : null;
                if (error == null && (group == null || group.is(GroupState.DEAD))) {
                    error = Errors.GROUP_ID_NOT_FOUND;
                }
                if (error == null && !group.is(GroupState.EMPTY)) {
                    error = Errors.NON_EMPTY_GROUP;
                }
                if (error != null) {
                    result.put(id, error);
                    continue;
                }
                List<KeyValue> records = new ArrayList<>();
                for (TopicPartition tp : offsets.all(id).keySet()) {
                    records.add(CoordinatorRecords.offsetCommit(id, tp, null));
                }
                records.add(CoordinatorRecords.groupMetadata(id, null));
                group.transitionTo(GroupState.DEAD, now());
                groups.remove(id);
                for (String pendingMember : group.pendingMembers()) {
                    timers.cancel(GroupTimers.pendingMemberKey(id, pendingMember));
                }
                offsets.removeGroup(id);
                result.put(id, Errors.NONE);
                pending.add(append(id, records).handle((v, thrown) -> {
                    if (thrown != null) {
                        result.put(id, appendError(thrown));
                    }
                    return null;
                }));
                log.info("Deleted group {}", id);
            }
            return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).thenApply(v -> result);
        });
    }

    // ---- persistence and loading ------------------------------------------------------------------

    private CompletableFuture<Void> persistGroup(ClassicGroup group, Map<String, byte[]> assignments) {
        GroupSnapshot snapshot = group.snapshot(assignments);
        return append(group.groupId(), List.of(CoordinatorRecords.groupMetadata(group.groupId(), snapshot)));
    }

    /** Appends to the group's partition; the returned future completes on the coordinator thread. */
    private CompletableFuture<Void> append(String groupId, List<KeyValue> records) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        topic.append(partitionFor(groupId), records, now()).whenComplete((v, thrown) -> {
            try {
                thread.execute(() -> {
                    if (thrown != null) {
                        done.completeExceptionally(thrown);
                    } else {
                        done.complete(null);
                    }
                });
            } catch (RejectedExecutionException e) {
                done.completeExceptionally(e);      // shutting down
            }
        });
        return done;
    }

    /** Kafka's mapping of a failed coordinator write to what the client should do: find the coordinator again. */
    private static Errors appendError(Throwable thrown) {
        return Errors.COORDINATOR_NOT_AVAILABLE;
    }

    private void replay(int partition, List<Decoded> records) {
        Map<String, GroupSnapshot> loadedGroups = new LinkedHashMap<>();
        Set<String> tombstoned = new HashSet<>();
        Set<String> offsetGroups = new HashSet<>();
        int offsetCount = 0;
        for (Decoded d : records) {
            if (d instanceof OffsetRecord o) {
                if (partitionFor(o.group()) != partition) {
                    continue;
                }
                if (o.value() == null) {
                    offsets.remove(o.group(), o.partition());
                } else {
                    offsets.put(o.group(), o.partition(), o.value());
                    offsetGroups.add(o.group());
                    offsetCount++;
                }
            } else if (d instanceof GroupRecord g) {
                if (partitionFor(g.group()) != partition) {
                    continue;
                }
                if (g.value() == null) {
                    loadedGroups.remove(g.group());
                    tombstoned.add(g.group());
                } else {
                    loadedGroups.put(g.group(), g.value());
                    tombstoned.remove(g.group());
                }
            }
        }
        long now = now();
        for (Map.Entry<String, GroupSnapshot> e : loadedGroups.entrySet()) {
            ClassicGroup group = new ClassicGroup(e.getKey(), now);
            group.restore(e.getValue(), now);
            groups.put(e.getKey(), group);
            // Members must heartbeat within their session timeout, or they are removed and the group rebalances.
            for (MemberMetadata m : group.members()) {
                scheduleHeartbeat(group, m);
            }
        }
        for (String id : offsetGroups) {
            if (!groups.containsKey(id) && offsets.hasOffsets(id)) {
                groups.put(id, new ClassicGroup(id, now));
            }
        }
        loaded.add(partition);
        if (!loadedGroups.isEmpty() || offsetCount > 0) {
            log.info("Loaded {}-{}: {} groups, {} offset records", OffsetsTopic.NAME, partition, loadedGroups.size(),
                    offsetCount);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /**
     * Null when requests for this group can be served. {@code needsTopic}: the group protocol itself needs
     * the topic (and creates it); reads answer from empty state when it does not exist yet.
     */
    private Errors checkGroup(String groupId, boolean needsTopic) {
        if (groupId == null || (needsTopic && groupId.isEmpty())) {
            return Errors.INVALID_GROUP_ID;
        }
        if (!topicExists) {
            if (needsTopic) {
                ensureOffsetsTopic();
                return Errors.COORDINATOR_NOT_AVAILABLE;
            }
            return null;
        }
        if (!loaded.contains(partitionFor(groupId))) {
            return Errors.COORDINATOR_LOAD_IN_PROGRESS;
        }
        return null;
    }

    private long now() {
        return clock.getAsLong();
    }

    /** Runs {@code work} on the coordinator thread; its future's result becomes the returned one. */
    private <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> work) {
        CompletableFuture<T> out = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    work.get().whenComplete((v, e) -> {
                        if (e != null) {
                            out.completeExceptionally(e);
                        } else {
                            out.complete(v);
                        }
                    });
                } catch (RuntimeException e) {
                    log.error("Group coordinator failure", e);
                    out.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            out.completeExceptionally(e);
        }
        return out;
    }

    /**
     * Answers every held JoinGroup and SyncGroup with NOT_COORDINATOR (as Kafka does when a coordinator
     * unloads; clients look for the coordinator again), then stops the thread. Call it while connections
     * are still open so those answers (and the request buffers) are released.
     */
    @Override
    public void close() {
        try {
            thread.submit(() -> {
                for (ClassicGroup group : groups.values()) {
                    for (MemberMetadata m : group.members()) {
                        m.completeJoin(JoinGroupResult.error(Errors.NOT_COORDINATOR, m.memberId()));
                        m.completeSync(SyncGroupResult.error(Errors.NOT_COORDINATOR));
                    }
                }
            }).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                 | RejectedExecutionException e) {
            log.warn("Could not answer held group requests at shutdown: {}", e.toString());
        }
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }
}
