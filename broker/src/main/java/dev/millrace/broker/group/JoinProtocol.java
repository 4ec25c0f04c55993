package dev.millrace.broker.group;

/** One protocol a member offers in JoinGroup (for consumers: an assignor name and its subscription bytes). */
public record JoinProtocol(String name, byte[] metadata) {
}
