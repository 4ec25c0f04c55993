package dev.millrace.broker.group;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One member of a classic group: who it is, the protocols it offered, its assignment, and the JoinGroup or
 * SyncGroup response it is waiting for (at most one of each). Owned by the coordinator thread.
 */
final class MemberMetadata {
    private String memberId;
    private final String groupInstanceId;
    private String clientId;
    private String clientHost;
    private int rebalanceTimeoutMs;
    private int sessionTimeoutMs;
    private List<JoinProtocol> protocols;
    private byte[] assignment = new byte[0];
    private CompletableFuture<JoinGroupResult> awaitingJoin;
    private CompletableFuture<SyncGroupResult> awaitingSync;

    MemberMetadata(String memberId, String groupInstanceId, String clientId, String clientHost,
                   int rebalanceTimeoutMs, int sessionTimeoutMs, List<JoinProtocol> protocols) {
        this.memberId = memberId;
        this.groupInstanceId = groupInstanceId;
        this.clientId = clientId;
        this.clientHost = clientHost;
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.protocols = List.copyOf(protocols);
    }

    String memberId() {
        return memberId;
    }

    /** Only a static member's id changes: a restarted instance takes over its predecessor's membership. */
    void memberId(String newId) {
        this.memberId = newId;
    }

    String groupInstanceId() {
        return groupInstanceId;
    }

    boolean isStatic() {
        return groupInstanceId != null;
    }

    String clientId() {
        return clientId;
    }

    String clientHost() {
        return clientHost;
    }

    int rebalanceTimeoutMs() {
        return rebalanceTimeoutMs;
    }

    int sessionTimeoutMs() {
        return sessionTimeoutMs;
    }

    List<JoinProtocol> protocols() {
        return protocols;
    }

    void update(String clientId, String clientHost, int rebalanceTimeoutMs, int sessionTimeoutMs,
                List<JoinProtocol> protocols) {
        this.clientId = clientId;
        this.clientHost = clientHost;
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.protocols = List.copyOf(protocols);
    }

    /** The metadata offered for {@code protocol}, or null when the member does not offer it. */
    byte[] metadata(String protocol) {
        for (JoinProtocol p : protocols) {
            if (p.name().equals(protocol)) {
                return p.metadata();
            }
        }
        return null;
    }

    boolean supports(String protocol) {
        return metadata(protocol) != null;
    }

    /** Whether {@code other} is the same list of protocols with the same metadata, in the same order. */
    boolean sameProtocols(List<JoinProtocol> other) {
        if (other.size() != protocols.size()) {
            return false;
        }
        for (int i = 0; i < other.size(); i++) {
            if (!other.get(i).name().equals(protocols.get(i).name())
                    || !Arrays.equals(other.get(i).metadata(), protocols.get(i).metadata())) {
                return false;
            }
        }
        return true;
    }

    byte[] assignment() {
        return assignment;
    }

    void assignment(byte[] assignment) {
        this.assignment = assignment == null ? new byte[0] : assignment;
    }

    CompletableFuture<JoinGroupResult> awaitingJoin() {
        return awaitingJoin;
    }

    void awaitingJoin(CompletableFuture<JoinGroupResult> future) {
        this.awaitingJoin = future;
    }

    boolean isAwaitingJoin() {
        return awaitingJoin != null;
    }

    CompletableFuture<SyncGroupResult> awaitingSync() {
        return awaitingSync;
    }

    void awaitingSync(CompletableFuture<SyncGroupResult> future) {
        this.awaitingSync = future;
    }

    boolean isAwaitingSync() {
        return awaitingSync != null;
    }

    /** Answers the held JoinGroup, if any. */
    void completeJoin(JoinGroupResult result) {
        CompletableFuture<JoinGroupResult> f = awaitingJoin;
        awaitingJoin = null;
        if (f != null) {
            f.complete(result);
        }
    }

    /** Answers the held SyncGroup, if any. */
    void completeSync(SyncGroupResult result) {
        CompletableFuture<SyncGroupResult> f = awaitingSync;
        awaitingSync = null;
        if (f != null) {
            f.complete(result);
        }
    }
}
