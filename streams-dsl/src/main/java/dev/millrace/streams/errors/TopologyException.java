package dev.millrace.streams.errors;

/** A topology that cannot be built as described: a duplicate name, an unknown parent or store, a topic taken twice. */
public class TopologyException extends StreamsException {
    public TopologyException(String message) {
        super("Invalid topology" + (message == null ? "" : ": " + message));
    }
}
