package dev.millrace.broker.group;

import dev.millrace.broker.protocol.Errors;

/** A SyncGroup answer: the member's assignment from the leader, or an error. */
public record SyncGroupResult(Errors error, String protocolType, String protocolName, byte[] assignment) {

    static SyncGroupResult error(Errors error) {
        return new SyncGroupResult(error, null, null, new byte[0]);
    }
}
